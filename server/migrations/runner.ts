/**
 * Applies pending migrations in order, each exactly once, even when several processes run `db:migrate` at
 * the same time: the work happens under the migration lock (lock.ts), and the applied set is read again once
 * the lock is held, so a runner that waited sees what the other one did and skips it. Records are keyed by
 * migration id (`_id`), which also makes a second record of the same migration impossible.
 */
import { createHash } from "node:crypto";
import type { Collection, Db } from "mongodb";
import { bumpDataEpoch } from "../repositories/core/data-epoch";
import { acquireMigrationLock, newLockOwner, type HeldMigrationLock } from "./lock";
import type { Migration, MigrationContext, MigrationOutcome, MigrationRecord, MigrationRunReport } from "./types";

export const MIGRATIONS_COLLECTION = "migrations";
const MIGRATION_ID = /^\d{4}-[a-z0-9]+(-[a-z0-9]+)*$/;
const DUPLICATE_KEY = 11000;

export interface RunMigrationsOptions {
  /** Identifies this runner in the lock and the records; default host:pid:nonce. */
  owner?: string;
  /** Progress lines (what is being applied, waiting for the lock). */
  log?: (message: string) => void;
  /** Lock lease; default 60 s, renewed every 20 s while migrations run. */
  leaseMs?: number;
  /** How long to wait for another runner; default 10 minutes (index builds on large collections take time). */
  waitTimeoutMs?: number;
  /** Delay between lock attempts while waiting; default 250 ms plus jitter. */
  pollIntervalMs?: number;
}

export class MigrationFailedError extends Error {
  override readonly name = "MigrationFailedError";
  constructor(
    readonly migrationId: string,
    /** What this run had already done before the failure (recorded, will be skipped next time). */
    readonly completed: MigrationOutcome[],
    cause: unknown,
  ) {
    super(`Migration ${migrationId} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export class MigrationListError extends Error {
  override readonly name = "MigrationListError";
}

export function migrationChecksum(migration: Migration): string {
  return createHash("sha256")
    .update(migration.checksum ?? migration.up.toString())
    .digest("hex");
}

/** Refuses a list with malformed, duplicate or out-of-order ids before anything touches the database. */
export function assertValidMigrationList(migrations: readonly Migration[]): void {
  let previous = "";
  for (const migration of migrations) {
    if (!MIGRATION_ID.test(migration.id)) {
      throw new MigrationListError(`Migration id "${migration.id}" must look like 0001-short-name`);
    }
    if (migration.id <= previous) {
      throw new MigrationListError(`Migration ${migration.id} is listed after ${previous}: ids must be unique and ascending`);
    }
    previous = migration.id;
  }
}

function records(db: Db): Collection<MigrationRecord> {
  return db.collection<MigrationRecord>(MIGRATIONS_COLLECTION);
}

async function readApplied(db: Db): Promise<Map<string, MigrationRecord>> {
  const applied = await records(db).find({}).sort({ _id: 1 }).toArray();
  return new Map(applied.map((record) => [record._id, record]));
}

type Plan = { migration: Migration; checksum: string; record?: MigrationRecord; status: "pending" | "changed" | "done" };

function plan(migrations: readonly Migration[], applied: Map<string, MigrationRecord>): Plan[] {
  return migrations.map((migration) => {
    const checksum = migrationChecksum(migration);
    const record = applied.get(migration.id);
    if (!record) return { migration, checksum, status: "pending" };
    if (migration.repeatable && record.checksum !== checksum) return { migration, checksum, record, status: "changed" };
    return { migration, checksum, record, status: "done" };
  });
}

function warningsFor(migrations: readonly Migration[], steps: Plan[], applied: Map<string, MigrationRecord>): string[] {
  const warnings: string[] = [];
  for (const step of steps) {
    if (step.status === "done" && !step.migration.repeatable && step.record && step.record.checksum !== step.checksum) {
      warnings.push(
        `${step.migration.id} was changed after it was applied (checksum differs); it will not run again — add a new migration instead`,
      );
    }
  }
  const known = new Set(migrations.map((migration) => migration.id));
  for (const id of applied.keys()) {
    if (!known.has(id)) warnings.push(`${id} is recorded in the database but unknown to this code (a newer version applied it?)`);
  }
  return warnings;
}

/** What `runMigrations` would do, without taking the lock or writing anything. */
export async function migrationStatus(db: Db, migrations: readonly Migration[]): Promise<MigrationRunReport> {
  assertValidMigrationList(migrations);
  const applied = await readApplied(db);
  const steps = plan(migrations, applied);
  return {
    owner: "",
    waitedForLockMs: 0,
    warnings: warningsFor(migrations, steps, applied),
    outcomes: steps.map(({ migration, record, status }) => ({
      id: migration.id,
      description: migration.description,
      status: status === "done" ? "skipped" : "pending",
      ...(record ? { appliedAt: record.appliedAt } : {}),
    })),
  };
}

export async function runMigrations(
  db: Db,
  migrations: readonly Migration[],
  options: RunMigrationsOptions = {},
): Promise<MigrationRunReport> {
  assertValidMigrationList(migrations);
  const owner = options.owner ?? newLockOwner();
  const log = options.log ?? (() => undefined);

  // Fast path: nothing to do means no lock and no write, so a routine re-run on every deploy costs one read.
  const before = await readApplied(db);
  if (plan(migrations, before).every((step) => step.status === "done")) {
    return { ...(await migrationStatus(db, migrations)), owner };
  }

  const { lock, waitedMs } = await acquireMigrationLock(db, {
    owner,
    leaseMs: options.leaseMs ?? 60_000,
    waitTimeoutMs: options.waitTimeoutMs ?? 600_000,
    pollIntervalMs: options.pollIntervalMs ?? 250,
  });
  if (waitedMs > 0) log(`waited ${waitedMs} ms for another runner's migration lock`);
  try {
    // Read again under the lock: whatever a runner we waited for applied is now visible and skipped.
    const applied = await readApplied(db);
    const steps = plan(migrations, applied);
    const outcomes: MigrationOutcome[] = [];
    for (const step of steps) {
      const { migration } = step;
      if (step.status === "done") {
        outcomes.push({ id: migration.id, description: migration.description, status: "skipped", appliedAt: step.record?.appliedAt });
        continue;
      }
      outcomes.push(await apply(db, step, lock, log, outcomes));
    }
    return { owner, outcomes, waitedForLockMs: waitedMs, warnings: warningsFor(migrations, steps, applied) };
  } finally {
    await lock.release();
  }
}

async function apply(
  db: Db,
  step: Plan,
  lock: HeldMigrationLock,
  log: (message: string) => void,
  completed: MigrationOutcome[],
): Promise<MigrationOutcome> {
  const { migration, checksum } = step;
  const fail = (cause: unknown) => new MigrationFailedError(migration.id, [...completed], cause);
  if (lock.lost.aborted) throw fail(lock.lost.reason);
  log(`${step.status === "changed" ? "re-applying" : "applying"} ${migration.id}: ${migration.description}`);
  const context: MigrationContext = { log: (message) => log(`  ${migration.id}: ${message}`), signal: lock.lost };
  const started = performance.now();
  try {
    await migration.up(db, context);
  } catch (error) {
    throw fail(error);
  } finally {
    // A migration rewrites stored data behind the repositories: whatever a running app cached from it is
    // out of date (the global data epoch is part of every cached page's key).
    await bumpDataEpoch(db, undefined).catch(() => undefined);
  }
  // The work is done but not recorded yet: if the lease was lost meanwhile, another runner may be repeating
  // it, and recording now could claim work that raced. Stop and let the next run sort it out.
  if (lock.lost.aborted) throw fail(lock.lost.reason);
  const durationMs = Math.round(performance.now() - started);
  const appliedAt = new Date();
  try {
    if (step.status === "changed") {
      await records(db).updateOne(
        { _id: migration.id },
        { $set: { description: migration.description, appliedAt, durationMs, checksum, appliedBy: lock.owner }, $inc: { runs: 1 } },
      );
    } else {
      await records(db).insertOne({
        _id: migration.id,
        description: migration.description,
        appliedAt,
        durationMs,
        checksum,
        runs: 1,
        appliedBy: lock.owner,
      });
    }
  } catch (error) {
    if ((error as { code?: unknown }).code === DUPLICATE_KEY) {
      throw fail(new Error("another runner recorded it first — the migration lock was not respected"));
    }
    throw fail(error);
  }
  return {
    id: migration.id,
    description: migration.description,
    status: step.status === "changed" ? "reapplied" : "applied",
    durationMs,
    appliedAt,
  };
}
