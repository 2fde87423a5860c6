/**
 * Migration 0002 on reports stored with the model as it was before issue 8 (the development sample and the
 * schema tests' fixture), over the wire: nothing stored is lost, the answers the data gives are recorded, metrics
 * take the new shape, and a second run changes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MongoClient, ObjectId, type Db, type Document } from "mongodb";
import { ReportSchema } from "../../schemas/report";
import { MIGRATIONS, runMigrations } from "../../server/migrations/index";
import { createDataAccess } from "../../server/repositories";
import { SAMPLE_COMPANY, SAMPLE_ORGANIZATION_ID, SAMPLE_REPORTS } from "../../server/seed/development-sample";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { completeReport } from "../schemas/fixtures";

let database: TestDatabase;
let client: MongoClient;
let db: Db;

/** The metrics object as the code before issue 8 stored it (14 metrics, completeness over six sections). */
function metricsAsStoredBefore(): Document {
  const section = { state: "complete", filled: 3, required: 3, percent: 100, missing: [] };
  return {
    totalGhgScope1And2LocationBased: 1,
    totalGhgScope1And2MarketBased: null,
    totalGhgLocationBased: null,
    totalGhgMarketBased: null,
    ghgIntensityLocationBased: 1,
    ghgIntensityMarketBased: null,
    ghgIntensityTotalLocationBased: null,
    ghgIntensityTotalMarketBased: null,
    intensityUnit: "tCO2e per million EUR",
    renewableEnergySharePercent: 40,
    accidentRatePer200kHours: null,
    genderPayGapPercent: null,
    collectiveBargainingCoveragePercent: null,
    employeeTurnoverRatePercent: null,
    completeness: {
      filled: 18,
      required: 18,
      percent: 100,
      complete: true,
      sections: Object.fromEntries(
        ["basisForPreparation", "energyAndEmissions", "workforce", "healthAndSafety", "remuneration", "businessConduct"].map((k) => [k, section]),
      ),
    },
  };
}

const ORG = SAMPLE_ORGANIZATION_ID;
const companyId = new ObjectId();

function storedBefore(content: Document, version = 3): Document {
  const at = new Date("2025-02-01T10:00:00Z");
  return {
    _id: new ObjectId(),
    ...structuredClone(content),
    companyId: companyId.toHexString(),
    status: "draft",
    metrics: metricsAsStoredBefore(),
    organizationId: ORG,
    version,
    createdAt: at,
    updatedAt: at,
    createdBy: "user_vsmeguruDevAdmin",
    updatedBy: "user_vsmeguruDevAdmin",
  };
}

beforeAll(async () => {
  database = await startTestDatabase("migration-0002");
  client = await new MongoClient(database.url, { serverSelectionTimeoutMS: 5_000 }).connect();
  db = client.db(database.databaseName("primary"));
  const at = new Date("2024-01-01T00:00:00Z");
  await db.collection("companies").insertOne({
    _id: companyId,
    ...structuredClone(SAMPLE_COMPANY),
    nace: { revision: "2.1", code: "10.71", title: "Manufacture of bread; manufacture of fresh pastry goods and cakes" },
    sectorIntensity: null,
    organizationId: ORG,
    version: 1,
    createdAt: at,
    updatedAt: at,
    createdBy: "user_vsmeguruDevAdmin",
    updatedBy: "user_vsmeguruDevAdmin",
  });
  // The development sample's two years, and the schema tests' report (2024 → a third year: 2025) with a B11
  // "not applicable" and a list of unchanged disclosures.
  const fixture = completeReport() as Document;
  const sections = fixture.sections as Record<string, Document>;
  for (const key of ["practicesPolicies", "pollution", "biodiversity", "water", "circularEconomy"]) delete sections[key];
  delete sections.basisForPreparation!.containsUnchangedDisclosures;
  delete sections.basisForPreparation!.hasSustainabilityCertifications;
  delete sections.energyAndEmissions!.energy.hasBreakdown;
  delete sections.energyAndEmissions!.ghg.hasScope3;
  delete sections.workforce!.employsInMoreThanOneCountry;
  sections.basisForPreparation!.unchangedDisclosures = ["B9"];
  sections.basisForPreparation!.linkToPreviousReport = "https://example.com/report-2024";
  sections.businessConduct = { status: "not_applicable", reason: "No convictions or fines in 2025" };
  await db.collection("reports").insertMany([
    ...SAMPLE_REPORTS.map((r) => storedBefore(r)),
    storedBefore({ ...fixture, year: 2025, period: { start: "2025-01-01", end: "2025-12-31" } }),
  ]);
});

afterAll(async () => {
  await client?.close();
  await database?.stop();
});

const byYear = async () =>
  Object.fromEntries((await db.collection("reports").find({}).toArray()).map((r) => [r.year as number, r]));

describe("migration 0002: reports to the complete VSME model", () => {
  test("keeps every stored value, records the answers the data gives, and stores metrics in the new shape", async () => {
    const before = await byYear();
    await runMigrations(db, MIGRATIONS);
    const after = await byYear();

    for (const year of Object.keys(before)) {
      const was = before[year]!;
      const now = after[year]!;
      // Nothing stored is lost: every value of every section is still there, unchanged.
      const leaves = (value: unknown, path = ""): Array<[string, unknown]> =>
        value !== null && typeof value === "object" && !(value instanceof Date)
          ? Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`))
          : [[path, value]];
      for (const [path, value] of leaves(was.sections, "sections")) {
        expect(`${path} = ${JSON.stringify(leaves(now.sections, "sections").find(([p]) => p === path)?.[1])}`).toBe(`${path} = ${JSON.stringify(value)}`);
      }
      expect(now).toMatchObject({ year: was.year, turnover: was.turnover, period: was.period, module: was.module, version: was.version + 1, updatedBy: "system:migration-0002" });
      // The migrated document is a valid record of the new model.
      const { _id, ...fields } = now;
      const parsed = ReportSchema.safeParse({ ...fields, id: (_id as ObjectId).toHexString() });
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(now.undertaking).toMatchObject({ name: SAMPLE_COMPANY.name, legalForm: "private_limited_liability", naceCodes: ["10.71"], country: "DE" });
    }

    const sample2023 = after[2023]!;
    expect(sample2023.sections.energyAndEmissions.energy.hasBreakdown).toBe(true);
    expect(sample2023.metrics.completeness.disclosures.map((d: { code: string }) => d.code)).toContain("B7");
    // Water and waste were never asked: the honest completeness is below 100 %.
    expect(sample2023.metrics.completeness.complete).toBe(false);
    expect(sample2023.metrics.completeness.sections.water.state).toBe("not_started");
    expect(sample2023.metrics.comparatives).toBeNull();
    // 2024 compares with 2023.
    expect(after[2024]!.metrics.comparatives.year).toBe(2023);
    expect(after[2024]!.metrics.comparatives.values).toContainEqual({
      path: "sections.energyAndEmissions.energy.totalEnergyConsumption",
      value: sample2023.sections.energyAndEmissions.energy.totalEnergyConsumption,
    });

    const fixture2025 = after[2025]!;
    expect(fixture2025.sections.basisForPreparation.containsUnchangedDisclosures).toBe(true);
    expect(fixture2025.sections.workforce.employsInMoreThanOneCountry).toBe(true);
    expect(fixture2025.sections.businessConduct).toEqual({ status: "not_applicable", reason: "No convictions or fines in 2025" });
    expect(fixture2025.metrics.completeness.sections.businessConduct.state).toBe("not_applicable");
  });

  test("a second run changes nothing; the repositories read and edit the migrated reports", async () => {
    const first = await byYear();
    await db.collection("migrations").deleteOne({ _id: "0002-reports-complete-vsme-model" as never });
    await runMigrations(db, MIGRATIONS);
    const second = await byYear();
    for (const year of Object.keys(first)) expect(second[year]!.version).toBe(first[year]!.version);

    const repos = createDataAccess({ primary: db }).forOrganization(ORG, { userId: "user_vsmeguruDevAdmin", role: "org:admin" });
    const report = (await repos.reports.forYear(2023))!;
    const edited = await repos.reports.updateSection(
      report.id,
      "water",
      { status: "reported", totalWaterWithdrawal: 800, waterWithdrawalInHighWaterStressAreas: 0, hasSignificantWaterConsumption: false },
      { expectedVersion: report.version },
    );
    expect(edited.metrics.completeness.sections.water.state).toBe("complete");
  });
});
