/**
 * The web app's pages and forms through the real server, as a browser without JavaScript uses them: every
 * form's success, validation error (400, messages, input kept), conflict (409), permission (403) and other
 * organization (404) paths.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { toFormFields } from "../helpers/form-fields";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { prepareWebappDatabases } from "../helpers/webapp-fixture";
import { formVersion, inputValueIn, webSession, type WebIdentity } from "../helpers/web-session";
import { companyInput, completeReport } from "../schemas/fixtures";

let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await startTestDatabase("webapp-pages");
  const names = { primary: database.databaseName("primary"), external: database.databaseName("external") };
  await prepareWebappDatabases(database.url, names, {
    organizationId: "org_webappA",
    emissions: [{ year: 2025, scope1: 70, scope2LocationBased: 35, scope3: 280, method: "Spend-based", calculatedAt: "2026-02-01T00:00:00Z" }],
  });
  app = await startTestApp(databaseEnv(database.url, names));
});
afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

const ORG_A = "org_webappA";
const ORG_B = "org_webappB";
const admin: WebIdentity = { userId: "user_adminA", organizationId: ORG_A, role: "org:admin" };
const member: WebIdentity = { userId: "user_memberA", organizationId: ORG_A, role: "org:member" };
const viewer: WebIdentity = { userId: "user_viewerA", organizationId: ORG_A, role: "org:viewer" };
const outsider: WebIdentity = { userId: "user_adminB", organizationId: ORG_B, role: "org:admin" };

const report = completeReport();
const sections = report.sections as Record<string, unknown>;
const reportFields = {
  year: "2024",
  module: "basic",
  "period.start": "2024-01-01",
  "period.end": "2024-12-31",
  "turnover.amount": "2 500 000",
  "turnover.currency": "EUR",
};

async function saveSection(who: WebIdentity, code: string, section: string, extra: Record<string, string> = {}) {
  const session = webSession(app, who);
  const page = await session.get(`/reports/2024/${code}`);
  expect(page.status).toBe(200);
  return session.post(`/reports/2024/${code}`, { ...toFormFields(sections[section]), _version: formVersion(page.html), intent: "save", ...extra });
}

describe("signing in", () => {
  test("pages need a signed-in user", async () => {
    const page = await webSession(app, null).get("/dashboard");
    expect(page.status).toBe(302);
    expect(page.location).toContain("/sign-in");
  });
});

describe("company profile", () => {
  test("created by a member with write access; a second save needs the version it was loaded with", async () => {
    const session = webSession(app, admin);
    const created = await session.post("/company", { ...toFormFields(companyInput()), intent: "save" });
    expect(created.status).toBe(200);
    expect(created.text).toContain("Company profile created.");

    const page = await session.get("/company");
    expect(inputValueIn(page.html, "name")).toBe("Muster Bäckerei GmbH");
    const version = formVersion(page.html);
    const saved = await session.post("/company", { ...toFormFields({ ...companyInput(), name: "Muster Backwaren GmbH" }), _version: version, intent: "save" });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain("Company profile saved.");

    // The same stale version again: someone else's save in between must not be overwritten silently.
    const stale = await session.post("/company", { ...toFormFields(companyInput()), _version: version, intent: "save" });
    expect(stale.status).toBe(409);
    expect(stale.text).toMatch(/Changed by user_adminA at \d{4}-\d\d-\d\d \d\d:\d\d UTC — review and save again/);
    expect(inputValueIn(stale.html, "name")).toBe("Muster Bäckerei GmbH");
  });

  test("an invalid LEI is refused with the message beside the field and the input kept", async () => {
    const page = await webSession(app, admin).post("/company", {
      ...toFormFields({ ...companyInput(), identifier: { scheme: "LEI", value: "5493001KJTIIGC8Y1R13" } }),
      _version: "2",
      intent: "save",
    });
    expect(page.status).toBe(400);
    expect(page.text).toContain("There is a problem");
    expect(page.text).toContain("This is not a valid LEI");
    expect(page.html).toContain('href="#f-identifier-value"');
    expect(inputValueIn(page.html, "identifier.value")).toBe("5493001KJTIIGC8Y1R13");
    expect(page.html).toMatch(/id="f-identifier-value"[^>]*aria-describedby="[^"]*f-identifier-value-error/);
  });

  test("viewers see the profile read-only and can't save it", async () => {
    const session = webSession(app, viewer);
    const page = await session.get("/company");
    expect(page.status).toBe(200);
    expect(page.html).not.toContain("Save company profile");
    expect((await session.post("/company", { ...toFormFields(companyInput()), _version: "2" })).status).toBe(403);
  });

  test("the NACE search works without JavaScript", async () => {
    const page = await webSession(app, admin).get("/company?nace-search=bread");
    expect(page.status).toBe(200);
    expect(page.text).toContain("10.71");
    const picked = await webSession(app, admin).get("/company?nace=10.72");
    expect(inputValueIn(picked.html, "nace.code")).toBe("10.72");
  });
});

describe("reports", () => {
  test("a draft is created for a year; the year must match the period, and only once", async () => {
    const session = webSession(app, member);
    const invalid = await session.post("/reports", { ...reportFields, "period.end": "2025-03-31", intent: "save" });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toContain("The reporting year is the year the period ends");
    expect(inputValueIn(invalid.html, "period.end")).toBe("2025-03-31");

    const created = await session.post("/reports", { ...reportFields, intent: "save" });
    expect(created.status).toBe(302);
    expect(created.location).toBe("/reports/2024");

    const again = await session.post("/reports", { ...reportFields, intent: "save" });
    expect(again.status).toBe(409);
    expect(again.text).toContain("A report for this reporting year already exists");

    const list = await session.get("/reports");
    expect(list.text).toMatch(/2024 Draft/);
  });

  test("viewers can't create reports", async () => {
    expect((await webSession(app, viewer).post("/reports", { ...reportFields, year: "2023", "period.start": "2023-01-01", "period.end": "2023-12-31" })).status).toBe(403);
  });

  test("a disclosure saves, reports a broken breakdown beside its fields, and keeps the input", async () => {
    const saved = await saveSection(member, "b8", "workforce");
    expect(saved.status).toBe(200);
    expect(saved.text).toContain("B8 saved.");

    const broken = await saveSection(member, "b8", "workforce", { "byContract.permanent": "1 000,5", typeOfNumberOfEmployees: "fte" });
    expect(broken.status).toBe(400);
    expect(broken.text).toContain("Permanent (1,000.5) and temporary (10) add up to 1,010.5, but the total number of employees is 60.");
    expect(inputValueIn(broken.html, "byContract.permanent")).toBe("1 000,5");
  });

  test("B1 also edits the datapoints kept elsewhere (employees in B8's section, turnover on the report) in one save", async () => {
    const session = webSession(app, member);
    const page = await session.get("/reports/2024/b1");
    expect(page.text).toContain("Entered in the company profile");
    const postB1 = (employees: string) =>
      session.post("/reports/2024/b1", {
        ...toFormFields(sections.basisForPreparation),
        "sections.workforce.numberOfEmployees": employees,
        "report.turnover.amount": "2 600 000",
        "report.module": "basic",
        _version: formVersion(page.html),
        intent: "save",
      });
    const saved = await postB1("61");
    // The B8 breakdowns add up to 60: the cross-section rule answers on the B1 field, nothing is saved.
    expect(saved.status).toBe(400);
    expect(saved.text).toContain("but the total number of employees is 61");
    const fixed = await postB1("60");
    expect(fixed.status).toBe(200);
    const after = await session.get("/reports/2024/b1");
    expect(inputValueIn(after.html, "sections.workforce.numberOfEmployees")).toBe("60");
    expect(inputValueIn(after.html, "report.turnover.amount")).toBe("2600000");
    expect((await session.get("/reports/2024")).text).toContain("turnover 2,600,000 EUR");
    // Saving B8 afterwards keeps what B1 entered in B8's section.
    expect((await saveSection(member, "b8", "workforce", { numberOfEmployees: "" })).status).toBe(200);
    expect(inputValueIn((await session.get("/reports/2024/b1")).html, "sections.workforce.numberOfEmployees")).toBe("60");
  });

  test("a stale disclosure form is a conflict that names who changed the report", async () => {
    const session = webSession(app, member);
    const page = await session.get("/reports/2024/b9");
    const version = formVersion(page.html);
    expect((await saveSection(admin, "b9", "healthAndSafety")).status).toBe(200);
    const stale = await session.post("/reports/2024/b9", { ...toFormFields(sections.healthAndSafety), _version: version, intent: "save" });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain("Changed by user_adminA at");
  });

  test("viewers see disclosures read-only and can't save them", async () => {
    const session = webSession(app, viewer);
    const page = await session.get("/reports/2024/b8");
    expect(page.status).toBe(200);
    expect(page.html).not.toContain("Save B8");
    expect(page.html).toMatch(/name="byContract.permanent"[^>]*disabled/);
    expect((await session.post("/reports/2024/b8", { ...toFormFields(sections.workforce), _version: "1" })).status).toBe(403);
  });

  test("another organization sees none of it", async () => {
    const session = webSession(app, outsider);
    expect((await session.get("/reports/2024")).status).toBe(404);
    expect((await session.get("/reports/2024/b8")).status).toBe(404);
    expect((await session.post("/reports/2024/b8", { ...toFormFields(sections.workforce), _version: "2" })).status).toBe(404);
    expect((await session.post("/reports/2024", { intent: "submit", _version: "2" })).status).toBe(404);
    const list = await session.get("/reports");
    expect(list.text).not.toContain("2024 Draft");
    const company = await session.get("/company");
    expect(company.text).not.toContain("Muster");
  });

  test("submit is blocked with the list of what's missing, then submit, approve, reopen with a reason, audit trail", async () => {
    const session = webSession(app, member);
    let overview = await session.get("/reports/2024");
    const blocked = await session.post("/reports/2024", { intent: "submit", _version: formVersion(overview.html) });
    expect(blocked.status).toBe(400);
    expect(blocked.text).toContain("can't be submitted yet");
    expect(blocked.html).toMatch(/href="\/reports\/2024\/b3#f-/);

    for (const [code, section] of [["b1", "basisForPreparation"], ["b3", "energyAndEmissions"], ["b10", "remuneration"], ["b11", "businessConduct"]] as const) {
      const saved = await saveSection(member, code, section);
      expect(saved.status, `${code}: ${saved.text.slice(0, 400)}`).toBe(200);
    }
    // B2 and B4–B7 (Basic module) are still empty: the list names them, and submitting needs a reason.
    overview = await session.get("/reports/2024");
    expect(overview.text).toContain("B6: Total water withdrawal");
    const stillBlocked = await session.post("/reports/2024", { intent: "submit", _version: formVersion(overview.html) });
    expect(stillBlocked.status).toBe(400);
    expect(stillBlocked.text).toContain("Say why the report is submitted incomplete");
    const submitted = await session.post("/reports/2024", {
      intent: "submit",
      overrideReason: "Water and waste follow next month",
      _version: formVersion(overview.html),
    });
    expect(submitted.status).toBe(200);
    expect(submitted.text).toContain("The report was submitted for approval.");

    const adminSession = webSession(app, admin);
    overview = await adminSession.get("/reports/2024");
    expect((await session.get("/reports/2024")).html).not.toContain('value="approve"');
    expect((await session.post("/reports/2024", { intent: "approve", _version: formVersion(overview.html) })).status).toBe(403);
    expect((await saveSection(member, "b8", "workforce")).status).toBe(409);

    const approved = await adminSession.post("/reports/2024", { intent: "approve", _version: formVersion(overview.html) });
    expect(approved.status).toBe(200);
    overview = await adminSession.get("/reports/2024");
    const noReason = await adminSession.post("/reports/2024", { intent: "reopen", reason: " ", _version: formVersion(overview.html) });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain("Say why the report is reopened");
    const reopened = await adminSession.post("/reports/2024", { intent: "reopen", reason: "Scope 2 invoices corrected", _version: formVersion(overview.html) });
    expect(reopened.status).toBe(200);

    const trail = (await adminSession.get("/reports/2024")).text;
    expect(trail).toMatch(/Reopened \(approved → draft\) Scope 2 invoices corrected/);
    expect(trail).toMatch(/user_adminA \(admin\) Approved \(submitted → approved\)/);
    expect(trail).toMatch(/user_memberA \(member\) Submitted \(draft → submitted\)/);
    expect(trail).toContain("Water and waste follow next month");
  });

  test("a new year starts from last year's answers and, once accepted, the external emissions", async () => {
    const session = webSession(app, member);
    const list = await session.get("/reports");
    expect(list.text).toContain("Emissions for 2025 from CarbonApp");
    expect(list.text).toContain("Scope 1: 70 tCO2e");
    const created = await session.post("/reports", {
      ...reportFields,
      year: "2025",
      "period.start": "2025-01-01",
      "period.end": "2025-12-31",
      copyPreviousStructure: "true",
      acceptExternalEmissions: "true",
      intent: "save",
    });
    expect(created.status, created.text.slice(0, 300)).toBe(302);
    const b3 = await session.get("/reports/2025/b3");
    expect(inputValueIn(b3.html, "ghg.grossScope1.value")).toBe("70");
    expect(inputValueIn(b3.html, "energy.totalEnergyConsumption")).toBe("");
    expect(b3.text).toContain("2024: 500 MWh");
    const b1 = await session.get("/reports/2025/b1");
    expect(inputValueIn(b1.html, "sites.1.city")).toBe("Strasbourg");
    expect(inputValueIn(b1.html, "assets")).toBe("");
  });

  test("the dashboard draws its charts on the server, with tables", async () => {
    const page = await webSession(app, viewer).get("/dashboard");
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-testid="chart-emissions"');
    expect(page.html).toContain("<svg");
    expect(page.text).toContain("Sector (per EUR of gross value added)");
    expect(page.text).toMatch(/Emissions by scope per year \(\s?tCO2e\s?\)/);
  });
});
