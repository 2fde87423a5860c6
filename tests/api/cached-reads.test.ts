/**
 * API reads answered from kept JSON (app/utils/api/representation-cache.server.ts) through the real server:
 * never out of date — a write through the API, on another app instance, a lifecycle transition (a transaction)
 * or a migration (the global epoch) shows at once, with its new ETag — and never another organization's.
 * Each staleness check first proves the answer was the kept one: the test changes the stored report behind the
 * repository layer's back (no new epoch), which only a kept answer does not show.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MongoClient, ObjectId, type Db } from "mongodb";
import { bumpDataEpoch } from "../../server/repositories/core/data-epoch";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { prepareWebappDatabases } from "../helpers/webapp-fixture";
import { identityCookie, type WebIdentity } from "../helpers/web-session";
import { fullReportCompany, fullReportInput } from "../fixtures/full-report";

const ORG_A = "org_cachedReadsA";
const admin: WebIdentity = { userId: "user_cachedReadsAdmin", organizationId: ORG_A, role: "org:admin" };
const outsider: WebIdentity = { userId: "user_cachedReadsOutsider", organizationId: "org_cachedReadsB", role: "org:admin" };

let database: TestDatabase;
let mongo: MongoClient;
let primary: Db;
let app: TestApp;
/** A second instance on the same databases, with its own kept answers. */
let otherInstance: TestApp;
let reportId: string;

beforeAll(async () => {
  database = await startTestDatabase("api-cached-reads");
  const names = { primary: database.databaseName("primary"), external: database.databaseName("external") };
  await prepareWebappDatabases(database.url, names, { organizationId: ORG_A, emissions: [] });
  mongo = new MongoClient(database.url);
  primary = mongo.db(names.primary);
  app = await startTestApp(databaseEnv(database.url, names));
  otherInstance = await startTestApp(databaseEnv(database.url, names));
  const company = await call(admin, "PUT", "/api/v1/company", fullReportCompany());
  expect(company.status).toBe(201);
  const created = await call(admin, "POST", "/api/v1/reports", fullReportInput());
  expect(created.status).toBe(201);
  reportId = ((await created.json()) as { id: string }).id;
});
afterAll(async () => {
  await otherInstance?.stop();
  await app?.stop();
  await mongo?.close();
  await database?.stop();
});

async function call(who: WebIdentity, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, server: TestApp = app) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: await identityCookie(who), ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function read(path: string, server: TestApp = app) {
  const response = await call(admin, "GET", path, undefined, {}, server);
  expect(response.status).toBe(200);
  return { etag: response.headers.get("etag"), body: (await response.json()) as Record<string, any>, link: response.headers.get("link") };
}

/** Changes the stored report's turnover behind the repositories' back: only a kept answer still shows the old one. */
async function changeBehindTheCache(amount: number) {
  const changed = await primary.collection("reports").updateOne({ _id: new ObjectId(reportId) }, { $set: { "turnover.amount": amount } });
  expect(changed.modifiedCount).toBe(1);
}

/** Reads the report until this instance answers it from what it kept (the raw change above stays unseen). */
async function provenKept(server: TestApp = app) {
  const before = await read(`/api/v1/reports/${reportId}`, server);
  await changeBehindTheCache(before.body.turnover.amount + 1);
  const again = await read(`/api/v1/reports/${reportId}`, server);
  expect(again.body).toEqual(before.body);
  expect(again.etag).toBe(before.etag);
  return before;
}

describe("a kept API answer is never out of date", () => {
  test("a section written through the API shows on the next GET, with the new ETag", async () => {
    const before = await provenKept();
    const put = await call(admin, "PUT", `/api/v1/reports/${reportId}/sections/workforce`, { ...(fullReportInput().sections as any).workforce, byContract: { permanent: 150, temporary: 10 } }, { "if-match": before.etag! });
    expect(put.status).toBe(200);
    const after = await read(`/api/v1/reports/${reportId}`);
    expect(after.body.sections.workforce.byContract).toEqual({ permanent: 150, temporary: 10 });
    expect(after.etag).toBe(put.headers.get("etag"));
    expect(after.etag).not.toBe(before.etag);
  });

  test("a write on another app instance shows on this one (the epochs are in the database)", async () => {
    const before = await provenKept();
    const put = await call(admin, "PATCH", `/api/v1/reports/${reportId}`, { turnover: { amount: 2_000_000, currency: "EUR" } }, { "if-match": before.etag! }, otherInstance);
    expect(put.status).toBe(200);
    const after = await read(`/api/v1/reports/${reportId}`);
    expect(after.body.turnover).toEqual({ amount: 2_000_000, currency: "EUR" });
    expect(after.etag).toBe(put.headers.get("etag"));
  });

  test("a lifecycle transition (a transaction) shows on the report and in the list", async () => {
    const before = await provenKept();
    const listed = await read("/api/v1/reports?limit=5");
    expect(listed.body.items.map((item: { status: string }) => item.status)).toEqual(["draft"]);
    const submitted = await call(admin, "POST", `/api/v1/reports/${reportId}/submit`, undefined, { "if-match": before.etag! });
    expect({ status: submitted.status, body: await submitted.text() }).toMatchObject({ status: 200 });
    expect((await read(`/api/v1/reports/${reportId}`)).body.status).toBe("submitted");
    expect((await read("/api/v1/reports?limit=5")).body.items.map((item: { status: string }) => item.status)).toEqual(["submitted"]);
  });

  test("a report created on another instance appears in this one's list, and the next page follows", async () => {
    expect((await read("/api/v1/reports?limit=1")).body.items).toHaveLength(1);
    const created = await call(admin, "POST", "/api/v1/reports", { ...fullReportInput(), year: 2025, period: { start: "2025-01-01", end: "2025-12-31" } }, {}, otherInstance);
    expect(created.status).toBe(201);
    const first = await read("/api/v1/reports?limit=1");
    expect(first.body.items.map((item: { year: number }) => item.year)).toEqual([2025]);
    expect(first.link).toContain("cursor=");
    const kept = await read("/api/v1/reports?limit=1");
    expect(kept.link).toBe(first.link);
    const second = await read(`/api/v1/reports?limit=1&cursor=${encodeURIComponent(first.body.next)}`);
    expect(second.body.items.map((item: { year: number }) => item.year)).toEqual([2024]);
  });

  test("a migration (a new global epoch) is seen at once", async () => {
    await provenKept();
    await changeBehindTheCache(4_242_424);
    expect((await read(`/api/v1/reports/${reportId}`)).body.turnover.amount).not.toBe(4_242_424);
    await bumpDataEpoch(primary, undefined);
    expect((await read(`/api/v1/reports/${reportId}`)).body.turnover.amount).toBe(4_242_424);
  });
});

describe("a kept API answer is never someone else's", () => {
  test("another organization asking for the same report id gets 404, not the kept report", async () => {
    await provenKept();
    const response = await call(outsider, "GET", `/api/v1/reports/${reportId}`);
    expect(response.status).toBe(404);
    const list = await call(outsider, "GET", "/api/v1/reports?limit=5");
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);
  });
});
