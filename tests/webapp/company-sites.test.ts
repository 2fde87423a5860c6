/**
 * Sites and subsidiaries on the company page, as a browser without JavaScript uses it (rows added and removed
 * with submit buttons), and a new report's B1 starting with them.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { toFormFields } from "../helpers/form-fields";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { prepareWebappDatabases } from "../helpers/webapp-fixture";
import { formVersion, inputValueIn, webSession, type WebIdentity } from "../helpers/web-session";
import { companyInput } from "../schemas/fixtures";
import { IDENTIFIER_SCHEMES } from "../../schemas/identifiers";
import { COMPANY_FIELDS, SUBSIDIARIES_FIELD } from "../../app/utils/company-form.server";

let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await startTestDatabase("webapp-company-sites");
  const names = { primary: database.databaseName("primary"), external: database.databaseName("external") };
  await prepareWebappDatabases(database.url, names, { organizationId: "org_sitesA", emissions: [] });
  app = await startTestApp(databaseEnv(database.url, names));
});
afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

const admin: WebIdentity = { userId: "user_adminA", organizationId: "org_sitesA", role: "org:admin" };
const viewer: WebIdentity = { userId: "user_viewerA", organizationId: "org_sitesA", role: "org:viewer" };
const outsider: WebIdentity = { userId: "user_adminB", organizationId: "org_sitesB", role: "org:admin" };

const cologne = { name: "Bakery", id: "K1", address: "Hohe Straße 12", postalCode: "50667", city: "Köln", country: "DE", gps: { latitude: "50,9375", longitude: "6.9603" } };
const bonn = { name: "Shop Bonn", address: "Markt 3", postalCode: "53111", city: "Bonn", country: "DE" };

/** The company form's fields as posted, with `sites` rows (and `_rows.sites` as the page renders it). */
function companyPost(sites: object[], extra: Record<string, string> = {}) {
  return { ...toFormFields({ ...companyInput(), sites }), "_rows.sites": String(sites.length + 1), ...extra };
}

const stored = async (who: WebIdentity) => {
  const page = await webSession(app, who).get("/company");
  expect(page.status).toBe(200);
  return page;
};

test("the identifier choices of the company and its subsidiaries are the schema's schemes", () => {
  // The form lists them by hand (it must not load zod in the browser): a scheme added to the schema shows here.
  const schemes = [...IDENTIFIER_SCHEMES];
  expect(COMPANY_FIELDS.find((f) => f.key === "identifier.scheme")?.options?.map((o) => o.value)).toEqual(schemes);
  expect(SUBSIDIARIES_FIELD.columns?.find((c) => c.key === "identifier.scheme")?.options?.map((o) => o.value)).toEqual(schemes);
});

describe("sites on the company page without JavaScript", () => {
  test("a row is added with the add-row button (nothing saved), filled in and saved", async () => {
    const session = webSession(app, admin);
    const created = await session.post("/company", { ...toFormFields(companyInput()), intent: "save" });
    expect(created.text).toContain("Company profile created.");
    const empty = await stored(admin);
    // One empty row to fill in, and the button that asks for another.
    expect(inputValueIn(empty.html, "sites.0.name")).toBe("");
    expect(empty.html).toContain('value="add-row:sites"');

    const version = formVersion(empty.html);
    const added = await session.post("/company", companyPost([cologne], { _version: version, intent: "add-row:sites" }));
    expect(added.status).toBe(200);
    expect(added.text).not.toContain("Company profile saved.");
    // The typed row kept, and a new empty one after it.
    expect(inputValueIn(added.html, "sites.0.name")).toBe("Bakery");
    expect(inputValueIn(added.html, "sites.0.gps.latitude")).toBe("50,9375");
    expect(inputValueIn(added.html, "sites.2.name")).toBe("");
    expect((await stored(admin)).html).not.toContain("Hohe Straße 12");

    const saved = await session.post("/company", companyPost([cologne, bonn], { _version: version, intent: "save" }));
    expect(saved.status).toBe(200);
    expect(saved.text).toContain("Company profile saved.");
    const page = await stored(admin);
    expect(inputValueIn(page.html, "sites.0.address")).toBe("Hohe Straße 12");
    expect(inputValueIn(page.html, "sites.0.gps.latitude")).toBe("50.9375"); // read back without grouping
    expect(inputValueIn(page.html, "sites.1.name")).toBe("Shop Bonn");
    expect(inputValueIn(page.html, "sites.2.name")).toBe(""); // and an empty row for the next one
  });

  test("a bad latitude answers 400 with the message beside it, the input kept, and nothing saved", async () => {
    const session = webSession(app, admin);
    const version = formVersion((await stored(admin)).html);
    const bad = await session.post("/company", companyPost([cologne, { ...bonn, gps: { latitude: "95", longitude: "7.1" } }], { _version: version, intent: "save" }));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("There is a problem");
    expect(bad.text).toContain("Sites, row 2: Latitude: A latitude is between -90 and 90");
    expect(bad.html).toContain('href="#f-sites-1-gps-latitude"');
    expect(bad.html).toMatch(/id="f-sites-1-gps-latitude"[^>]*aria-describedby="f-sites-1-gps-error"/);
    expect(inputValueIn(bad.html, "sites.1.gps.latitude")).toBe("95");
    expect(inputValueIn(bad.html, "sites.1.name")).toBe("Shop Bonn");

    const half = await session.post("/company", companyPost([{ ...bonn, gps: { latitude: "50.7", longitude: "" } }], { _version: version, intent: "save" }));
    expect(half.status).toBe(400);
    expect(half.text).toContain("Enter a longitude");

    const missingCity = await session.post("/company", companyPost([{ ...bonn, city: "" }], { _version: version, intent: "save" }));
    expect(missingCity.status).toBe(400);
    expect(missingCity.html).toContain('href="#f-sites-0-city"');

    const page = await stored(admin);
    expect(formVersion(page.html)).toBe(version);
    expect(inputValueIn(page.html, "sites.1.gps.latitude")).toBe("");
  });

  test("a row is removed with its button, then saved; removing every row clears the list", async () => {
    const session = webSession(app, admin);
    const version = formVersion((await stored(admin)).html);
    const removed = await session.post("/company", companyPost([cologne, bonn], { _version: version, intent: "remove-row:sites:0" }));
    expect(removed.status).toBe(200);
    expect(inputValueIn(removed.html, "sites.0.name")).toBe("Shop Bonn");
    expect(removed.html).not.toContain('value="Hohe Straße 12"');
    expect(inputValueIn(removed.html, "sites.1.name")).toBe("");

    const saved = await session.post("/company", companyPost([bonn], { _version: version, intent: "save" }));
    expect(saved.text).toContain("Company profile saved.");
    const page = await stored(admin);
    expect(inputValueIn(page.html, "sites.0.name")).toBe("Shop Bonn");
    expect(page.html).not.toContain("Hohe Straße 12");

    const cleared = await session.post("/company", companyPost([], { _version: formVersion(page.html), intent: "save" }));
    expect(cleared.text).toContain("Company profile saved.");
    expect((await stored(admin)).html).not.toContain("Markt 3");
  });

  test("subsidiaries: the identifier is optional and checked like the company's", async () => {
    const session = webSession(app, admin);
    const version = formVersion((await stored(admin)).html);
    const subsidiary = { name: "Muster Filialen GmbH", registeredAddress: "Hohe Straße 12, 50667 Köln" };
    const badLei = await session.post("/company", {
      ...companyPost([cologne]),
      ...toFormFields({ subsidiaries: [{ ...subsidiary, identifier: { scheme: "LEI", value: "5493001KJTIIGC8Y1R13" } }] }),
      _version: version,
      intent: "save",
    });
    expect(badLei.status).toBe(400);
    expect(badLei.text).toContain("Subsidiaries, row 1: Identifier: This is not a valid LEI");
    expect(inputValueIn(badLei.html, "subsidiaries.0.identifier.value")).toBe("5493001KJTIIGC8Y1R13");

    const saved = await session.post("/company", {
      ...companyPost([cologne]),
      ...toFormFields({ subsidiaries: [subsidiary, { name: "Muster Logistik GmbH", registeredAddress: "Markt 3, Bonn", identifier: { scheme: "EUID", value: "dek1101r.hrb116737" } }] }),
      _version: version,
      intent: "save",
    });
    expect(saved.text).toContain("Company profile saved.");
    const page = await stored(admin);
    expect(inputValueIn(page.html, "subsidiaries.0.name")).toBe("Muster Filialen GmbH");
    expect(inputValueIn(page.html, "subsidiaries.1.identifier.value")).toBe("DEK1101R.HRB116737");
  });

  test("viewers see the sites read-only and can't change them", async () => {
    const page = await stored(viewer);
    expect(inputValueIn(page.html, "sites.0.name")).toBe("Bakery");
    expect(page.html).toMatch(/<input[^>]*name="sites\.0\.name"[^>]*disabled/);
    expect(page.html).not.toContain("add-row:sites");
    const session = webSession(app, viewer);
    expect((await session.post("/company", companyPost([bonn], { _version: formVersion((await stored(admin)).html), intent: "add-row:sites" }))).status).toBe(403);
    expect((await session.post("/company", companyPost([bonn], { _version: formVersion((await stored(admin)).html), intent: "save" }))).status).toBe(403);
    expect(inputValueIn((await stored(admin)).html, "sites.0.name")).toBe("Bakery");
  });

  test("another organization neither sees nor changes them", async () => {
    const page = await stored(outsider);
    expect(page.text).not.toContain("Hohe Straße 12");
    expect(inputValueIn(page.html, "sites.0.name")).toBe("");
    const session = webSession(app, outsider);
    const created = await session.post("/company", { ...companyPost([bonn]), name: "Fjordvik Oy", intent: "save" });
    expect(created.text).toContain("Company profile created.");
    expect(inputValueIn((await stored(outsider)).html, "sites.0.name")).toBe("Shop Bonn");
    const own = await stored(admin);
    expect(inputValueIn(own.html, "sites.0.name")).toBe("Bakery");
    expect(inputValueIn(own.html, "sites.1.name")).toBe("");
  });
});

describe("a new report's B1 starts with the profile's sites and subsidiaries", () => {
  const reportFields = { year: "2025", module: "basic", "period.start": "2025-01-01", "period.end": "2025-12-31", "turnover.amount": "2500000", "turnover.currency": "EUR" };

  test("copied into the new draft (without the site names), said on B1; a later profile change leaves the report alone", async () => {
    const session = webSession(app, admin);
    const reports = await session.get("/reports");
    expect(reports.text).toContain("B1 starts with the 1 site and 2 subsidiaries of the company profile");
    const created = await session.post("/reports", { ...reportFields, intent: "save" });
    expect(created.status).toBe(302);

    const b1 = await session.get("/reports/2025/b1");
    expect(b1.status).toBe(200);
    expect(inputValueIn(b1.html, "sites.0.address")).toBe("Hohe Straße 12");
    expect(inputValueIn(b1.html, "sites.0.id")).toBe("K1");
    expect(inputValueIn(b1.html, "sites.0.gps.latitude")).toBe("50.9375");
    expect(inputValueIn(b1.html, "subsidiaries.1.name")).toBe("Muster Logistik GmbH");
    expect(b1.text).toContain("The sites below are the 1 site of the company profile, copied when the report was started.");
    expect(b1.text).toContain("The subsidiaries below are the 2 subsidiaries of the company profile");

    // The profile changes: the report keeps its list, and B1 says the two differ.
    const company = await session.get("/company");
    const changed = await session.post("/company", { ...companyPost([cologne, bonn]), _version: formVersion(company.html), intent: "save" });
    expect(changed.text).toContain("Company profile saved.");
    const after = await session.get("/reports/2025/b1");
    expect(inputValueIn(after.html, "sites.1.address")).toBe("");
    expect(after.text).toContain("The company profile lists 2 sites; this report keeps its own list of sites");
  });
});
