/**
 * What a disclosure form leaves out, through the real server as a browser without JavaScript uses it: groups
 * omitted as classified or sensitive (24(b), kept in B1's list, holding no values), blocks behind an
 * "if applicable" question answered "no", the Comprehensive pages (C1–C9) that only an Option B report has, and
 * B1's sites with their geolocation as table rows.
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
  database = await startTestDatabase("webapp-omissions");
  const names = { primary: database.databaseName("primary"), external: database.databaseName("external") };
  await prepareWebappDatabases(database.url, names, { organizationId: "org_omitA", emissions: [] });
  app = await startTestApp(databaseEnv(database.url, names));
  const company = await webSession(app, { userId: "user_omitAdmin", organizationId: "org_omitA", role: "org:admin" }).post("/company", { ...toFormFields(companyInput()), intent: "save" });
  expect(company.status).toBe(200);
});
afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

const member: WebIdentity = { userId: "user_omitMember", organizationId: "org_omitA", role: "org:member" };
const sections = completeReport().sections as Record<string, unknown>;

async function createReport(year: number, module: "basic" | "basic_comprehensive") {
  const created = await webSession(app, member).post("/reports", {
    year: String(year),
    module,
    "period.start": `${year}-01-01`,
    "period.end": `${year}-12-31`,
    "turnover.amount": "2500000",
    "turnover.currency": "EUR",
    intent: "save",
  });
  expect(created.status, created.text.slice(0, 300)).toBe(302);
}

async function post(year: number, code: string, fields: Record<string, string | string[]>) {
  const session = webSession(app, member);
  const page = await session.get(`/reports/${year}/${code}`);
  expect(page.status).toBe(200);
  return session.post(`/reports/${year}/${code}`, { ...fields, _version: formVersion(page.html), intent: "save" });
}

/** Whether the checkbox `name` = `value` is rendered checked. */
function checked(html: string, name: string, value: string): boolean {
  const tag = [...html.matchAll(/<input[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`name="${name}"`) && t.includes(`value="${value}"`));
  if (!tag) throw new Error(`no checkbox ${name}=${value}`);
  return /\schecked=""/.test(tag);
}

describe("omission as classified or sensitive information (24(b))", () => {
  beforeAll(() => createReport(2024, "basic"));

  test("a part of B3 omitted on its page is listed in B1 and holds no values; un-ticking brings it back", async () => {
    const b3 = toFormFields(sections.energyAndEmissions);
    const saved = await post(2024, "b3", { ...b3, omitGroups: "B3.ghgEmissions" });
    expect(saved.status, saved.text.slice(saved.text.indexOf("There is a problem"), saved.text.indexOf("There is a problem") + 800)).toBe(200);

    const session = webSession(app, member);
    const page = await session.get("/reports/2024/b3");
    expect(checked(page.html, "omitGroups", "B3.ghgEmissions")).toBe(true);
    // Sent without JavaScript, the values were dropped; the energy figures beside them were kept.
    expect(inputValueIn(page.html, "ghg.grossScope1.value")).toBe("");
    expect(inputValueIn(page.html, "energy.totalEnergyConsumption")).toBe("500");
    // The omitted fields are still in the page, hidden once JavaScript runs.
    expect(page.html).toMatch(/<div class="datapoint" data-hidden-with-js="true"><div class="field" data-field="ghg\.grossScope1\.value"/);
    expect(checked((await session.get("/reports/2024/b1")).html, "omittedDisclosures", "B3.ghgEmissions")).toBe(true);
    const overview = await session.get("/reports/2024");
    expect(overview.text).not.toContain("B3: Gross Scope 1");

    const restored = await post(2024, "b3", b3);
    expect(restored.status).toBe(200);
    const after = await session.get("/reports/2024/b3");
    expect(checked(after.html, "omitGroups", "B3.ghgEmissions")).toBe(false);
    expect(inputValueIn(after.html, "ghg.grossScope1.value")).toBe("80");
  });

  test("the whole disclosure omitted: nothing of it is kept, the navigation says so", async () => {
    const saved = await post(2024, "b9", { ...toFormFields(sections.healthAndSafety), omitGroups: "B9" });
    expect(saved.status).toBe(200);
    const page = await webSession(app, member).get("/reports/2024/b9");
    expect(inputValueIn(page.html, "numberOfRecordableWorkRelatedAccidents")).toBe("");
    expect(page.text).toContain("B9 Workforce – health and safety — omitted (classified or sensitive)");
  });

  test("only this page's own groups can be omitted from it", async () => {
    const refused = await post(2024, "b3", { ...toFormFields(sections.energyAndEmissions), omitGroups: ["B3.totalEnergy", "B8.gender"] });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("Not a part of B3: B8.gender");
    expect(checked(refused.html, "omitGroups", "B3.totalEnergy")).toBe(true);
  });

  test("B1 omits its own parts through the report's list: the sites are dropped", async () => {
    const b1 = toFormFields(sections.basisForPreparation);
    const saved = await post(2024, "b1", { ...b1, omittedDisclosures: ["B1.sites", "B9"] });
    expect(saved.status, saved.text.slice(0, 500)).toBe(200);
    const page = await webSession(app, member).get("/reports/2024/b1");
    expect(inputValueIn(page.html, "sites.0.city")).toBe("");
    expect(checked(page.html, "omittedDisclosures", "B1.sites")).toBe(true);
    // Saving B3 afterwards keeps B1's own omission.
    expect((await post(2024, "b3", { ...toFormFields(sections.energyAndEmissions), omitGroups: "B3.ghgEmissions" })).status).toBe(200);
    expect(checked((await webSession(app, member).get("/reports/2024/b1")).html, "omittedDisclosures", "B1.sites")).toBe(true);
  });
});

describe("'if applicable' questions", () => {
  test("a 'no' drops the answers that depended on it (sent anyway without JavaScript)", async () => {
    const b1 = toFormFields(sections.basisForPreparation);
    const saved = await post(2024, "b1", {
      ...b1,
      containsUnchangedDisclosures: "false",
      unchangedDisclosures: "B9",
      linkToPreviousReport: "https://example.com/2023.pdf",
      hasSustainabilityCertifications: "false",
      sustainabilityCertifications: "ISO 14001",
    });
    expect(saved.status, saved.text.slice(0, 500)).toBe(200);
    const page = await webSession(app, member).get("/reports/2024/b1");
    expect(checked(page.html, "unchangedDisclosures", "B9")).toBe(false);
    expect(inputValueIn(page.html, "linkToPreviousReport")).toBe("");
    expect(page.html).not.toContain("ISO 14001");
    expect(page.html).toMatch(/<div class="datapoint" data-hidden-with-js="true"><div class="field" data-field="linkToPreviousReport"/);
  });

  test("a chain of questions: no high-impact sector hides the transition plan and its description (C3)", async () => {
    await createReport(2023, "basic_comprehensive");
    const saved = await post(2023, "c3", { status: "reported", hasGhgReductionTargets: "false", inHighClimateImpactSector: "false", hasTransitionPlan: "true", transitionPlanDescription: "Plan" });
    expect(saved.status, saved.text.slice(0, 600)).toBe(200);
    const page = await webSession(app, member).get("/reports/2023/c3");
    expect(page.html).not.toContain(">Plan<");
    expect(page.html).toMatch(/data-hidden-with-js="true"><div class="field[^"]*" data-field="transitionPlanDescription"/);
  });
});

describe("Comprehensive disclosures (C1–C9)", () => {
  test("an Option B report has a page for each, in the navigation; a Basic report has none", async () => {
    const session = webSession(app, member);
    const optionB = await session.get("/reports/2023");
    for (const code of ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"]) {
      expect(optionB.html).toContain(`href="/reports/2023/${code}"`);
      const page = await session.get(`/reports/2023/${code}`);
      expect(page.status, code).toBe(200);
      expect(page.html).toContain(`Save ${code.toUpperCase()}`);
    }
    const basic = await session.get("/reports/2024");
    expect(basic.html).toContain('href="/reports/2024/b11"');
    expect(basic.html).not.toContain('href="/reports/2024/c1"');
    expect((await session.get("/reports/2024/c1")).status).toBe(404);
    expect((await session.get("/reports/2024/b11")).html).not.toContain('href="/reports/2024/c1"');
  });
});

describe("B1's sites: rows with an address and a geolocation, without JavaScript", () => {
  test("rows are added by a submit button, coordinates saved and shown back, a wrong latitude named in its row", async () => {
    const session = webSession(app, member);
    const b1 = toFormFields(sections.basisForPreparation);
    const added = await post(2024, "b1", { ...b1, "_rows.sites": "2", intent: "add-row:sites" });
    expect(added.status).toBe(200);
    expect(added.html).toContain('name="sites.2.gps.latitude"');
    expect(inputValueIn(added.html, "sites.0.city")).toBe("Köln");

    const wrong = await post(2024, "b1", { ...b1, "sites.0.gps.latitude": "95", "sites.0.gps.longitude": "6,9603" });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain("Sites (significant assets and sites owned, leased or managed), row 1: Geolocation (latitude, longitude): A latitude is between -90 and 90");
    expect(inputValueIn(wrong.html, "sites.0.gps.longitude")).toBe("6,9603");

    const saved = await post(2024, "b1", { ...b1, "sites.0.gps.latitude": "50,9375", "sites.0.gps.longitude": "6.9603" });
    expect(saved.status, saved.text.slice(0, 400)).toBe(200);
    const page = await session.get("/reports/2024/b1");
    expect(inputValueIn(page.html, "sites.0.gps.latitude")).toBe("50.9375");
    expect(inputValueIn(page.html, "sites.0.gps.longitude")).toBe("6.9603");
    expect(inputValueIn(page.html, "sites.1.gps.latitude")).toBe("");
  });
});
