/**
 * Inline validation with JavaScript is the server's own check: the form posts its values to its action with
 * `intent=validate` (as the browser's fetcher does, through Remix's `.data` endpoint) and gets the messages the
 * same values would get on Save — nothing is saved, and a user who may not save may not ask either.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { toFormFields } from "../helpers/form-fields";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { prepareWebappDatabases } from "../helpers/webapp-fixture";
import { formVersion, identityCookie, inputValueIn, webSession, type WebIdentity } from "../helpers/web-session";
import { companyInput } from "../schemas/fixtures";

let database: TestDatabase;
let app: TestApp;
const ORG = "org_inlineCheck";
const admin: WebIdentity = { userId: "user_inlineAdmin", organizationId: ORG, role: "org:admin" };
const viewer: WebIdentity = { userId: "user_inlineViewer", organizationId: ORG, role: "org:viewer" };

beforeAll(async () => {
  database = await startTestDatabase("webapp-inline-validation");
  const names = { primary: database.databaseName("primary"), external: database.databaseName("external") };
  await prepareWebappDatabases(database.url, names, { organizationId: ORG, emissions: [] });
  app = await startTestApp(databaseEnv(database.url, names));
  const session = webSession(app, admin);
  expect((await session.post("/company", { ...toFormFields(companyInput()), intent: "save" })).status).toBe(200);
  const created = await session.post("/reports", {
    year: "2024",
    module: "basic",
    "period.start": "2024-01-01",
    "period.end": "2024-12-31",
    "turnover.amount": "2500000",
    "turnover.currency": "EUR",
    intent: "save",
  });
  expect(created.status).toBe(302);
});
afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

/** What the browser's validation fetcher sends: the form's values and intent=validate, to the page's action. */
async function validate(who: WebIdentity, path: string, fields: Record<string, string>) {
  const response = await fetch(`${app.url}${path}.data`, {
    method: "POST",
    headers: { cookie: await identityCookie(who), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, intent: "validate" }),
  });
  return { status: response.status, body: await response.text() };
}

describe("intent=validate on a disclosure form", () => {
  test("answers the messages Save would give, field by field, and saves nothing", async () => {
    const session = webSession(app, admin);
    const before = await session.get("/reports/2024/b3");
    const version = formVersion(before.html);
    const fields = { status: "reported", _version: version, "energy.totalEnergyConsumption": "lots of energy" };

    const checked = await validate(admin, "/reports/2024/b3", fields);
    expect(checked.status).toBe(200);
    expect(checked.body).toContain("validated");
    expect(checked.body).toContain("energy.totalEnergyConsumption");
    expect(checked.body).toContain("Enter a number");

    // The same post as a Save gets the same message (400) — and after both, nothing has changed.
    const saved = await session.post("/reports/2024/b3", { ...fields, intent: "save" });
    expect(saved.status).toBe(400);
    expect(saved.text).toContain("Enter a number");
    const after = await session.get("/reports/2024/b3");
    expect(formVersion(after.html)).toBe(version);
    expect(inputValueIn(after.html, "energy.totalEnergyConsumption")).toBe("");
  });

  test("a number typed with a decimal comma passes, and is still not saved", async () => {
    const session = webSession(app, admin);
    const version = formVersion((await session.get("/reports/2024/b3")).html);
    const checked = await validate(admin, "/reports/2024/b3", { status: "reported", _version: version, "energy.totalEnergyConsumption": "1 234,5" });
    expect(checked.status).toBe(200);
    expect(checked.body).toContain("validated");
    expect(checked.body).not.toContain("energy.totalEnergyConsumption");
    const after = await session.get("/reports/2024/b3");
    expect(formVersion(after.html)).toBe(version);
    expect(inputValueIn(after.html, "energy.totalEnergyConsumption")).toBe("");
  });

  test("a viewer (no write access) gets 403, not the messages", async () => {
    const checked = await validate(viewer, "/reports/2024/b3", { status: "reported", "energy.totalEnergyConsumption": "lots" });
    expect(checked.status).toBe(403);
    expect(checked.body).not.toContain("Enter a number");
  });
});

describe("intent=validate on the company form", () => {
  test("checks an identifier with the company schema (an LEI's check digits) without saving", async () => {
    const session = webSession(app, admin);
    const version = formVersion((await session.get("/company")).html);
    const fields = { ...(toFormFields(companyInput()) as Record<string, string>), "identifier.scheme": "LEI", "identifier.value": "5493001KJTIIGC8Y1R13", _version: version };
    const checked = await validate(admin, "/company", fields);
    expect(checked.status).toBe(200);
    expect(checked.body).toContain("This is not a valid LEI");
    expect(formVersion((await session.get("/company")).html)).toBe(version);
  });
});
