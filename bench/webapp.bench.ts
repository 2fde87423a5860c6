/**
 * The web app's pages under load, server-rendered: a full report's overview and one disclosure form (B3, all
 * datapoints filled) against a static file of the same server in the same run (target: report page ≥ 0.6× the
 * static requests/s). Also prints each page's HTML size and the browser JavaScript it loads (gzipped; budget
 * ≤ 150 KB for a form page).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "bun";
import { startEmbeddedMongo } from "../server/embedded-mongo/index";
import { databaseEnv, startTestApp } from "../tests/helpers/app";
import { toFormFields } from "../tests/helpers/form-fields";
import { TEST_BUILD } from "../tests/helpers/remix-build";
import { formVersion, webSession, type WebIdentity } from "../tests/helpers/web-session";
import { prepareWebappDatabases } from "../tests/helpers/webapp-fixture";
import { companyInput, completeReport } from "../tests/schemas/fixtures";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 8;

const mongo = await startEmbeddedMongo({ memory: true });
const names = { primary: "bench-webapp", external: "bench-webapp-external" };
const admin: WebIdentity = { userId: "user_benchAdmin", organizationId: "org_benchWebapp", role: "org:admin" };
await prepareWebappDatabases(mongo.uri, names, { organizationId: admin.organizationId, emissions: [] });
const app = await startTestApp({ ...databaseEnv(mongo.uri, names), LOG_LEVEL: "error" });

// A full Basic report, entered through the forms.
const session = webSession(app, admin);
await session.post("/company", { ...toFormFields(companyInput()), intent: "save" });
const report = completeReport();
await session.post("/reports", {
  year: "2024", module: "basic", "period.start": "2024-01-01", "period.end": "2024-12-31",
  "turnover.amount": String(report.turnover.amount), "turnover.currency": "EUR", intent: "save",
});
const sections = report.sections as Record<string, unknown>;
for (const [code, section] of [["b8", "workforce"], ["b1", "basisForPreparation"], ["b3", "energyAndEmissions"], ["b9", "healthAndSafety"], ["b10", "remuneration"], ["b11", "businessConduct"]] as const) {
  const page = await session.get(`/reports/2024/${code}`);
  const extra: Record<string, string> = code === "b1" ? { "sections.workforce.numberOfEmployees": "60", "sections.workforce.typeOfNumberOfEmployees": "headcount", "sections.workforce.employeeCountingMethodology": "end_of_period", "report.module": "basic", "report.turnover.amount": "2500000" } : {};
  const saved = await session.post(`/reports/2024/${code}`, { ...toFormFields(sections[section]), ...extra, _version: formVersion(page.html), intent: "save" });
  if (saved.status !== 200) throw new Error(`${code} not saved: ${saved.status}`);
}
const overview = await session.get("/reports/2024");
if (!overview.text.includes("Every required datapoint is filled in.")) throw new Error("the bench report is not complete");

const cookie = (await import("../tests/helpers/web-session")).identityCookie(admin);
const headers = { cookie: await cookie };

async function load(path: string, withCookie: boolean): Promise<number> {
  const until = performance.now() + SECONDS * 1000;
  let count = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const response = await fetch(`${app.url}${path}`, withCookie ? { headers } : {});
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      count++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return count / SECONDS;
}

/** The JavaScript files a page makes the browser load (entry, manifest, route chunks), gzipped. */
function browserJs(html: string): { files: number; gzipBytes: number } {
  const urls = new Set<string>();
  for (const match of html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)) urls.add(match[1]!);
  for (const match of html.matchAll(/import\("?(\/build\/[^")]+\.js)"?\)/g)) urls.add(match[1]!);
  let gzipBytes = 0;
  for (const url of urls) gzipBytes += gzipSync(readFileSync(join(TEST_BUILD.assetsDir, url.slice("/build/".length)))).length;
  return { files: urls.size, gzipBytes };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pages = [
  { label: "report overview /reports/2024", path: "/reports/2024" },
  { label: "disclosure form /reports/2024/b3", path: "/reports/2024/b3" },
  { label: "disclosure form /reports/2024/b1", path: "/reports/2024/b1" },
  { label: "dashboard /dashboard", path: "/dashboard" },
];

await load("/favicon.svg", false); // warm-up
const staticRps = await load("/favicon.svg", false);
console.log(`static file /favicon.svg: ${staticRps.toFixed(0)} req/s (${CONCURRENCY} concurrent, ${SECONDS} s)`);
for (const page of pages) {
  const html = (await session.get(page.path)).html;
  await load(page.path, true);
  const rps = await load(page.path, true);
  const js = browserJs(html);
  console.log(
    `${page.label}: ${rps.toFixed(0)} req/s = ${(rps / staticRps).toFixed(2)}× static · HTML ${kb(html.length)} (gzip ${kb(gzipSync(Buffer.from(html)).length)}) · browser JS ${js.files} files, ${kb(js.gzipBytes)} gzipped`,
  );
}

await app.stop();
await mongo.stop();
