/**
 * Profiling aid for bench/webapp.bench.ts: `bun --cpu-prof bench/support/profile-page.ts /reports/2024/b3` serves a
 * full report (like the bench) and requests one page for a few seconds (PROFILE_CONCURRENCY at a time, default 1),
 * then prints the mean time per request. Not a benchmark (prints no ratio); its CPU profile shows where a page's time goes.
 */
export {};
process.env.NODE_ENV = "production";
const { startEmbeddedMongo } = await import("../../server/embedded-mongo/index");
const { databaseEnv, startTestApp } = await import("../../tests/helpers/app");
const { toFormFields } = await import("../../tests/helpers/form-fields");
const { identityCookie, webSession } = await import("../../tests/helpers/web-session");
const { prepareWebappDatabases } = await import("../../tests/helpers/webapp-fixture");
const { fullReportCompany, fullReportInput } = await import("../../tests/fixtures/full-report");

const path = process.argv[2] ?? "/reports/2024/b3";
const mongo = await startEmbeddedMongo({ memory: true });
const names = { primary: "profile-webapp", external: "profile-webapp-external" };
const admin = { userId: "user_profile", organizationId: "org_profile", role: "org:admin" as const };
await prepareWebappDatabases(mongo.uri, names, { organizationId: admin.organizationId, emissions: [] });
// PAGE_CACHE_MB=0 profiles the render itself (otherwise repeated views come from the rendered-page cache).
const app = await startTestApp({ ...databaseEnv(mongo.uri, names), LOG_LEVEL: "error", PAGE_CACHE_MB: process.env.PAGE_CACHE_MB });
await webSession(app, admin).post("/company", { ...toFormFields(fullReportCompany()), intent: "save" });
const cookie = await identityCookie(admin);
const created = await fetch(`${app.url}/api/v1/reports`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(fullReportInput()) });
if (created.status !== 201) throw new Error(`report not created: ${created.status}`);
const until = performance.now() + Number(process.env.PROFILE_SECONDS ?? 5) * 1000;
// PROFILE_CONCURRENCY=8 loads the page as the bench does (requests then share reads, e.g. the data epochs).
const concurrency = Number(process.env.PROFILE_CONCURRENCY ?? 1);
let count = 0;
const started = performance.now();
const cpuBefore = process.cpuUsage();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (performance.now() < until) {
      const response = await fetch(`${app.url}${path}`, { headers: { cookie } });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      count++;
    }
  }),
);
const cpu = process.cpuUsage(cpuBefore);
console.log(
  `${path}: ${((performance.now() - started) / count).toFixed(2)} ms per request (${count} requests, ${concurrency} at a time), ` +
    `CPU ${((cpu.user + cpu.system) / 1000 / count).toFixed(2)} ms per request (${(cpu.system / 1000 / count).toFixed(2)} in the kernel)`,
);
await app.stop();
await mongo.stop();
