import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { z } from "zod";
import { strictObject } from "../../schemas/common";
import { CompanySchema } from "../../schemas/company";
import { RecordMetaSchema } from "../../schemas/record";
import { ReportSchema } from "../../schemas/report/report";
import { UserSchema } from "../../schemas/user";
import { defineCollection } from "../../server/repositories/core";
import { createReadOnlyDb } from "../../server/db/read-only-db";
import { createDataAccess, ensureIndexes, type DataAccess } from "../../server/repositories";
import { ConflictError, ForbiddenError, ValidationError } from "../../server/repositories/errors";
import { createReferenceDataService } from "../../server/services/reference";
import { upsertUserFromIdentity } from "../../server/services/users";
import { seedExternalReference } from "../services/external-fixture";
import { alice, bob, companyInput, draftReportInput, openTestDb, type RepositoryTestContext } from "./support";

let ctx: RepositoryTestContext;
let data: DataAccess;
const report2024 = draftReportInput(2024, 2_000_000);

beforeAll(async () => {
  ctx = await openTestDb("repo-domain");
  await ensureIndexes(ctx.db);
  const externalDb = ctx.client.db(ctx.database.databaseName("external"));
  await seedExternalReference(externalDb);
  const reference = createReferenceDataService({ external: createReadOnlyDb(externalDb, { maxTimeMS: 5_000 }), primary: ctx.db });
  data = createDataAccess({ primary: ctx.db, reference });
});
afterAll(() => ctx.close());

describe("users", () => {
  test("first use creates the user; later uses update it; the record follows the active organization", async () => {
    const identity = { clerkUserId: "user_carol", organizationId: "org_one", orgRole: "org:member", email: "carol@example.com" };
    const first = await upsertUserFromIdentity(data, identity);
    expect(first).toMatchObject({ clerkId: "user_carol", organizationId: "org_one", role: "org:member", version: 1 });
    const again = await upsertUserFromIdentity(data, { ...identity, orgRole: "org:admin", name: "Carol" });
    expect(again).toMatchObject({ id: first.id, role: "org:admin", name: "Carol", email: "carol@example.com" });
    const moved = await upsertUserFromIdentity(data, { ...identity, organizationId: "org_two" });
    expect(moved).toMatchObject({ id: first.id, organizationId: "org_two" });
    expect(await data.forOrganization("org_one", alice).users.findByClerkId("user_carol")).toBeNull();
    expect(await data.forOrganization("org_two", alice).users.count()).toBe(1);
  });

  test("a record written from a bare session token (no email, no name) is exactly what the published User schema describes", async () => {
    const bare = await upsertUserFromIdentity(data, { clerkUserId: "user_frank", organizationId: "org_one", orgRole: "org:member" });
    const named = await upsertUserFromIdentity(data, {
      clerkUserId: "user_frank",
      organizationId: "org_one",
      orgRole: "org:member",
      name: "Frank",
    });
    for (const record of [bare, named]) {
      const parsed = UserSchema.safeParse(record);
      expect(parsed.error?.issues ?? []).toEqual([]);
      expect(record).not.toHaveProperty("_id");
    }
    expect(named).toMatchObject({ id: bare.id, name: "Frank", createdBy: "user_frank", version: 2 });
  });

  test("concurrent first uses create exactly one record", async () => {
    const identity = { clerkUserId: "user_dave", organizationId: "org_one", orgRole: "org:member" };
    const results = await Promise.all(Array.from({ length: 6 }, () => upsertUserFromIdentity(data, identity)));
    expect(new Set(results.map((user) => user.id)).size).toBe(1);
    expect(await data.forOrganization("org_one", alice).users.count({ clerkId: "user_dave" })).toBe(1);
  });

  test("a user without an active organization is refused", async () => {
    await expect(
      upsertUserFromIdentity(data, { clerkUserId: "user_erin", organizationId: undefined, orgRole: undefined }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("companies", () => {
  test("one per organization; NACE resolved and sector intensity looked up, never taken from input", async () => {
    const repos = data.forOrganization("org_bakery", alice);
    const company = await repos.companies.create(companyInput());
    expect(company.nace).toMatchObject({ revision: "2.1", code: "10.71" });
    // 10.71 → no class/group/division factor → Eurostat A*64 range C10-C12
    expect(company.sectorIntensity).toMatchObject({
      matchedLevel: "division",
      matchedCode: "C10-C12",
      value: 180.95,
      year: 2023,
      geography: "EU27_2020",
    });
    await expect(repos.companies.create({ ...companyInput(), name: "Second" })).rejects.toBeInstanceOf(ConflictError);
    await expect(
      repos.companies.update(company.id, { sectorIntensity: { value: 0 } } as never, { expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(ValidationError);
    const moved = await repos.companies.update(company.id, { nace: { revision: "2.1", code: "64.19" } }, { expectedVersion: 1 });
    expect(moved.sectorIntensity).toMatchObject({ matchedLevel: "section", matchedCode: "K", value: 7.89 });
  });
});

describe("reports", () => {
  test("one per company and year, metrics computed on every write, status not settable", async () => {
    const repos = data.forOrganization("org_reports", alice);
    await repos.companies.create(companyInput());
    const report = await repos.reports.create(report2024);
    expect(report.status).toBe("draft");
    expect(report.metrics.ghgIntensityLocationBased).toBeNull();
    await expect(repos.reports.create(report2024)).rejects.toThrow("A report for this reporting year already exists");
    await expect(repos.reports.create({ ...report2024, status: "approved" } as never)).rejects.toBeInstanceOf(ValidationError);
    await expect(repos.reports.create({ ...report2024, metrics: {} } as never)).rejects.toBeInstanceOf(ValidationError);

    const updated = await repos.reports.updateSection(
      report.id,
      "energyAndEmissions",
      {
        status: "reported",
        ghg: { grossScope1: { value: 100 }, grossScope2LocationBased: { value: 50 }, grossScope2MarketBased: { value: 30 } },
      },
      { expectedVersion: report.version },
    );
    // (100 + 50) tCO2e / 2,000,000 EUR × 10^6 = 75 tCO2e per million EUR; market-based (100 + 30) / 2 = 65
    expect(updated.metrics.ghgIntensityLocationBased).toBeCloseTo(75, 10);
    expect(updated.metrics.ghgIntensityMarketBased).toBeCloseTo(65, 10);
    expect(updated.version).toBe(2);
    await expect(repos.reports.update(report.id, { year: 2025 } as never, { expectedVersion: 2 })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  test("a report needs the company profile first", async () => {
    await expect(data.forOrganization("org_nocompany", alice).reports.create(report2024)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  test("another organization cannot see, edit or delete the report", async () => {
    const owner = data.forOrganization("org_owner", alice);
    await owner.companies.create(companyInput());
    const report = await owner.reports.create(report2024);
    const intruder = data.forOrganization("org_intruder", bob);
    expect(await intruder.reports.find(report.id)).toBeNull();
    expect((await intruder.reports.list({ where: { year: 2024 } })).items).toEqual([]);
    await expect(intruder.reports.delete(report.id)).rejects.toThrow("not found");
    await expect(
      intruder.reports.update(report.id, { module: "basic_comprehensive" }, { expectedVersion: 1 }),
    ).rejects.toThrow("not found");
    expect(await owner.reports.get(report.id)).toMatchObject({ module: "basic", version: 1 });
  });
});

describe("one record shape", () => {
  test("company and report records are exactly the published schemas: stored fields plus the record meta, id not _id", async () => {
    const tenant = data.forOrganization("org_records", alice);
    const company = await tenant.companies.create(companyInput("Record Shape GmbH", "HRB 4242"));
    const report = await tenant.reports.create(draftReportInput(2024));
    for (const [schema, record] of [
      [CompanySchema, company],
      [ReportSchema, report],
      [CompanySchema, await tenant.companies.get(company.id)],
    ] as const) {
      expect(schema.safeParse(record).error?.issues ?? []).toEqual([]);
      expect(record).not.toHaveProperty("_id");
      expect(record).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{24}$/), organizationId: "org_records", version: 1 });
    }
    expect(Object.keys(RecordMetaSchema.shape).sort()).toEqual(
      ["createdAt", "createdBy", "id", "organizationId", "updatedAt", "updatedBy", "version"],
    );
  });

  test("a collection whose stored schema declares a meta field is refused at definition", () => {
    expect(() =>
      defineCollection({ name: "bad", entity: "Bad", schema: strictObject({ _id: z.string(), version: z.number() }), tenantScoped: true, indexes: [] }),
    ).toThrow(/declares _id, version; the repository owns the record meta fields/);
  });
});
