/**
 * The primary database goes away while the app runs, then comes back on the same port with the same data:
 * the app answers 503 meanwhile (readiness and pages), never crashes, and recovers without a restart.
 *
 * This file always uses an embedded server, even with TEST_DATABASE_URL set: the test has to stop and restart
 * the database process, which it can only do with one it owns.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedMongo, type EmbeddedMongo } from "../../server/embedded-mongo/index";
import { startTestApp, type TestApp } from "../helpers/app";
import { withPrimaryQueryRoutes } from "../helpers/extra-routes";

let dataDir: string;
let embedded: EmbeddedMongo;
let app: TestApp;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "vsme-outage-"));
  embedded = await startEmbeddedMongo({ dataDir });
  const url = `mongodb://127.0.0.1:${embedded.port}/?directConnection=true`;
  app = await startTestApp(
    { PRIMARY_DATABASE_URL: url, PRIMARY_DATABASE_NAME: "outage-primary", EXTERNAL_DATABASE_NAME: "outage-external" },
    { extendBuild: withPrimaryQueryRoutes },
  );
});
afterAll(async () => {
  await app?.stop();
  await embedded?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function readyStatus(): Promise<{ code: number; status: string }> {
  const response = await fetch(`${app.url}/readyz`);
  return { code: response.status, status: ((await response.json()) as { status: string }).status };
}

/** Polls until the predicate holds (bounded); recovery depends on the driver's next heartbeat. */
async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, attempts = 40): Promise<T> {
  let last = await probe();
  for (let i = 0; i < attempts && !done(last); i++) {
    await Bun.sleep(250);
    last = await probe();
  }
  return last;
}

test("primary down → 503 readiness and 503 page; primary back → recovery without restart", async () => {
  const { primary } = await app.connections.getDatabases();
  await primary.collection("reports").insertOne({ ref: "r1", title: "2025 report" });
  expect(await readyStatus()).toEqual({ code: 200, status: "ok" });

  await embedded.stop();

  expect(await readyStatus()).toEqual({ code: 503, status: "unavailable" });
  const page = await fetch(app.url);
  expect(page.status).toBe(503);
  expect(page.headers.get("retry-after")).toBe("5");
  expect(await page.text()).toContain("Service temporarily unavailable");
  expect((await fetch(`${app.url}/healthz`)).status).toBe(200);

  // A loader whose query fails because the primary is unreachable: 503, not Remix's generic 500.
  const queryPage = await fetch(`${app.url}/test-report-count`);
  expect(queryPage.status).toBe(503);
  expect(queryPage.headers.get("content-type")).toContain("text/html");
  expect(await queryPage.text()).toContain("The primary database cannot be reached right now.");
  for (const [path, headers] of [
    ["/api/test-report-count", {}],
    ["/test-report-count", { Accept: "application/json" }],
  ] as const) {
    const problem = await fetch(app.url + path, { headers });
    expect(problem.status).toBe(503);
    expect(problem.headers.get("content-type")).toBe("application/problem+json");
    expect(await problem.json()).toMatchObject({ status: 503, title: "Service temporarily unavailable", type: expect.stringContaining("database-unavailable") });
  }
  expect(app.logs.some((r) => r.level === "warn" && r.msg === "database server unreachable")).toBe(true);

  embedded = await startEmbeddedMongo({ port: embedded.port, dataDir });

  expect(await eventually(readyStatus, (s) => s.code === 200)).toEqual({ code: 200, status: "ok" });
  expect((await fetch(app.url)).status).toBe(200);
  expect(await (await fetch(`${app.url}/api/test-report-count`)).json()).toEqual({ reports: 1 });
  expect(await primary.collection("reports").findOne({ ref: "r1" })).toMatchObject({ title: "2025 report" });
}, 30_000);
