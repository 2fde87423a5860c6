import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createDataAccess, ensureIndexes, type DataAccess } from "../../server/repositories";
import { ConflictError, ForbiddenError, ValidationError } from "../../server/repositories/errors";
import { reportLifecycle } from "../../server/services/report-lifecycle";
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
const member = () => data.forOrganization(org, bob);

describe("report lifecycle", () => {
  test("draft → submitted → approved → reopened, each with an audit event", async () => {
    const report = await member().reports.create(draftReportInput(2021));
    const submitted = await reportLifecycle.submit(member(), report.id, { expectedVersion: report.version });
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
    await reportLifecycle.submit(member(), report.id, { expectedVersion: 1 });
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
    await reportLifecycle.submit(member(), report.id, { expectedVersion: 1 });
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
    await reportLifecycle.submit(member(), report.id, { expectedVersion: 1 });
    // The status write succeeds first; the audit event then fails (reason longer than it accepts).
    await expect(
      reportLifecycle.reopen(admin(), report.id, { expectedVersion: 2, reason: "x".repeat(3000) }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await admin().reports.get(report.id)).toMatchObject({ status: "submitted", version: 2 });
    expect((await admin().auditEvents.forEntity("report", report.id)).items).toHaveLength(1);
  });
});
