/**
 * Import of EFRAG's sample Digital Template into a real (embedded) database through the repositories, then the
 * export of that report compared with EFRAG's own facts for the workbook. Facts VSME Guru cannot hold yet (the
 * disclosures the catalogue does not have) are listed by reason, and the test pins that list, so it shrinks as
 * the catalogue grows.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { createDataAccess, type TenantRepositories } from "../../server/repositories";
import { ConflictError, ValidationError } from "../../server/repositories/errors";
import { importTemplate } from "../../server/exchange/import-template";
import { reportFacts } from "../../server/exchange/report-facts";
import { exportReport } from "../../server/exchange/export-report";
import { xbrlJsonDocument } from "../../server/exchange/serialize-xbrl-json";
import { checkFacts, readInlineXbrl } from "../../server/exchange/check-structure";
import { serializeInlineXbrl } from "../../server/exchange/serialize-ixbrl";
import { readTemplate } from "../../server/exchange/template-reader";
import { companyInput, openTestDb, type RepositoryTestContext } from "../repositories/support";
import { blankWorkbook, oimKey, rewriteXlsx, sameValue, sampleFacts, sampleWorkbook, setCell } from "./efrag-reference";

let ctx: RepositoryTestContext;
// Each import reads a 0.8 MB workbook and writes through the repositories: slower than the default 5 s under load.
setDefaultTimeout(30_000);
const actor = { userId: "user_importer", role: "org:admin" } as const;
const tenant = (org: string): TenantRepositories => createDataAccess({ primary: ctx.db }).forOrganization(org, actor);

beforeAll(async () => {
  ctx = await openTestDb("exchange-import");
});
afterAll(async () => {
  await ctx?.close();
});

describe("Digital Template import", () => {
  test("the sample workbook creates the draft report; exporting it gives EFRAG's facts for every datapoint VSME Guru holds", async () => {
    const repos = tenant("org_importSample");
    await repos.companies.create(companyInput("Company XYZ", "HRB 1"));
    const result = await importTemplate(repos, sampleWorkbook());
    expect(result.report).toMatchObject({ year: 2026, created: true });
    expect(result.imported).toBeGreaterThan(40);
    expect(result.company.updated.sort()).toEqual(["country", "nace"]);

    const report = await repos.reports.get(result.report!.id);
    expect(report.status).toBe("draft");
    expect(report.turnover).toEqual({ amount: 23500, currency: "EUR" });
    expect(report.module).toBe("basic_comprehensive");
    const company = await repos.companies.current();
    expect([company!.country, company!.nace.code, company!.legalForm]).toEqual(["IT", "47.21", "private_limited_liability"]);

    const filing = reportFacts(report);
    expect(checkFacts(filing.facts)).toEqual([]);
    const back = readInlineXbrl(serializeInlineXbrl(filing));
    expect(back.problems).toEqual([]);
    const ours = new Map(Object.values(xbrlJsonDocument(filing.frame, back.facts).facts).map((f) => [oimKey(f), f]));
    const efrag = sampleFacts();
    const matched = efrag.filter((f) => ours.has(oimKey(f)) && sameValue(ours.get(oimKey(f))!.value, f.value));
    const wrong = efrag.filter((f) => ours.has(oimKey(f)) && !sameValue(ours.get(oimKey(f))!.value, f.value));
    // The one known difference: the company profile holds the main NACE code only (EFRAG's sample has two).
    expect(wrong.map((f) => [f.dimensions.concept, f.value, ours.get(oimKey(f))!.value])).toEqual([
      ["vsme:NaceSectorClassificationCodes", "nace:NACE_G4721 nace:NACE_G4722", "nace:NACE_G4721"],
    ]);
    expect(result.cells.find((c) => c.name === "NaceSectorClassificationCodes")?.reason).toBe(
      "The company profile holds the main NACE code only; 47.21 was imported, 47.22 not",
    );
    // Every EFRAG fact the export lacks was reported on its cells as ignored, with the reason: nothing is lost silently.
    const reading = readTemplate(sampleWorkbook());
    const cellsOf = new Map(Object.values(xbrlJsonDocument(filing.frame, reading.facts).facts).map((f, i) => [oimKey(f), reading.facts[i]!.cells]));
    const missing = efrag.filter((f) => !ours.has(oimKey(f)));
    const unexplained = missing.filter((f) => !(cellsOf.get(oimKey(f)) ?? []).every((cell) => result.cells.find((c) => c.cell === cell)?.status === "ignored"));
    expect(unexplained.map(oimKey)).toEqual([]);
    expect(matched.length + wrong.length + missing.length).toBe(efrag.length);
    // With every disclosure in the catalogue, 121 of EFRAG's 144 facts come back identical (the rest are explained above).
    expect(matched.length).toBeGreaterThanOrEqual(121);
    const reasons = new Map<string, number>();
    for (const cell of result.cells.filter((c) => c.status === "ignored")) {
      const reason = cell.reason!.replace(/"[^"]*"/g, "…").replace(/:.*$/, "");
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    console.log(`round trip: ${matched.length}/${efrag.length} EFRAG facts identical, ${wrong.length} different, ${missing.length} not held`, Object.fromEntries(reasons));
  });

  test("the blank workbook imports nothing and writes nothing", async () => {
    const repos = tenant("org_importBlank");
    await repos.companies.create(companyInput("Blank GmbH", "HRB 2"));
    const result = await importTemplate(repos, blankWorkbook());
    expect(result).toMatchObject({ report: null, imported: 0 });
    expect(await repos.reports.count({})).toBe(0);
  });

  test("into a report with values: refused without overwrite; with it, a changed value follows the workbook", async () => {
    const repos = tenant("org_importTwice");
    await repos.companies.create(companyInput("Twice GmbH", "HRB 3"));
    const first = await importTemplate(repos, sampleWorkbook());
    const changed = rewriteXlsx(sampleWorkbook(), (files) => setCell(files, "General Information", "E282", { number: 61234 }));
    const refusal = await importTemplate(repos, changed).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as Error).message).toContain("already has values");
    expect(((await repos.reports.get(first.report!.id)).sections.basisForPreparation as { assets?: number }).assets).toBe(60000);

    const second = await importTemplate(repos, changed, { overwrite: true });
    expect(second.report).toEqual({ id: first.report!.id, year: 2026, created: false });
    const report = await repos.reports.get(first.report!.id);
    expect((report.sections.basisForPreparation as { assets?: number }).assets).toBe(61234);
    expect(report.version).toBe(2);
  });

  test("values the report's rules refuse are left out and reported on their cells; the rest is written", async () => {
    const repos = tenant("org_importRules");
    await repos.companies.create(companyInput("Rules GmbH", "HRB 4"));
    // 60 male employees: the gender split no longer adds up to the 151 employees.
    const broken = rewriteXlsx(sampleWorkbook(), (files) => setCell(files, "Social Disclosures", "D18", { number: 60 }));
    const result = await importTemplate(repos, broken);
    const cell = result.cells.find((c) => c.cell === "'Social Disclosures'!D18")!;
    expect(cell.status).toBe("ignored");
    expect(cell.reason).toStartWith("Not accepted:");
    const report = await repos.reports.get(result.report!.id);
    expect((report.sections.workforce as { numberOfEmployees?: number }).numberOfEmployees).toBe(151);
  });

  test("without a company profile, the workbook must identify the company; nothing is written otherwise", async () => {
    const repos = tenant("org_importNoCompany");
    const refusal = await importTemplate(repos, sampleWorkbook()).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationError);
    // EFRAG's sample entity identifier "TestCode1234" is not a valid LEI.
    expect((refusal as Error).message).toContain("Create the company profile first");
    expect(await repos.reports.count({})).toBe(0);
    expect(await repos.companies.current()).toBeNull();
  });

  test("every export format of the imported report; another organization can't export it whatever id it sends", async () => {
    const repos = tenant("org_importExport");
    await repos.companies.create({ ...companyInput("Export GmbH", "HRB 6"), identifier: { scheme: "LEI", value: "5493001KJTIIGC8Y1R12" } });
    const { report } = await importTemplate(repos, sampleWorkbook());
    const ixbrl = await exportReport(repos, report!.id, "ixbrl");
    expect(ixbrl.filename).toBe("vsme-5493001KJTIIGC8Y1R12-2026.xhtml");
    expect(ixbrl.contentType).toBe("application/xhtml+xml; charset=utf-8");
    expect(readInlineXbrl(ixbrl.body).problems).toEqual([]);
    const json = JSON.parse((await exportReport(repos, report!.id, "xbrl-json")).body);
    expect(Object.values(json.facts as Record<string, { dimensions: { entity: string } }>)[0]!.dimensions.entity).toBe("scheme:5493001KJTIIGC8Y1R12");
    expect((await exportReport(repos, report!.id, "csv")).body.startsWith("\uFEFFdisclosure,")).toBe(true);
    expect(JSON.parse((await exportReport(repos, report!.id, "json")).body)).toMatchObject({ id: report!.id, year: 2026, status: "draft" });

    const other = tenant("org_someoneElse");
    for (const id of [report!.id, { $ne: null } as unknown as string, "not-an-id"]) {
      const refusal = await exportReport(other, id, "ixbrl").catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(Error);
      expect((refusal as Error).name).toMatch(/NotFoundError|ValidationError/);
    }
  });

  test("a submitted report is not changed by an import", async () => {
    const repos = tenant("org_importSubmitted");
    await repos.companies.create(companyInput("Submitted GmbH", "HRB 5"));
    const first = await importTemplate(repos, sampleWorkbook());
    const report = await repos.reports.get(first.report!.id);
    await repos.reports.setStatus(report.id, "submitted", { expectedVersion: report.version });
    const refusal = await importTemplate(repos, sampleWorkbook(), { overwrite: true }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as Error).message).toContain("is submitted");
  });
});
