import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createDataAccess, ensureIndexes, type DataAccess } from "../../server/repositories";
import { ConflictError, ForbiddenError, ValidationError } from "../../server/repositories/errors";
import { reportLifecycle } from "../../server/services/report-lifecycle";
import { completeReport } from "../schemas/fixtures";
import { alice, bob, companyInput, draftReportInput, openTestDb, type RepositoryTestContext } from "../repositories/support";

let ctx: RepositoryTestContext;
let data: DataAccess;
const org = "org_lifecycle";

beforeAll(async () => {
  ctx = await openTestDb("lifecycle");
  await ensureIndexes(ctx.db);
  data = createDataAccess({ primary: ctx.db });
  await data.forOrganization(org, alice).companies.create(companyInput("Lifecycle AG", "HRB 999"));
});
afterAll(() => ctx.close());

const admin = () => data.forOrganization(org, alice);
/** The report stores counts; what is missing is the required datapoints not filled. */
const missingCount = (report: { metrics: { completeness: { required: number; filled: number } } }) =>
  report.metrics.completeness.required - report.metrics.completeness.filled;
/** The transition tests move empty drafts: their submissions are the audited "incomplete" exception. */
const draftOverride = { reason: "Lifecycle test: an empty draft" };
const member = () => data.forOrganization(org, bob);

describe("report lifecycle", () => {
  test("draft → submitted → approved → reopened, each with an audit event", async () => {
    const report = await member().reports.create(draftReportInput(2021));
    const submitted = await reportLifecycle.submit(member(), report.id, { expectedVersion: report.version, override: draftOverride });
    expect(submitted.report).toMatchObject({ status: "submitted", version: 2 });
    expect(submitted.event).toMatchObject({ action: "report.submitted", fromStatus: "draft", toStatus: "submitted", actorId: bob.userId });

    await expect(
      member().reports.updateSection(report.id, "businessConduct", { status: "reported" }, { expectedVersion: 2 }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(member().reports.delete(report.id)).rejects.toBeInstanceOf(ConflictError);

    const approved = await reportLifecycle.approve(admin(), report.id, { expectedVersion: 2 });
    expect(approved.report.status).toBe("approved");
    await expect(
      member().reports.update(report.id, { module: "basic_comprehensive" }, { expectedVersion: 3 }),
    ).rejects.toBeInstanceOf(ConflictError);

    const reopened = await reportLifecycle.reopen(admin(), report.id, { expectedVersion: 3, reason: "Scope 2 figure was wrong" });
    expect(reopened.report.status).toBe("draft");
    expect(reopened.event).toMatchObject({ action: "report.reopened", reason: "Scope 2 figure was wrong", fromStatus: "approved" });
    const edited = await member().reports.update(report.id, { module: "basic_comprehensive" }, { expectedVersion: 4 });
    expect(edited).toMatchObject({ status: "draft", module: "basic_comprehensive", version: 5 });

    const trail = await admin().auditEvents.forEntity("report", report.id);
    expect(trail.items.map((event) => event.action)).toEqual(["report.reopened", "report.approved", "report.submitted"]);
  });

  test("only admins approve and reopen; nothing changes when refused", async () => {
    const report = await member().reports.create(draftReportInput(2022));
    await reportLifecycle.submit(member(), report.id, { expectedVersion: 1, override: draftOverride });
    await expect(reportLifecycle.approve(member(), report.id, { expectedVersion: 2 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reportLifecycle.reopen(member(), report.id, { expectedVersion: 2, reason: "x" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await admin().reports.get(report.id)).toMatchObject({ status: "submitted", version: 2 });
    expect((await admin().auditEvents.forEntity("report", report.id)).items).toHaveLength(1);
  });

  test("reopening needs a reason; wrong-state and stale transitions fail without an audit event", async () => {
    const report = await member().reports.create(draftReportInput(2023));
    await expect(reportLifecycle.approve(admin(), report.id, { expectedVersion: 1 })).rejects.toBeInstanceOf(ConflictError);
    await reportLifecycle.submit(member(), report.id, { expectedVersion: 1, override: draftOverride });
    for (const reason of ["   ", 42, { $ne: null }, ["x"]]) {
      await expect(
        reportLifecycle.reopen(admin(), report.id, { expectedVersion: 2, reason: reason as string }),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(reportLifecycle.approve(admin(), report.id, { expectedVersion: 1 })).rejects.toBeInstanceOf(ConflictError);
    expect((await admin().auditEvents.forEntity("report", report.id)).items).toHaveLength(1);
  });

  test("if the audit event cannot be written, the status change is rolled back", async () => {
    const report = await member().reports.create(draftReportInput(2020));
    await reportLifecycle.submit(member(), report.id, { expectedVersion: 1, override: draftOverride });
    // The status write succeeds first; the audit event then fails (reason longer than it accepts).
    await expect(
      reportLifecycle.reopen(admin(), report.id, { expectedVersion: 2, reason: "x".repeat(3000) }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await admin().reports.get(report.id)).toMatchObject({ status: "submitted", version: 2 });
    expect((await admin().auditEvents.forEntity("report", report.id)).items).toHaveLength(1);
  });
});

describe("submitting needs a complete report, or an audited override with a reason", () => {
  const orgB = "org_submission";
  const preparer = () => data.forOrganization(orgB, bob);
  beforeAll(async () => {
    await data.forOrganization(orgB, alice).companies.create(companyInput("Submission GmbH", "HRB 4711"));
  });

  test("an incomplete report is refused with what is missing; nothing changes", async () => {
    const report = await preparer().reports.create({ ...completeReport(), module: "basic_comprehensive" });
    const refusal = await reportLifecycle.submit(preparer(), report.id, { expectedVersion: 1 }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationError);
    const issues = (refusal as ValidationError).issues;
    expect(issues.length).toBe(missingCount(report));
    expect(issues[0]).toMatchObject({ path: ["sections", "strategy", "productsAndServices"], message: "Significant groups of products and services offered (C1 47(a)) is missing" });
    expect(await preparer().reports.get(report.id)).toMatchObject({ status: "draft", version: 1 });
    expect((await preparer().auditEvents.forEntity("report", report.id)).items).toEqual([]);
    for (const override of [{ reason: "  " }, { reason: 42 }, { reason: { $ne: null } }]) {
      await expect(reportLifecycle.submit(preparer(), report.id, { expectedVersion: 1, override: override as never })).rejects.toBeInstanceOf(ValidationError);
    }

    const { event } = await reportLifecycle.submit(preparer(), report.id, {
      expectedVersion: 1,
      override: { reason: "The bank needs the Basic module now; C data follows in March" },
    });
    expect(event).toMatchObject({
      action: "report.submitted",
      incompleteOverride: true,
      missingDatapoints: missingCount(report),
      reason: "The bank needs the Basic module now; C data follows in March",
    });
  });

  test("a complete report is submitted without an override", async () => {
    const input = completeReport();
    const report = await preparer().reports.create({ ...input, year: 2023, period: { start: "2023-01-01", end: "2023-12-31" } });
    expect(report.metrics.completeness.complete).toBe(true);
    const { report: submitted, event } = await reportLifecycle.submit(preparer(), report.id, { expectedVersion: 1 });
    expect(submitted.status).toBe("submitted");
    expect(event.incompleteOverride).toBeUndefined();
  });

  test("a report with B3 marked not applicable cannot be submitted, not even with an override", async () => {
    const input = completeReport() as ReturnType<typeof completeReport> & { sections: Record<string, unknown> };
    input.sections.energyAndEmissions = { status: "not_applicable", reason: "Office only" };
    const report = await preparer().reports.create({ ...input, year: 2022, period: { start: "2022-01-01", end: "2022-12-31" } });
    const refusal = await reportLifecycle
      .submit(preparer(), report.id, { expectedVersion: 1, override: { reason: "We have no energy data" } })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).issues[0]?.path).toEqual(["sections", "energyAndEmissions", "status"]);
    expect(await preparer().reports.get(report.id)).toMatchObject({ status: "draft" });
  });

  test("the report keeps the company facts it was submitted with", async () => {
    const company = (await preparer().companies.current())!;
    const report = await preparer().reports.create({ ...completeReport(), year: 2021, period: { start: "2021-01-01", end: "2021-12-31" } });
    expect(report.undertaking).toMatchObject({ name: "Submission GmbH", legalForm: "private_limited_liability", naceCodes: ["10.71"] });
    await reportLifecycle.submit(preparer(), report.id, { expectedVersion: 1 });
    await data.forOrganization(orgB, alice).companies.update(
      company.id,
      { legalForm: "partnership", nace: { code: "10.71" }, additionalNace: [{ code: "47.24" }] },
      { expectedVersion: company.version },
    );
    expect((await preparer().reports.get(report.id)).undertaking).toMatchObject({ legalForm: "private_limited_liability", naceCodes: ["10.71"] });
    const next = await preparer().reports.create(draftReportInput(2019));
    expect(next.undertaking).toMatchObject({ legalForm: "partnership", naceCodes: ["10.71", "47.24"] });
  });
});
