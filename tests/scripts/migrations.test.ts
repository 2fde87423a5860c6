/**
 * The migration runner against a real server over the wire: applied once, re-runs are no-ops, concurrent
 * runners (two MongoClients) apply each migration exactly once, and the declared indexes exist afterwards.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MongoClient, type Db } from "mongodb";
import { z } from "zod";
import {
  MIGRATIONS,
  MIGRATIONS_COLLECTION,
  MIGRATION_LOCKS_COLLECTION,
  MigrationFailedError,
  MigrationListError,
  MigrationLockTimeoutError,
  runMigrations,
  type Migration,
  type MigrationRecord,
} from "../../server/migrations/index";
import { createDeclaredIndexesMigration } from "../../server/migrations/0001-create-declared-indexes";
import { allCollections } from "../../server/repositories/index";
import { defineCollection } from "../../server/repositories/core/define-collection";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let clientA: MongoClient;
let clientB: MongoClient;
let dbCounter = 0;

beforeAll(async () => {
  database = await startTestDatabase("migrations");
  clientA = await new MongoClient(database.url, { serverSelectionTimeoutMS: 5_000 }).connect();
  clientB = await new MongoClient(database.url, { serverSelectionTimeoutMS: 5_000 }).connect();
});

afterAll(async () => {
  await clientA?.close();
  await clientB?.close();
  await database?.stop();
});

/** A fresh database name per test; the same name on both clients reaches the same database. */
function freshDbName(): string {
  return database.databaseName(`m${++dbCounter}`);
}

/** A migration whose every run is counted in the database itself, so concurrent runs cannot hide. */
function countingMigration(id: string, options: { delayMs?: number; fail?: boolean } = {}): Migration {
  return {
    id,
    description: `counts its runs (${id})`,
    async up(db) {
      await db.collection("runCounts").updateOne({ _id: id as never }, { $inc: { runs: 1 } }, { upsert: true });
      if (options.delayMs) await Bun.sleep(options.delayMs);
      if (options.fail) throw new Error(`${id} broke on purpose`);
    },
  };
}

async function runCounts(db: Db): Promise<Record<string, number>> {
  const docs = await db.collection<{ _id: string; runs: number }>("runCounts").find({}).toArray();
  return Object.fromEntries(docs.map((doc) => [doc._id, doc.runs]));
}

async function records(db: Db): Promise<MigrationRecord[]> {
  return db.collection<MigrationRecord>(MIGRATIONS_COLLECTION).find({}).sort({ _id: 1 }).toArray();
}

describe("runMigrations", () => {
  test("applies pending migrations once, in order, and records each", async () => {
    const db = clientA.db(freshDbName());
    const migrations = [countingMigration("0001-first"), countingMigration("0002-second")];

    const report = await runMigrations(db, migrations);

    expect(report.outcomes.map((o) => [o.id, o.status])).toEqual([
      ["0001-first", "applied"],
      ["0002-second", "applied"],
    ]);
    expect(await runCounts(db)).toEqual({ "0001-first": 1, "0002-second": 1 });
    const stored = await records(db);
    expect(stored.map((r) => r._id)).toEqual(["0001-first", "0002-second"]);
    for (const record of stored) {
      expect(record.appliedAt).toBeInstanceOf(Date);
      expect(record.durationMs).toBeGreaterThanOrEqual(0);
      expect(record.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(record.runs).toBe(1);
    }
    // The lock is released when the run ends.
    expect(await db.collection(MIGRATION_LOCKS_COLLECTION).countDocuments()).toBe(0);
  });

  test("a re-run applies nothing and leaves the records untouched", async () => {
    const db = clientA.db(freshDbName());
    const migrations = [countingMigration("0001-first"), countingMigration("0002-second")];
    await runMigrations(db, migrations);
    const before = await records(db);

    const again = await runMigrations(db, migrations);

    expect(again.outcomes.map((o) => o.status)).toEqual(["skipped", "skipped"]);
    expect(await runCounts(db)).toEqual({ "0001-first": 1, "0002-second": 1 });
    expect(await records(db)).toEqual(before);
  });

  test("a migration added later is the only one applied on the next run", async () => {
    const db = clientA.db(freshDbName());
    await runMigrations(db, [countingMigration("0001-first")]);

    const report = await runMigrations(db, [countingMigration("0001-first"), countingMigration("0002-added")]);

    expect(report.outcomes.map((o) => [o.id, o.status])).toEqual([
      ["0001-first", "skipped"],
      ["0002-added", "applied"],
    ]);
    expect(await runCounts(db)).toEqual({ "0001-first": 1, "0002-added": 1 });
  });

  test("two runners on two clients at once apply each migration exactly once", async () => {
    const name = freshDbName();
    const migrations = [
      countingMigration("0001-slow", { delayMs: 300 }),
      countingMigration("0002-next", { delayMs: 100 }),
      countingMigration("0003-last"),
    ];

    const [a, b] = await Promise.all([
      runMigrations(clientA.db(name), migrations, { owner: "runner-a", pollIntervalMs: 20 }),
      runMigrations(clientB.db(name), migrations, { owner: "runner-b", pollIntervalMs: 20 }),
    ]);

    const db = clientA.db(name);
    expect(await runCounts(db)).toEqual({ "0001-slow": 1, "0002-next": 1, "0003-last": 1 });
    expect((await records(db)).map((r) => [r._id, r.runs])).toEqual([
      ["0001-slow", 1],
      ["0002-next", 1],
      ["0003-last", 1],
    ]);
    // Each migration was applied by exactly one of the two; the other saw it applied.
    for (const id of ["0001-slow", "0002-next", "0003-last"]) {
      const statuses = [a, b].map((report) => report.outcomes.find((o) => o.id === id)?.status).sort();
      expect(statuses).toEqual(["applied", "skipped"]);
    }
    // The runner that applied nothing had to wait for the other's lock (or came after it was done).
    const loser = a.outcomes.every((o) => o.status === "skipped") ? a : b;
    expect(loser.outcomes.every((o) => o.status === "skipped")).toBe(true);
  });

  test("five concurrent runners still apply each migration once", async () => {
    const name = freshDbName();
    const migrations = [countingMigration("0001-a", { delayMs: 50 }), countingMigration("0002-b")];
    const clients = [clientA, clientB, clientA, clientB, clientA];

    const reports = await Promise.all(
      clients.map((client, index) => runMigrations(client.db(name), migrations, { owner: `runner-${index}`, pollIntervalMs: 10 })),
    );

    expect(await runCounts(clientA.db(name))).toEqual({ "0001-a": 1, "0002-b": 1 });
    const appliedCount = reports.flatMap((r) => r.outcomes).filter((o) => o.status === "applied").length;
    expect(appliedCount).toBe(2);
  });

  test("a runner waits for a live lock and gives up after its timeout, naming the holder", async () => {
    const db = clientA.db(freshDbName());
    await db.collection(MIGRATION_LOCKS_COLLECTION).insertOne({
      _id: "db:migrate" as never,
      owner: "other-host:4242:abcd",
      acquiredAt: new Date(),
      expiresAt: new Date(Date.now() + 60_000),
    });

    const attempt = runMigrations(db, [countingMigration("0001-first")], { waitTimeoutMs: 300, pollIntervalMs: 20 });

    const error = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationLockTimeoutError);
    expect((error as Error).message).toContain("other-host:4242:abcd");
    expect(await runCounts(db)).toEqual({});
  });

  test("an expired lock left by a crashed runner is taken over", async () => {
    const db = clientA.db(freshDbName());
    await db.collection(MIGRATION_LOCKS_COLLECTION).insertOne({
      _id: "db:migrate" as never,
      owner: "crashed-host:1:dead",
      acquiredAt: new Date(Date.now() - 120_000),
      expiresAt: new Date(Date.now() - 60_000),
    });

    const report = await runMigrations(db, [countingMigration("0001-first")]);

    expect(report.outcomes[0]?.status).toBe("applied");
    expect((await records(db))[0]?.appliedBy).toBe(report.owner);
  });

  test("the lease is renewed while a long migration runs, so a waiting runner does not take over", async () => {
    const name = freshDbName();
    const migrations = [countingMigration("0001-long", { delayMs: 700 })];

    const [a, b] = await Promise.all([
      runMigrations(clientA.db(name), migrations, { owner: "long-a", leaseMs: 300, pollIntervalMs: 20 }),
      Bun.sleep(50).then(() => runMigrations(clientB.db(name), migrations, { owner: "long-b", leaseMs: 300, pollIntervalMs: 20 })),
    ]);

    expect(await runCounts(clientA.db(name))).toEqual({ "0001-long": 1 });
    expect([a, b].map((r) => r.outcomes[0]?.status).sort()).toEqual(["applied", "skipped"]);
  });

  test("a failing migration is not recorded, stops the run and releases the lock", async () => {
    const db = clientA.db(freshDbName());
    const broken = [countingMigration("0001-ok"), countingMigration("0002-broken", { fail: true }), countingMigration("0003-after")];

    const error = await runMigrations(db, broken).then(
      () => null,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(MigrationFailedError);
    expect((error as MigrationFailedError).migrationId).toBe("0002-broken");
    expect((await records(db)).map((r) => r._id)).toEqual(["0001-ok"]);
    expect(await runCounts(db)).toEqual({ "0001-ok": 1, "0002-broken": 1 });
    expect(await db.collection(MIGRATION_LOCKS_COLLECTION).countDocuments()).toBe(0);

    // Once fixed, the next run picks up where it stopped.
    const fixed = [countingMigration("0001-ok"), countingMigration("0002-broken"), countingMigration("0003-after")];
    const report = await runMigrations(db, fixed);
    expect(report.outcomes.map((o) => o.status)).toEqual(["skipped", "applied", "applied"]);
  });

  test("a list with ids out of order or malformed is refused before touching the database", async () => {
    const db = clientA.db(freshDbName());
    for (const list of [
      [countingMigration("0002-b"), countingMigration("0001-a")],
      [countingMigration("0001-a"), countingMigration("0001-a")],
      [countingMigration("first")],
    ]) {
      await expect(runMigrations(db, list)).rejects.toBeInstanceOf(MigrationListError);
    }
    expect(await db.listCollections().toArray()).toEqual([]);
  });

  test("an edited plain migration is not re-run but reported", async () => {
    const db = clientA.db(freshDbName());
    await runMigrations(db, [countingMigration("0001-first")]);
    const edited: Migration = { ...countingMigration("0001-first"), checksum: "edited" };

    const report = await runMigrations(db, [edited]);

    expect(report.outcomes[0]?.status).toBe("skipped");
    expect(report.warnings.join("\n")).toContain("0001-first was changed after it was applied");
    expect(await runCounts(db)).toEqual({ "0001-first": 1 });
  });
});

describe("0001-create-declared-indexes", () => {
  const declaredIndexNames = (collections: typeof allCollections) =>
    Object.fromEntries(collections.map((c) => [c.name, ["_id_", ...c.indexes.map((i) => i.name)].sort()]));

  async function actualIndexNames(db: Db, collections: typeof allCollections) {
    const entries = await Promise.all(
      collections.map(async (c) => [c.name, (await db.collection(c.name).listIndexes().toArray()).map((i) => String(i.name)).sort()] as const),
    );
    return Object.fromEntries(entries);
  }

  test("creates every declared collection with its indexes (listIndexes), unique ones enforced", async () => {
    const db = clientA.db(freshDbName());

    const report = await runMigrations(db, MIGRATIONS);

    expect(report.outcomes.find((o) => o.id === "0001-create-declared-indexes")?.status).toBe("applied");
    expect(await actualIndexNames(db, allCollections)).toEqual(declaredIndexNames(allCollections));
    const users = (await db.collection("users").listIndexes().toArray()).find((i) => i.name === "clerkId_unique");
    expect(users?.unique).toBe(true);
    await db.collection("users").insertOne({ clerkId: "user_same" });
    await expect(db.collection("users").insertOne({ clerkId: "user_same" })).rejects.toMatchObject({ code: 11000 });
  });

  test("runs again when a collection or index is declared later, and only then", async () => {
    const db = clientA.db(freshDbName());
    await runMigrations(db, MIGRATIONS);
    const notes = defineCollection({
      name: "laterNotes",
      entity: "Note",
      schema: z.object({ title: z.string() }),
      tenantScoped: true,
      indexes: [{ name: "organizationId_title", key: { organizationId: 1, title: 1 } }],
    });
    const extended = [createDeclaredIndexesMigration([...allCollections, notes])];

    const rerun = await runMigrations(db, extended);
    const again = await runMigrations(db, extended);

    expect(rerun.outcomes[0]?.status).toBe("reapplied");
    expect(again.outcomes[0]?.status).toBe("skipped");
    expect(await actualIndexNames(db, [notes])).toEqual(declaredIndexNames([notes]));
    expect((await records(db)).find((r) => r._id === "0001-create-declared-indexes")?.runs).toBe(2);
  });
});
