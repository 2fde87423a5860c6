import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { z } from "zod";
import { strictObject } from "../../schemas/common";
import { CompanySchema } from "../../schemas/company";
import { RecordMetaSchema } from "../../schemas/record";
import { ReportSchema } from "../../schemas/report/report";
import { MembershipSchema, UserSchema } from "../../schemas/user";
import { defineCollection } from "../../server/repositories/core";
import { createReadOnlyDb } from "../../server/db/read-only-db";
import { createDataAccess, ensureIndexes, type DataAccess } from "../../server/repositories";
import { ConflictError, ForbiddenError, ValidationError } from "../../server/repositories/errors";
import { createReferenceDataService } from "../../server/services/reference";
import { identityOfSession } from "../../server/auth/identity";
import { recordVerifiedVisit } from "../../server/services/users";
import { DataScope } from "../../server/repositories/core/scope";
import { membershipsCollection } from "../../server/repositories/memberships";
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

describe("users and memberships", () => {
  const session = (userId: string, organizationId: string | null, role = "org:member", claims: Record<string, unknown> = {}) =>
    identityOfSession({ userId, sessionId: "sess_1", orgId: organizationId, orgRole: role, claims })!;

  test("first use creates the global user and the membership; later uses refresh them; one user in two organizations", async () => {
    const carol = session("user_carol", "org_one", "org:member", { email: "carol@example.com" });
    expect(await recordVerifiedVisit(data, carol)).toBe(true);
    const user = await data.users(alice).findByClerkId("user_carol");
    expect(user).toMatchObject({ clerkId: "user_carol", email: "carol@example.com", version: 1, createdBy: "user_carol" });
    expect(user).not.toHaveProperty("organizationId");
    const first = await data.forOrganization("org_one", alice).members.findByUserId("user_carol");
    expect(first).toMatchObject({ userId: "user_carol", role: "org:member", organizationId: "org_one" });
    expect(first!.firstSeenAt).toEqual(first!.lastSeenAt);

    // Seen again soon with nothing new: no write.
    expect(await recordVerifiedVisit(data, carol)).toBe(false);
    // A new role (or a later visit) refreshes the membership but keeps when she was first seen.
    await Bun.sleep(5);
    expect(await recordVerifiedVisit(data, session("user_carol", "org_one", "org:admin", { name: "Carol" }))).toBe(true);
    const promoted = await data.forOrganization("org_one", alice).members.findByUserId("user_carol");
    expect(promoted).toMatchObject({ role: "org:admin", firstSeenAt: first!.firstSeenAt });
    expect(promoted!.lastSeenAt.getTime()).toBeGreaterThan(first!.lastSeenAt.getTime());
    expect(await data.users(alice).findByClerkId("user_carol")).toMatchObject({ id: user!.id, name: "Carol", email: "carol@example.com" });

    // The same person in a second organization: one user, two memberships, nothing moved.
    await recordVerifiedVisit(data, session("user_carol", "org_two"));
    expect(await data.forOrganization("org_one", alice).members.findByUserId("user_carol")).toMatchObject({ role: "org:admin" });
    expect(await data.forOrganization("org_two", alice).members.findByUserId("user_carol")).toMatchObject({ role: "org:member" });
    expect(await ctx.db.collection("users").countDocuments({ clerkId: "user_carol" })).toBe(1);
  });

  test("a stored user is exactly what the published User schema describes, with no organization", async () => {
    await recordVerifiedVisit(data, session("user_frank", "org_one"));
    const record = (await data.users(alice).findByClerkId("user_frank"))!;
    const parsed = UserSchema.safeParse(record);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(record).not.toHaveProperty("_id");
    expect(record).not.toHaveProperty("organizationId");
    const membership = (await data.forOrganization("org_one", alice).members.findByUserId("user_frank"))!;
    expect(MembershipSchema.safeParse(membership).error?.issues ?? []).toEqual([]);
  });

  test("concurrent first uses create exactly one user and one membership", async () => {
    const dave = () => session("user_dave", "org_one");
    // Separate data-access objects: no shared throttle, every call really writes.
    const accesses = Array.from({ length: 6 }, () => createDataAccess({ primary: ctx.db }));
    await Promise.all(accesses.map((access) => recordVerifiedVisit(access, dave())));
    expect(await ctx.db.collection("users").countDocuments({ clerkId: "user_dave" })).toBe(1);
    expect(await data.forOrganization("org_one", alice).members.count({ userId: "user_dave" })).toBe(1);
  });

  test("only a verified identity with an organization is recorded — never ids a caller made up", async () => {
    const forged = { userId: "user_mallory", organizationId: "org_one", role: "org:admin", permissions: [], via: "session" };
    await expect(recordVerifiedVisit(data, forged as never)).rejects.toThrow(/verified/);
    await expect(recordVerifiedVisit(data, JSON.parse(JSON.stringify(session("user_m", "org_one"))))).rejects.toThrow(/verified/);
    await expect(recordVerifiedVisit(data, session("user_erin", null))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await ctx.db.collection("users").countDocuments({ clerkId: { $in: ["user_mallory", "user_m", "user_erin"] } })).toBe(0);
  });

  test("organization A's scope cannot reach, move or read B's people (the old upsertIdentity probe)", async () => {
    await recordVerifiedVisit(data, session("user_bea", "org_two", "org:admin", { email: "bea@b.example", name: "Bea" }));
    const scopeA = data.forOrganization("org_one", alice);
    expect(await scopeA.members.findByUserId("user_bea")).toBeNull();
    expect((await scopeA.members.list({ where: { userId: "user_bea" } })).items).toEqual([]);
    expect(scopeA).not.toHaveProperty("users");
    // The generic identity upsert refuses tenant-scoped collections outright.
    const raw = DataScope.forOrganization(ctx.db, "org_one", alice).repository(membershipsCollection);
    await expect(raw.upsertIdentity("userId", "user_bea", { userId: "user_bea", role: "org:admin" })).rejects.toThrow(/global collections only/);
    const stored = await ctx.db.collection("memberships").find({ userId: "user_bea" }).toArray();
    expect(stored.map((m) => m.organizationId)).toEqual(["org_two"]);
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
    // A patch that leaves the NACE code alone (the stored assignment has a title, which is not input).
    const renamed = await repos.companies.update(company.id, { name: "Renamed GmbH" }, { expectedVersion: 2 });
    expect(renamed).toMatchObject({ name: "Renamed GmbH", version: 3, nace: { code: "64.19" } });
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

describe("audit events", () => {
  test("an event naming another organization's report is refused and nothing is written", async () => {
    const owner = data.forOrganization("org_auditOwner", alice);
    await owner.companies.create(companyInput("Audit Owner GmbH", "HRB 7001"));
    const report = await owner.reports.create(draftReportInput(2024));
    const intruder = data.forOrganization("org_auditIntruder", bob);
    const event = { action: "report.submitted", entityType: "report", entityId: report.id, actorId: bob.userId } as const;

    await expect(intruder.auditEvents.record(event)).rejects.toMatchObject({
      name: "ValidationError",
      issues: [{ path: ["entityId"], message: `Report ${report.id} does not exist in this organization` }],
    });
    await expect(intruder.auditEvents.record({ ...event, entityId: "65f0c0ffee0000000000beef" })).rejects.toBeInstanceOf(ValidationError);
    expect(await intruder.auditEvents.count()).toBe(0);
    expect(await owner.auditEvents.count()).toBe(0);

    const recorded = await owner.auditEvents.record({ ...event, actorId: alice.userId });
    expect(recorded).toMatchObject({ entityId: report.id, organizationId: "org_auditOwner" });
    // Inside a caller's transaction the check joins it.
    await owner.transaction(async (tx) => tx.auditEvents.record({ ...event, actorId: alice.userId }));
    expect(await owner.auditEvents.count()).toBe(2);
  });
});
