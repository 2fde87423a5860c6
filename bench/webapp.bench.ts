/**
 * The web app's pages under load, server-rendered: a full report's overview and its disclosure forms (every
 * datapoint of Option B filled) against, in the same run, a static page of the same server (`/api/docs`, fixed
 * HTML through the same request handler; target: report page ≥ 0.6× its requests/s) and a static file
 * (`/favicon.svg`, served before Remix). Also prints each page's HTML size and the browser JavaScript it loads
 * (gzipped; budget ≤ 150 KB for a form page). React renders as in `npm start` (NODE_ENV=production).
 * Pages are answered from the rendered-page cache when their data is unchanged (the share is printed);
 * `PAGE_CACHE_MB=0` measures them rendered every time. Two layouts, each printed: the embedded database inside
 * the app's process (as `npm run dev` runs it; its work competes with the app's) and in a process of its own
 * (the shape of production, where the database is Atlas). BENCH_LAYOUTS=in-process or own-process runs one.
 * The load generator runs in the app's process in both.
 */
// Before the server build is loaded: react-dom picks its production renderer from this.
process.env.NODE_ENV = "production";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "bun";
import { startEmbeddedMongo } from "../server/embedded-mongo/index";
import { databaseEnv, startTestApp, type TestApp } from "../tests/helpers/app";
import { toFormFields } from "../tests/helpers/form-fields";
import { TEST_BUILD } from "../tests/helpers/remix-build";
import { identityCookie, webSession, type WebIdentity } from "../tests/helpers/web-session";
import { prepareWebappDatabases } from "../tests/helpers/webapp-fixture";
import { fullReportCompany, fullReportInput } from "../tests/fixtures/full-report";
import { runWithAllocatorSettings } from "./support/allocator-settings";
import { startDatabaseProcess } from "./support/database-process";

await runWithAllocatorSettings();

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SLICE_SECONDS = 0.5;
const CONCURRENCY = 8;

async function startServer(layout: string) {
  const mongo = layout === "own-process" ? await startDatabaseProcess() : await startEmbeddedMongo({ memory: true });
  const names = { primary: "bench-webapp", external: "bench-webapp-external" };
  await prepareWebappDatabases(mongo.uri, names, { organizationId: admin.organizationId, emissions: [] });
  // PAGE_CACHE_MB=0 measures every page rendered (no rendered-page cache).
  const app = await startTestApp({ ...databaseEnv(mongo.uri, names), LOG_LEVEL: "error", PAGE_CACHE_MB: process.env.PAGE_CACHE_MB });

  // A full report (every disclosure of Option B filled), created through the API with the admin's session.
  const session = webSession(app, admin);
  await session.post("/company", { ...toFormFields(fullReportCompany()), intent: "save" });
  const created = await fetch(`${app.url}/api/v1/reports`, {
    method: "POST",
    headers: { cookie: await identityCookie(admin), "content-type": "application/json" },
    body: JSON.stringify(fullReportInput()),
  });
  if (created.status !== 201) throw new Error(`the bench report was not created: ${created.status} ${await created.text()}`);
  const overview = await session.get("/reports/2024");
  if (!overview.text.includes("Every required datapoint is filled in.")) throw new Error("the bench report is not complete");
  return { app, session, stop: async () => (await app.stop(), await mongo.stop()) };
}

const admin: WebIdentity = { userId: "user_benchAdmin", organizationId: "org_benchWebapp", role: "org:admin" };
/** The admin's session cookie, minted afresh for each page: one older than two minutes is refreshed, and its page rendered. */
let headers = { cookie: "" };
let app: TestApp;

/** Requests answered for `path` in `seconds`, and how many came from the rendered-page cache (server/http/rendered-pages.ts). */
async function slice(path: string, withCookie: boolean, seconds: number): Promise<{ count: number; fromCache: number; seconds: number }> {
  const started = performance.now();
  const until = started + seconds * 1000;
  let count = 0;
  let fromCache = 0;
  const worker = async () => {
    while (performance.now() < until) {
      const response = await fetch(`${app.url}${path}`, withCookie ? { headers } : {});
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      if (response.headers.get("x-page-cache") === "hit") fromCache++;
      count++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { count, fromCache, seconds: (performance.now() - started) / 1000 };
}

/**
 * Requests/s of `path` against `baseline`, measured in alternating half-second slices: a burst of noise from
 * the machine then falls on both, so their ratio holds still from run to run where back-to-back runs did not.
 */
async function compare(path: string, withCookie: boolean, baseline: { path: string; withCookie: boolean }) {
  const totals = { page: { count: 0, fromCache: 0, seconds: 0 }, baseline: { count: 0, fromCache: 0, seconds: 0 } };
  await slice(path, withCookie, SLICE_SECONDS); // warm-up (JIT, caches)
  for (let round = 0; round < Math.max(2, Math.round(SECONDS / SLICE_SECONDS)); round++) {
    for (const [which, measured] of [["baseline", await slice(baseline.path, baseline.withCookie, SLICE_SECONDS)], ["page", await slice(path, withCookie, SLICE_SECONDS)]] as const) {
      totals[which].count += measured.count;
      totals[which].fromCache += measured.fromCache;
      totals[which].seconds += measured.seconds;
    }
  }
  return {
    rps: totals.page.count / totals.page.seconds,
    baselineRps: totals.baseline.count / totals.baseline.seconds,
    hitShare: totals.page.fromCache / totals.page.count,
  };
}

const assetGzip = (url: string) => gzipSync(readFileSync(join(TEST_BUILD.assetsDir, url.slice("/build/".length)))).length;
/** Chunks only reached through a dynamic `import()` inside the loaded files (e.g. Clerk's SDK, with Clerk only). */
const onDemand = new Map<string, number>();

/** The JavaScript files a page makes the browser load (entry, manifest, route chunks), gzipped. */
function browserJs(html: string): { files: number; gzipBytes: number } {
  const urls = new Set<string>();
  for (const match of html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)) urls.add(match[1]!);
  for (const match of html.matchAll(/import\("?(\/build\/[^")]+\.js)"?\)/g)) urls.add(match[1]!);
  let gzipBytes = 0;
  for (const url of urls) gzipBytes += assetGzip(url);
  for (const url of urls) {
    const code = readFileSync(join(TEST_BUILD.assetsDir, url.slice("/build/".length)), "utf8");
    for (const match of code.matchAll(/import\("(\/build\/[^"]+\.js)"\)/g)) if (!urls.has(match[1]!)) onDemand.set(match[1]!, assetGzip(match[1]!));
  }
  return { files: urls.size, gzipBytes };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const pages = [
  { label: "report overview /reports/2024", path: "/reports/2024" },
  { label: "disclosure form /reports/2024/b3", path: "/reports/2024/b3" },
  { label: "disclosure form /reports/2024/b1", path: "/reports/2024/b1" },
  { label: "disclosure form /reports/2024/c3", path: "/reports/2024/c3" },
  { label: "dashboard /dashboard", path: "/dashboard" },
];

for (const layout of (process.env.BENCH_LAYOUTS ?? "in-process,own-process").split(",")) {
  const server = await startServer(layout);
  app = server.app;
  console.log(`\n${layout === "own-process" ? "database in its own process" : "database in the app's process"}:`);
  const staticPage = { path: "/api/docs", withCookie: false };
  const file = await compare("/favicon.svg", false, staticPage);
  console.log(`static page /api/docs: ${file.baselineRps.toFixed(0)} req/s (${CONCURRENCY} concurrent, ${SECONDS} s per page, alternating with it in ${SLICE_SECONDS} s slices)`);
  console.log(`static file /favicon.svg: ${file.rps.toFixed(0)} req/s = ${(file.rps / file.baselineRps).toFixed(2)}× the static page`);
  for (const page of pages) {
    headers = { cookie: await identityCookie(admin) };
    const html = (await server.session.get(page.path)).html;
    const result = await compare(page.path, true, staticPage);
    const js = browserJs(html);
    console.log(
      `${page.label}: ${result.rps.toFixed(0)} req/s = ${(result.rps / result.baselineRps).toFixed(2)}× the static page (${result.baselineRps.toFixed(0)} req/s beside it) · HTML ${kb(html.length)} (gzip ${kb(gzipSync(Buffer.from(html)).length)}) · browser JS ${js.files} files, ${kb(js.gzipBytes)} gzipped · ${(result.hitShare * 100).toFixed(0)} % from the page cache`,
    );
  }
  // The allocator keeps freed memory (server/runtime/allocator.ts): the process's size is its peak, printed here.
  const status = readFileSync("/proc/self/status", "utf8");
  const mb = (field: string) => (Number(/\s(\d+) kB/.exec(status.split("\n").find((line) => line.startsWith(field)) ?? "")?.[1] ?? 0) / 1024).toFixed(0);
  console.log(`memory of this process (app, load generator${layout === "in-process" ? ", database" : ""}): ${mb("VmRSS:")} MB resident, peak ${mb("VmHWM:")} MB`);
  await server.stop();
}

for (const [url, gzipBytes] of onDemand) {
  console.log(`not loaded by these pages, only on demand (dynamic import): ${url} ${kb(gzipBytes)} gzipped${/\/clerk-/.test(url) ? " — Clerk's SDK, imported before hydration only when the app runs with Clerk" : ""}`);
}

