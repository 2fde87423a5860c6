/**
 * A lease on the right to run migrations, held in one document of `migrationLocks` (see
 * docs/decisions/0030-migrations-lock.md). Taking it is a single findOneAndUpdate with upsert on a fixed `_id`:
 * it matches only a free (expired) or own lock, so while another runner holds a live lease the upsert tries to
 * insert a second document with the same `_id` and the server answers with a duplicate-key error. The holder
 * renews the lease while it works; if it dies, the lease expires and the next runner takes over.
 */
import { hostname } from "node:os";
import type { Collection, Db } from "mongodb";

export const MIGRATION_LOCKS_COLLECTION = "migrationLocks";
const LOCK_ID = "db:migrate";
const DUPLICATE_KEY = 11000;

interface LockDocument {
  _id: string;
  owner: string;
  acquiredAt: Date;
  expiresAt: Date;
  host: string;
  pid: number;
}

export interface LockHolder {
  owner: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export class MigrationLockTimeoutError extends Error {
  override readonly name = "MigrationLockTimeoutError";
  constructor(
    readonly waitedMs: number,
    readonly holder: LockHolder | null,
  ) {
    super(
      `Gave up after ${Math.round(waitedMs / 1000)} s waiting for the migration lock` +
        (holder
          ? `, held by ${holder.owner} until ${holder.expiresAt.toISOString()}.`
          : ".") +
        " Another db:migrate is running; if it crashed, the lock frees itself when it expires.",
    );
  }
}

export interface HeldMigrationLock {
  readonly owner: string;
  /** Aborted when a renewal finds the lease was taken over (or could not be renewed before it expired). */
  readonly lost: AbortSignal;
  /** Stops renewing and deletes the lock document if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

export interface LockOptions {
  owner: string;
  /** Lease length; renewed every third of it while held. */
  leaseMs: number;
  /** How long to wait for another runner before giving up. */
  waitTimeoutMs: number;
  /** Base delay between attempts while waiting (a random jitter of up to the same amount is added). */
  pollIntervalMs: number;
}

export function newLockOwner(): string {
  return `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
}

function locks(db: Db): Collection<LockDocument> {
  return db.collection<LockDocument>(MIGRATION_LOCKS_COLLECTION);
}

/** One attempt: true when this owner now holds the lease. */
async function tryAcquire(db: Db, owner: string, leaseMs: number): Promise<boolean> {
  const now = new Date();
  try {
    await locks(db).findOneAndUpdate(
      { _id: LOCK_ID, $or: [{ expiresAt: { $lte: now } }, { owner }] },
      { $set: { owner, acquiredAt: now, expiresAt: new Date(now.getTime() + leaseMs), host: hostname(), pid: process.pid } },
      { upsert: true, returnDocument: "after" },
    );
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === DUPLICATE_KEY) return false;
    throw error;
  }
}

export async function currentLockHolder(db: Db): Promise<LockHolder | null> {
  const doc = await locks(db).findOne({ _id: LOCK_ID });
  return doc ? { owner: doc.owner, acquiredAt: doc.acquiredAt, expiresAt: doc.expiresAt } : null;
}

/**
 * Waits until the lease is ours (or throws MigrationLockTimeoutError) and keeps renewing it until released.
 * `waitedMs` says how long another runner kept us waiting.
 */
export async function acquireMigrationLock(
  db: Db,
  options: LockOptions,
): Promise<{ lock: HeldMigrationLock; waitedMs: number }> {
  const started = performance.now();
  let waited = false;
  for (;;) {
    // Looking first keeps the expected contention out of the server's and the driver's error logs: the
    // duplicate-key path is then only taken by runners that really raced for a free lock.
    const holder = await currentLockHolder(db);
    const free = !holder || holder.owner === options.owner || holder.expiresAt.getTime() <= Date.now();
    if (free && (await tryAcquire(db, options.owner, options.leaseMs))) break;
    waited = true;
    const elapsed = performance.now() - started;
    if (elapsed >= options.waitTimeoutMs) throw new MigrationLockTimeoutError(elapsed, await currentLockHolder(db));
    await Bun.sleep(options.pollIntervalMs + Math.random() * options.pollIntervalMs);
  }
  return { lock: holdLock(db, options), waitedMs: waited ? Math.round(performance.now() - started) : 0 };
}

function holdLock(db: Db, options: LockOptions): HeldMigrationLock {
  const lost = new AbortController();
  let leaseEndsAt = Date.now() + options.leaseMs;
  let released = false;
  let renewing: Promise<void> = Promise.resolve();

  const renew = async () => {
    const now = Date.now();
    try {
      const result = await locks(db).updateOne(
        { _id: LOCK_ID, owner: options.owner },
        { $set: { expiresAt: new Date(now + options.leaseMs) } },
      );
      if (result.matchedCount === 1) leaseEndsAt = now + options.leaseMs;
      else lost.abort(new Error("the migration lock was taken over by another runner"));
    } catch (error) {
      // A failed renewal is not yet a lost lease; it becomes one when the lease runs out unrenewed.
      if (Date.now() >= leaseEndsAt) lost.abort(new Error("the migration lock could not be renewed before it expired", { cause: error }));
    }
  };
  const timer = setInterval(() => {
    if (!released && !lost.signal.aborted) renewing = renew();
  }, Math.max(50, Math.floor(options.leaseMs / 3)));

  return {
    owner: options.owner,
    lost: lost.signal,
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      await renewing;
      await locks(db).deleteOne({ _id: LOCK_ID, owner: options.owner });
    },
  };
}
