/**
 * The database scripts as an operator runs them (child `bun` processes) against a real server over the wire:
 * concurrent db:migrate processes, db:health exit codes, seeding twice, and the production refusal.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MongoClient } from "mongodb";
import { MIGRATIONS, MIGRATIONS_COLLECTION, type MigrationRecord } from "../../server/migrations/index";
import { createReadOnlyDb } from "../../server/db/read-only-db";
import { loadCo2Intensities, loadNaceCodes } from "../../server/reference-data/index";
import { allCollections } from "../../server/repositories/index";
import { createReferenceDataService } from "../../server/services/reference/index";
import { unreachableDatabaseUrl } from "../helpers/ports";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { PRODUCTION_CLERK_VARS, runScript, startDbProcess } from "./support";

let database: TestDatabase;
let client: MongoClient;
let names = 0;

beforeAll(async () => {
  database = await startTestDatabase("db-scripts");
  client = await new MongoClient(database.url, { serverSelectionTimeoutMS: 5_000 }).connect();
});

afterAll(async () => {
  await client?.close();
  await database?.stop();
});

const freshName = () => database.databaseName(`s${++names}`);

/** Environment pointing both databases at the test server, under fresh names. */
function testEnv(extra: Record<string, string> = {}) {
  return {
    APP_ENV: "test",
    PRIMARY_DATABASE_URL: database.url,
    PRIMARY_DATABASE_NAME: freshName(),
    SCOPE321_DATABASE_URL: database.url,
    EXTERNAL_DATABASE_NAME: freshName(),
    ...extra,
  };
}

async function collectionNames(dbName: string): Promise<string[]> {
  return (await client.db(dbName).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
}

describe("db:migrate", () => {
  test("two processes at once against one `npm run db` server: applied once, by one of them", async () => {
    const server = await startDbProcess();
    const observer = await new MongoClient(server.uri, { serverSelectionTimeoutMS: 5_000 }).connect();
    try {
      const env = { APP_ENV: "test", PRIMARY_DATABASE_URL: server.uri, PRIMARY_DATABASE_NAME: "concurrent-migrate" };
      const [first, second] = await Promise.all([runScript("db-migrate.ts", [], env), runScript("db-migrate.ts", [], env)]);

      expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
      const appliedBy = [first, second].filter((r) => /^applied\s+0001-create-declared-indexes/m.test(r.stdout));
      const skippedBy = [first, second].filter((r) => /^skipped\s+0001-create-declared-indexes/m.test(r.stdout));
      expect([appliedBy.length, skippedBy.length]).toEqual([1, 1]);

      const db = observer.db("concurrent-migrate");
      const stored = await db.collection<MigrationRecord>(MIGRATIONS_COLLECTION).find({}).toArray();
      expect(stored.map((r) => [r._id, r.runs])).toEqual(MIGRATIONS.map((m) => [m.id, 1]));
      for (const collection of allCollections) {
        const indexes = (await db.collection(collection.name).listIndexes().toArray()).map((i) => i.name);
        expect(indexes.sort()).toEqual(["_id_", ...collection.indexes.map((i) => i.name)].sort());
      }
    } finally {
      await observer.close();
      await server.stop();
    }
  });

  test("a second run reports everything as already applied; --status writes nothing", async () => {
    const env = testEnv();
    const status = await runScript("db-migrate.ts", ["--status"], env);
    expect(status.exitCode).toBe(0);
    expect(status.stdout).toMatch(/^pending\s+0001-create-declared-indexes/m);
    expect(await collectionNames(env.PRIMARY_DATABASE_NAME)).toEqual([]);

    expect((await runScript("db-migrate.ts", [], env)).exitCode).toBe(0);
    const again = await runScript("db-migrate.ts", [], env);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/^skipped\s+0001-create-declared-indexes/m);
    expect(again.stdout).toContain(`0 applied, ${MIGRATIONS.length} already applied`);
  });

  test("an unknown flag stops before connecting (exit 64)", async () => {
    const result = await runScript("db-migrate.ts", ["--allow-prodution"], testEnv());
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toContain("unknown argument: --allow-prodution");
  });
});

describe("production refusal", () => {
  const productionEnv = (extra: Record<string, string> = {}) => ({
    ...testEnv(),
    APP_ENV: "production",
    ...PRODUCTION_CLERK_VARS,
    ...extra,
  });

  test("db:migrate refuses APP_ENV=production without --allow-production, and writes nothing", async () => {
    const env = productionEnv();
    const result = await runScript("db-migrate.ts", [], env);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain("--allow-production");
    expect(await collectionNames(env.PRIMARY_DATABASE_NAME)).toEqual([]);
  });

  test("db:migrate runs in production when told explicitly", async () => {
    const env = productionEnv();
    const result = await runScript("db-migrate.ts", ["--allow-production"], env);
    expect(result.exitCode).toBe(0);
    expect(await collectionNames(env.PRIMARY_DATABASE_NAME)).toContain(MIGRATIONS_COLLECTION);
  });

  test("the production database name is refused outside APP_ENV=production, even with the flag", async () => {
    const env = { ...testEnv(), APP_ENV: "development", PRIMARY_DATABASE_NAME: "vsme-guru" };
    const result = await runScript("db-migrate.ts", ["--allow-production"], env);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toContain('"vsme-guru" is a production database');
    expect(await collectionNames("vsme-guru")).toEqual([]);
  });

  test("db:seed refuses production without the flag; db:seed-external refuses staging and production", async () => {
    const env = productionEnv();
    const seed = await runScript("db-seed.ts", [], env);
    expect(seed.exitCode).toBe(3);
    expect(await collectionNames(env.PRIMARY_DATABASE_NAME)).toEqual([]);

    for (const appEnv of ["production", "staging"]) {
      const external = await runScript("db-seed-external.ts", [], { ...productionEnv(), APP_ENV: appEnv });
      expect(external.exitCode).toBe(3);
      expect(external.stderr).toContain("only allowed with APP_ENV=development or test");
    }
    expect(await collectionNames(env.EXTERNAL_DATABASE_NAME)).toEqual([]);
  });
});

describe("db:health", () => {
  test("exit 0 and a table when both databases answer, with the reference data's row counts on both sides", async () => {
    const env = testEnv();
    expect((await runScript("db-seed-external.ts", [], env)).exitCode).toBe(0);
    const before = await runScript("db-health.ts", [], env);
    expect(before.exitCode).toBe(0);
    expect(before.stdout).toMatch(/^primary\s+up\s+[\d.]+ ms/m);
    expect(before.stdout).toMatch(/^external\s+up\s+[\d.]+ ms/m);
    const [rev21, rev2] = await Promise.all([loadNaceCodes("2.1"), loadNaceCodes("2")]);
    const naceRows = rev21.length + rev2.length;
    expect(before.stdout).toMatch(new RegExp(`^NACE codes\\s+${naceRows}\\s+0$`, "m"));
    expect(before.stdout).toMatch(/^sector CO2 factors\s+[1-9]\d*\s+0$/m);
    expect(before.stdout).toContain("warning: the reference snapshot is empty");

    expect((await runScript("db-sync-reference.ts", [], env)).exitCode).toBe(0);
    const after = await runScript("db-health.ts", ["--json"], env);
    expect(after.exitCode).toBe(0);
    const report = JSON.parse(after.stdout);
    expect(report.reference.external.naceCodes).toBe(naceRows);
    expect(report.reference.snapshot).toMatchObject({ naceCodes: naceRows, co2Intensities: report.reference.external.co2Intensities });
    expect(report.warnings).toEqual([]);
  });

  test("an external database that does not exist is 'missing', not 'up' (exit 2, with a warning naming it)", async () => {
    const env = testEnv();
    const result = await runScript("db-health.ts", [], env);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^external\s+missing\s+[\d.]+ ms/m);
    expect(result.stdout).toContain(`warning: the external database "${env.EXTERNAL_DATABASE_NAME}" does not exist`);
    expect(result.stdout).toContain("Overall: degraded");
  });

  test("an external database with empty collections is 'empty' (exit 2)", async () => {
    const env = testEnv();
    await client.db(env.EXTERNAL_DATABASE_NAME).createCollection("naceCodes");
    const result = await runScript("db-health.ts", [], env);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^external\s+empty\s/m);
    expect(result.stdout).toContain("has no NACE codes and no NACE sector CO2 factors");
    expect(result.stdout).toMatch(/^NACE codes\s+0\s+0$/m);
  });

  test("exit 1 when the primary is down", async () => {
    const result = await runScript("db-health.ts", [], { ...testEnv(), PRIMARY_DATABASE_URL: unreachableDatabaseUrl() });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(/^primary\s+down/m);
    expect(result.stdout).toContain("Overall: unavailable");
  });

  test("exit 2 when only the external database is down, with its credentials masked", async () => {
    const unreachable = unreachableDatabaseUrl().replace("mongodb://", "mongodb://reader:s3cr3t-pass@");
    const result = await runScript("db-health.ts", [], { ...testEnv(), SCOPE321_DATABASE_URL: unreachable });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/^primary\s+up/m);
    expect(result.stdout).toMatch(/^external\s+down/m);
    expect(result.stdout).toContain("reader:***@");
    expect(result.stdout + result.stderr).not.toContain("s3cr3t-pass");
  });
});

describe("db:seed-external", () => {
  test("loads every CSV row once, stays idempotent, and the reference service can read it", async () => {
    const env = testEnv();
    const first = await runScript("db-seed-external.ts", [], env);
    const second = await runScript("db-seed-external.ts", [], env);
    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect(second.stdout).toMatch(/naceCodes\s+\d+ rows: 0 inserted, 0 updated/);
    expect(second.stdout).toMatch(/co2Intensities\s+\d+ rows: 0 inserted, 0 updated/);

    const [rev21, rev2, factors] = await Promise.all([loadNaceCodes("2.1"), loadNaceCodes("2"), loadCo2Intensities()]);
    const external = client.db(env.EXTERNAL_DATABASE_NAME);
    expect(await external.collection("naceCodes").countDocuments({ revision: "2.1" })).toBe(rev21.length);
    expect(await external.collection("naceCodes").countDocuments({ revision: "2" })).toBe(rev2.length);
    expect(await external.collection("co2Intensities").countDocuments()).toBe(factors.length);
    const sample = await external.collection("naceCodes").findOne({ revision: "2.1", code: "10.71" }, { projection: { _id: 0 } });
    expect(sample as Record<string, unknown> | null).toEqual({ code: "10.71", revision: "2.1", level: "class", parent: "10.7", title: expect.stringContaining("bread") });

    const reference = createReferenceDataService({
      external: createReadOnlyDb(external, { maxTimeMS: 5_000 }),
      primary: client.db(env.PRIMARY_DATABASE_NAME),
    });
    const match = await reference.co2IntensityFor("10.71", "2.1");
    expect(match.value?.value).toBeGreaterThan(0);
    expect(match.stale).toBe(false);
  });

  test("removes rows the files no longer hold", async () => {
    const env = testEnv();
    const external = client.db(env.EXTERNAL_DATABASE_NAME);
    await external.collection("naceCodes").insertOne({ code: "99.99", revision: "2.1", level: "class", parent: "99.9", title: "Gone" });

    const result = await runScript("db-seed-external.ts", [], env);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/naceCodes\s+\d+ rows: \d+ inserted, 0 updated, 0 unchanged, 1 removed/);
    expect(await external.collection("naceCodes").countDocuments({ code: "99.99" })).toBe(0);
  });
});

describe("db:seed", () => {
  test("creates the sample organization's user, company and reports once", async () => {
    const env = testEnv();
    expect((await runScript("db-migrate.ts", [], env)).exitCode).toBe(0);
    expect((await runScript("db-seed-external.ts", [], env)).exitCode).toBe(0);

    const first = await runScript("db-seed.ts", [], env);
    const second = await runScript("db-seed.ts", [], env);

    expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
    expect(first.stdout).toMatch(/company .*\(created; sector intensity [\d.]+\)/);
    expect(second.stdout).toMatch(/company .*\(kept;/);
    const primary = client.db(env.PRIMARY_DATABASE_NAME);
    expect(await primary.collection("users").countDocuments()).toBe(1);
    expect(await primary.collection("companies").countDocuments()).toBe(1);
    const reports = await primary.collection("reports").find({}, { projection: { year: 1, organizationId: 1 } }).sort({ year: 1 }).toArray();
    expect(reports.map((r) => r.year)).toEqual([2023, 2024]);
    const company = await primary.collection("companies").findOne({});
    expect(company?.nace).toMatchObject({ revision: "2.1", code: "10.71" });
    expect(company?.sectorIntensity?.value).toBeGreaterThan(0);
  });
});

describe("db:sync-reference", () => {
  test("snapshots the external reference data into the primary database", async () => {
    const env = testEnv();
    expect((await runScript("db-seed-external.ts", [], env)).exitCode).toBe(0);
    const result = await runScript("db-sync-reference.ts", [], env);
    expect(result.exitCode).toBe(0);
    const [rev21, rev2] = await Promise.all([loadNaceCodes("2.1"), loadNaceCodes("2")]);
    expect(result.stdout).toContain(`${rev21.length + rev2.length} NACE codes`);
    expect(await collectionNames(env.PRIMARY_DATABASE_NAME)).toContain("referenceSnapshots");
  });

  test("refuses an empty or misspelled external database (exit 3, one line) and keeps the snapshot; --force overrides", async () => {
    const env = testEnv();
    expect((await runScript("db-seed-external.ts", [], env)).exitCode).toBe(0);
    expect((await runScript("db-sync-reference.ts", [], env)).exitCode).toBe(0);
    const snapshotRows = async () =>
      (await client.db(env.PRIMARY_DATABASE_NAME).collection("referenceSnapshots").find({}).sort({ dataset: 1 }).toArray()).map((doc) => doc.rows.length);
    const good = await snapshotRows();
    expect(good.every((rows) => rows > 0)).toBe(true);

    const typo = { ...env, EXTERNAL_DATABASE_NAME: `${env.EXTERNAL_DATABASE_NAME}-typo` };
    const refused = await runScript("db-sync-reference.ts", [], typo);
    expect(refused.exitCode).toBe(3);
    // Leaves out the pending-migrations warning and structured log lines (a slow query under load).
    const lines = refused.stderr.trim().split("\n").filter((line) => !line.startsWith("warning: ") && !line.startsWith("{"));
    expect(lines).toEqual([expect.stringContaining(`Reference sync refused, snapshot kept: the external database "${typo.EXTERNAL_DATABASE_NAME}" has no NACE codes and no NACE sector CO2 factors`)]);
    expect(lines[0]).toContain("--force");
    expect(await snapshotRows()).toEqual(good);

    const forced = await runScript("db-sync-reference.ts", ["--force"], typo);
    expect(forced.exitCode).toBe(0);
    expect(await snapshotRows()).toEqual([0, 0]);
  });

  test("refuses a source that would shrink the snapshot by more than half, unless --force", async () => {
    const env = testEnv();
    expect((await runScript("db-seed-external.ts", [], env)).exitCode).toBe(0);
    expect((await runScript("db-sync-reference.ts", [], env)).exitCode).toBe(0);
    const external = client.db(env.EXTERNAL_DATABASE_NAME).collection("naceCodes");
    const total = await external.countDocuments();
    await external.deleteMany({ revision: "2" });
    await external.deleteMany({ level: { $in: ["class", "group"] } });
    const left = await external.countDocuments();
    expect(left).toBeLessThan(total / 2);

    const refused = await runScript("db-sync-reference.ts", [], env);
    expect(refused.exitCode).toBe(3);
    expect(refused.stderr).toContain(`shrink the snapshot by more than half (NACE codes ${total} → ${left})`);
    const stored = await client.db(env.PRIMARY_DATABASE_NAME).collection("referenceSnapshots").findOne({ dataset: "naceCodes" });
    expect(stored?.rows.length).toBe(total);

    const forced = await runScript("db-sync-reference.ts", ["--force"], env);
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain(`${left} NACE codes`);
  });

  test("refuses a production database without --allow-production, and exits 1 when the external one is down", async () => {
    const production = { ...testEnv(), APP_ENV: "production", ...PRODUCTION_CLERK_VARS };
    const refused = await runScript("db-sync-reference.ts", [], production);
    expect(refused.exitCode).toBe(3);
    expect(await collectionNames(production.PRIMARY_DATABASE_NAME)).toEqual([]);

    const down = await runScript("db-sync-reference.ts", [], testEnv({ SCOPE321_DATABASE_URL: unreachableDatabaseUrl() }));
    expect(down.exitCode).toBe(1);
    expect(down.stderr).toContain("Reference sync failed");
  });
});
