import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MongoClient, type Db } from "mongodb";
import { createReadOnlyDb } from "../../server/db/read-only-db";
import { startEmbeddedMongo, type EmbeddedMongo } from "../../server/embedded-mongo/index";
import { ensureIndexes } from "../../server/repositories";
import { UnavailableError } from "../../server/repositories/errors";
import {
  createReferenceDataService,
  parseExternalCompany,
  syncReferenceSnapshot,
  type ReferenceDataService,
} from "../../server/services/reference";
import { openTestDb, type RepositoryTestContext } from "../repositories/support";
import { seedExternalReference } from "./external-fixture";

let ctx: RepositoryTestContext;
let externalServer: EmbeddedMongo;
let externalClient: MongoClient;
let externalDb: Db;
let service: ReferenceDataService;

beforeAll(async () => {
  ctx = await openTestDb("reference");
  await ensureIndexes(ctx.db);
  // The external database lives on its own server so the test can take it away.
  externalServer = await startEmbeddedMongo({ memory: true });
  externalClient = new MongoClient(externalServer.uri, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
  externalDb = externalClient.db("co2-intensities-test");
  await seedExternalReference(externalDb);
  await externalDb.collection("companies").insertMany([
    {
      organizationId: "org_scope",
      name: "Scope AG",
      emissions: [
        { year: 2023, scope1: 12.5, scope2LocationBased: 40, scope2MarketBased: 22, scope3: 300, calculatedAt: new Date("2024-02-01") },
        { year: 2024, scope1: "lots" },
        { year: 2022, scope1: 9, unit: "kg" },
      ],
    },
    { organizationId: "org_other", emissionsByYear: { "2023": { scope1: 1 } } },
    { name: "no organization id" },
    { organizationId: { $ne: null }, emissions: [] },
  ]);
  service = createReferenceDataService({
    external: createReadOnlyDb(externalDb, { maxTimeMS: 2_000 }),
    primary: ctx.db,
    ttlMs: 60_000,
  });
});
afterAll(async () => {
  await externalClient.close().catch(() => undefined);
  await externalServer.stop();
  await ctx.close();
});

describe("NACE lookup and search", () => {
  test("looks up codes of both revisions", async () => {
    const answer = await service.getNaceCode("62.10");
    expect(answer).toMatchObject({ stale: false, source: "external" });
    expect(answer.value).toMatchObject({ code: "62.10", level: "class", revision: "2.1", parent: "62.1" });
    expect((await service.getNaceCode("62.01", "2")).value?.title).toBe("Computer programming activities");
    expect((await service.getNaceCode("99.99")).value).toBeNull();
  });

  test("search ranks code matches before title matches and honours level and limit", async () => {
    const byCode = await service.searchNace("10.7");
    expect(byCode.value[0]?.code).toBe("10.7");
    const bread = await service.searchNace("bread", { level: "class" });
    expect(bread.value.map((entry) => entry.code)).toContain("10.71");
    expect(bread.value.every((entry) => entry.level === "class")).toBe(true);
    expect((await service.searchNace("manufacture", { limit: 3 })).value).toHaveLength(3);
  });
});

describe("CO2 intensity fallback walk", () => {
  const cases = [
    // [code, revision, level, matched key, value] — values are the Eurostat figures in reference-data/
    ["10.71", "2.1", "aggregate", "C10-C12", 180.95],
    ["61.10", "2", "division", "J61", 10.61],
    ["01.11", "2.1", "division", "A01", 1851.35],
    ["64.19", "2", "section", "K", 7.89],
    ["47.11", "2.1", "section", "G", 42.22],
    ["85.10", "2", "total", "TOTAL", 170.86],
  ] as const;
  for (const [code, revision, level, key, value] of cases) {
    test(`${code} (Rev. ${revision}) matches ${key} at ${level} level`, async () => {
      const answer = await service.co2IntensityFor(code, revision);
      expect(answer.value).toMatchObject({ matchedLevel: level, matchedCode: key, value, year: 2023 });
      expect(answer.value?.source).toContain("Eurostat");
      expect(answer.value?.unit).toContain("g CO2e per EUR");
    });
  }

  test("Rev. 2.1 codes use the Rev. 2 section letters of the factors (2.1 moved finance from K to L)", async () => {
    // Rev. 2.1 64.19 is in section L (finance); the factor table's finance section is Rev. 2's K.
    expect((await service.getNaceCode("64", "2.1")).value?.parent).toBe("L");
    expect((await service.co2IntensityFor("64.19", "2.1")).value).toMatchObject({ matchedCode: "K", value: 7.89 });
  });
});

describe("emissions computed by the other application", () => {
  test("pre-fills a year's figures with provenance; malformed entries and documents are skipped", async () => {
    const answer = await service.externalEmissionsFor("org_scope", 2023);
    expect(answer.stale).toBe(false);
    expect(answer.value).toMatchObject({ year: 2023, scope1: 12.5, scope2LocationBased: 40, scope2MarketBased: 22, scope3: 300, unit: "tCO2e" });
    expect(answer.value?.provenance).toMatchObject({ companyName: "Scope AG", calculatedAt: new Date("2024-02-01") });
    expect((await service.externalEmissionsFor("org_scope", 2024)).value).toBeNull();
    expect((await service.externalEmissionsFor("org_scope", 2022)).value).toBeNull();
    expect((await service.externalEmissionsFor("org_other", 2023)).value).toMatchObject({ scope1: 1 });
    expect((await service.externalEmissionsFor("org_nobody", 2023)).value).toBeNull();
  });

  test("the parser tolerates foreign shapes", () => {
    expect(parseExternalCompany({ organizationId: { $ne: null } })).toBeNull();
    expect(parseExternalCompany(null)).toBeNull();
    expect(parseExternalCompany({ organizationId: "org_x", emissions: [{ year: 2023, scope1: -1 }] })).toMatchObject({
      years: [],
      skippedEntries: 1,
    });
  });
});

describe("snapshot while the external database is down", () => {
  test("with no snapshot, an unreachable external database is reported as unavailable", async () => {
    const deadService = createReferenceDataService({
      external: createReadOnlyDb(new MongoClient("mongodb://127.0.0.1:1", { serverSelectionTimeoutMS: 300 }).db("x"), {
        maxTimeMS: 300,
      }),
      primary: ctx.client.db(ctx.database.databaseName("empty")),
    });
    await expect(deadService.co2IntensityFor("10.71")).rejects.toBeInstanceOf(UnavailableError);
  });

  test("sync copies the reference data; after the external server stops, answers come from it marked stale", async () => {
    const report = await syncReferenceSnapshot({ external: createReadOnlyDb(externalDb, { maxTimeMS: 2_000 }), primary: ctx.db });
    expect(report).toMatchObject({ naceCodes: 996 + 1047, co2Intensities: 17, organizations: 2 });
    expect(report.skipped.companies).toBe(2);

    await externalClient.close();
    await externalServer.stop();
    service.invalidate();

    const intensity = await service.co2IntensityFor("10.71");
    expect(intensity).toMatchObject({ stale: true, source: "snapshot" });
    expect(intensity.value).toMatchObject({ matchedCode: "C10-C12", value: 180.95 });
    expect(intensity.asOf).toEqual(report.syncedAt);
    expect((await service.searchNace("bread")).stale).toBe(true);
    const emissions = await service.externalEmissionsFor("org_scope", 2023);
    expect(emissions).toMatchObject({ stale: true, value: { scope1: 12.5, provenance: { companyName: "Scope AG" } } });
  });
});
