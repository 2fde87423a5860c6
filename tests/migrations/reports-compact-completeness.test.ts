/**
 * Migration 0003 on reports that store the full completeness (with the lists of what is missing), over the
 * wire: the stored completeness becomes counts and states, exactly those stored before; the lists are still
 * what the report's pages and GET /completeness compute; content and authorship are untouched; a second run
 * changes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MongoClient, ObjectId, type Db, type Document } from "mongodb";
import { completenessOfReport, computeCompleteness, ReportSchema, summarizeCompleteness } from "../../schemas/report";
import { MIGRATIONS, runMigrations } from "../../server/migrations/index";
import { createDataAccess, ensureIndexes } from "../../server/repositories";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { companyInput, completeReport } from "../schemas/fixtures";

let database: TestDatabase;
let client: MongoClient;
let db: Db;
const ORG = "org_compactCompleteness";
const actor = { userId: "user_compact", role: "org:admin" as const };
const repos = () => createDataAccess({ primary: db }).forOrganization(ORG, actor);
const ids: Record<string, ObjectId> = {};

beforeAll(async () => {
  database = await startTestDatabase("migration-0003");
  client = await new MongoClient(database.url, { serverSelectionTimeoutMS: 5_000 }).connect();
  db = client.db(database.databaseName("primary"));
  await ensureIndexes(db);
  // The migrations before 0003 have run (they are not under test here); 0003 is pending.
  await runMigrations(db, MIGRATIONS);
  await db.collection("migrations").deleteOne({ _id: "0003-reports-compact-completeness" as never });
  await repos().companies.create(companyInput());
  // An incomplete Option B report (things missing) and a complete Option A one, stored as the code before
  // this migration stored them: the full completeness of their content.
  const incomplete = await repos().reports.create({ ...completeReport(), module: "basic_comprehensive" });
  const complete = await repos().reports.create({ ...completeReport(), year: 2023, period: { start: "2023-01-01", end: "2023-12-31" } });
  for (const report of [incomplete, complete]) {
    const full = computeCompleteness(report, { undertaking: report.undertaking });
    await db.collection("reports").updateOne({ _id: new ObjectId(report.id) }, { $set: { "metrics.completeness": full } });
    ids[report.year === 2023 ? "complete" : "incomplete"] = new ObjectId(report.id);
  }
});

afterAll(async () => {
  await client?.close();
  await database?.stop();
});

const stored = async (id: ObjectId) => (await db.collection("reports").findOne({ _id: id })) as Document;

describe("migration 0003: compact stored completeness", () => {
  test("stores the counts and states it had, drops the lists, keeps content and authorship", async () => {
    const before = { incomplete: await stored(ids.incomplete!), complete: await stored(ids.complete!) };
    expect(before.incomplete.metrics.completeness.missing.length).toBeGreaterThan(0);
    await runMigrations(db, MIGRATIONS);

    for (const [name, was] of Object.entries(before)) {
      const now = await stored(ids[name]!);
      expect(now.metrics.completeness).toEqual(summarizeCompleteness(was.metrics.completeness));
      expect(JSON.stringify(now.metrics.completeness)).not.toContain("missing");
      const { metrics: wasMetrics, version: wasVersion, ...wasRest } = was;
      const { metrics: nowMetrics, version: nowVersion, ...nowRest } = now;
      expect(nowRest).toEqual(wasRest);
      expect(nowVersion).toBe(wasVersion + 1);
      const { completeness: _a, ...wasOtherMetrics } = wasMetrics;
      const { completeness: _b, ...nowOtherMetrics } = nowMetrics;
      expect(nowOtherMetrics).toEqual(wasOtherMetrics);
      // The record is valid, and what is missing is still what it was.
      const { _id, ...fields } = now;
      expect(ReportSchema.safeParse({ ...fields, id: (_id as ObjectId).toHexString() }).error?.issues ?? []).toEqual([]);
      expect(completenessOfReport(now as never)).toEqual(was.metrics.completeness);
    }
    expect((await stored(ids.incomplete!)).metrics.completeness.complete).toBe(false);
    expect((await stored(ids.complete!)).metrics.completeness.complete).toBe(true);
  });

  test("a second run changes nothing; the repositories edit the migrated reports", async () => {
    const first = await stored(ids.incomplete!);
    await db.collection("migrations").deleteOne({ _id: "0003-reports-compact-completeness" as never });
    await runMigrations(db, MIGRATIONS);
    expect(await stored(ids.incomplete!)).toEqual(first);

    const report = await repos().reports.get(ids.incomplete!.toHexString());
    const updated = await repos().reports.update(report.id, { turnover: { amount: 2_000_000, currency: "EUR" } }, { expectedVersion: report.version });
    expect(updated.version).toBe(report.version + 1);
    expect(updated.metrics.completeness).toEqual(summarizeCompleteness(completenessOfReport(updated)));
  });
});
