/**
 * The exchange over HTTP in the real app: POST /api/v1/reports/import, GET /api/v1/reports/{id}/export and the
 * /reports/import page (plain form, no JavaScript), with Clerk session tokens signed by the local key.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { MongoClient } from "mongodb";
import { checkFacts, readInlineXbrl } from "../../server/exchange/check-structure";
import { createDataAccess, ensureIndexes } from "../../server/repositories";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { ADMIN_A, ORG_A, ORG_B, VIEWER_A, asBearer, asCookie, sessionToken } from "../helpers/sessions";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { companyInput } from "../repositories/support";
import { bytes, sampleWorkbook } from "./efrag-reference";

setDefaultTimeout(60_000);

let database: TestDatabase;
let client: MongoClient;
let app: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  database = await startTestDatabase("exchange-http");
  client = new MongoClient(database.url);
  const db = client.db(database.databaseName("primary"));
  await ensureIndexes(db);
  await createDataAccess({ primary: db }).forOrganization(ORG_A, { userId: ADMIN_A, role: "org:admin" }).companies.create(companyInput("Beispiel GmbH", "HRB 7"));
  app = await startTestApp(databaseEnv(database.url, { primary: database.databaseName("primary"), external: database.databaseName("external") }));
  admin = asBearer(await sessionToken({ userId: ADMIN_A, organizationId: ORG_A, role: "org:admin" }));
});
afterAll(async () => {
  await app?.stop();
  await client?.close();
  await database?.stop();
});

const upload = (data: Uint8Array, name = "vsme.xlsx") => {
  const form = new FormData();
  form.set("file", new File([data as Uint8Array<ArrayBuffer>], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  return form;
};
const post = (path: string, body: BodyInit, headers: Record<string, string>) => fetch(`${app.url}${path}`, { method: "POST", body, headers });

let reportId = "";

describe("POST /api/v1/reports/import", () => {
  test("imports the sample workbook: 201 with the per-cell answer; again only with overwrite=true", async () => {
    const created = await post("/api/v1/reports/import", upload(sampleWorkbook()), admin);
    expect(created.status).toBe(201);
    const summary = (await created.json()) as { report: { id: string; year: number; created: boolean }; imported: number; cells: { status: string; reason?: string }[] };
    expect(summary.report).toMatchObject({ year: 2026, created: true });
    expect(summary.imported).toBeGreaterThan(40);
    expect(summary.cells.some((c) => c.status === "ignored" && c.reason?.startsWith("VSME Guru has no field for"))).toBe(true);
    reportId = summary.report.id;

    const again = await post("/api/v1/reports/import", upload(sampleWorkbook()), admin);
    expect(again.status).toBe(409);
    expect(again.headers.get("content-type")).toContain("application/problem+json");
    expect(((await again.json()) as { detail: string }).detail).toContain("overwrite");

    const replaced = await post("/api/v1/reports/import?overwrite=true", upload(sampleWorkbook()), admin);
    expect(replaced.status).toBe(200);
    expect(((await replaced.json()) as { report: { id: string } }).report.id).toBe(reportId);
  });

  test("bad uploads are refused with a problem: not multipart 415, not a workbook 422, too large 413, bad flag 400", async () => {
    const json = await post("/api/v1/reports/import", "{}", { ...admin, "content-type": "application/json" });
    expect(json.status).toBe(415);
    const corrupt = await post("/api/v1/reports/import", upload(bytes("PK\u0003\u0004 definitely not a zip")), admin);
    expect(corrupt.status).toBe(422);
    expect(((await corrupt.json()) as { detail: string }).detail).toContain("not a readable .xlsx");
    const big = await post("/api/v1/reports/import", upload(new Uint8Array(12 * 1024 * 1024)), admin);
    expect(big.status).toBe(413);
    const flag = await post("/api/v1/reports/import?overwrite=yes", upload(sampleWorkbook()), admin);
    expect(flag.status).toBe(400);
    const get = await fetch(`${app.url}/api/v1/reports/import`, { headers: admin });
    expect(get.status).toBe(405);
  });

  test("needs a signed-in member who may write reports", async () => {
    expect((await post("/api/v1/reports/import", upload(sampleWorkbook()), {})).status).toBe(401);
    const viewer = asBearer(await sessionToken({ userId: VIEWER_A, organizationId: ORG_A, role: "org:viewer" }));
    expect((await post("/api/v1/reports/import", upload(sampleWorkbook()), viewer)).status).toBe(403);
  });
});

describe("GET /api/v1/reports/{id}/export", () => {
  test("inline XBRL with its content type and file name, structurally sound", async () => {
    const response = await fetch(`${app.url}/api/v1/reports/${reportId}/export?format=ixbrl`, { headers: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xhtml+xml; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain('filename="vsme-HRB-7-2026.xhtml"');
    const back = readInlineXbrl(await response.text());
    expect(back.problems).toEqual([]);
    expect(checkFacts(back.facts)).toEqual([]);
    expect(back.facts.find((f) => f.concept === "vsme:Turnover")?.value).toBe("23500");
  });

  test("xBRL-JSON, CSV and JSON", async () => {
    const get = (format: string) => fetch(`${app.url}/api/v1/reports/${reportId}/export?format=${format}`, { headers: admin });
    const xbrlJson = await get("xbrl-json");
    expect([xbrlJson.status, xbrlJson.headers.get("content-disposition")]).toEqual([200, `attachment; filename="vsme-HRB-7-2026.json"; filename*=UTF-8''vsme-HRB-7-2026.json`]);
    expect(((await xbrlJson.json()) as { documentInfo: { documentType: string } }).documentInfo.documentType).toBe("https://xbrl.org/2021/xbrl-json");
    const csv = await get("csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(new Uint8Array(await csv.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const json = await get("json");
    expect(((await json.json()) as { id: string }).id).toBe(reportId);
  });

  test("an unknown format is 400; another organization's report is 404; a viewer may export", async () => {
    expect((await fetch(`${app.url}/api/v1/reports/${reportId}/export?format=pdf`, { headers: admin })).status).toBe(400);
    expect((await fetch(`${app.url}/api/v1/reports/${reportId}/export`, { headers: admin })).status).toBe(400);
    const otherOrg = asBearer(await sessionToken({ userId: "user_other", organizationId: ORG_B, role: "org:admin" }));
    const foreign = await fetch(`${app.url}/api/v1/reports/${reportId}/export?format=ixbrl`, { headers: otherOrg });
    expect(foreign.status).toBe(404);
    expect(await foreign.text()).not.toContain("23500");
    const viewer = asBearer(await sessionToken({ userId: VIEWER_A, organizationId: ORG_A, role: "org:viewer" }));
    expect((await fetch(`${app.url}/api/v1/reports/${reportId}/export?format=csv`, { headers: viewer })).status).toBe(200);
  });
});

describe("/reports/import page (no JavaScript)", () => {
  test("shows the upload form, and a posted workbook answers with the result and the ignored cells", async () => {
    const cookie = asCookie(await sessionToken({ userId: ADMIN_A, organizationId: ORG_A, role: "org:admin" }));
    const page = await fetch(`${app.url}/reports/import`, { headers: { ...cookie, accept: "text/html" } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html.toLowerCase()).toContain('enctype="multipart/form-data"');
    expect(html).toContain('name="overwrite"');

    const origin = { origin: app.url, accept: "text/html" };
    const refused = await post("/reports/import", upload(sampleWorkbook()), { ...cookie, ...origin });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("Tick “Replace the report");

    const form = upload(sampleWorkbook());
    form.set("overwrite", "true");
    const done = await post("/reports/import", form, { ...cookie, ...origin });
    expect(done.status).toBe(200);
    const result = await done.text();
    expect(result).toContain("Report updated<!-- -->: <!-- -->2026");
    expect(result).toContain("Ignored cells");
    expect(result).toContain(`/api/v1/reports/${reportId}/export?format=ixbrl`);
  });
});
