import type { Db } from "mongodb";

/** What a migration's `up` receives besides the database. */
export interface MigrationContext {
  /** Progress lines for the operator (the script prints them). */
  log(message: string): void;
  /**
   * Aborted when this runner has lost the migration lock (its lease ran out and another runner took over).
   * A long migration should check it between steps and stop.
   */
  readonly signal: AbortSignal;
}

export interface Migration {
  /** "0001-create-declared-indexes": a four-digit sequence number, then a kebab-case name. Never renamed. */
  readonly id: string;
  readonly description: string;
  /**
   * Applies the change. Must be safe to run again after a crash half-way (the record is written only once
   * `up` resolves), so prefer operations that are no-ops when already done (createIndexes, upserts).
   */
  up(db: Db, context: MigrationContext): Promise<void>;
  /**
   * A repeatable migration runs again whenever its checksum changes (e.g. "create the declared indexes":
   * its checksum is the declarations). A plain migration runs once; a changed checksum only earns a warning.
   */
  readonly repeatable?: boolean;
  /** Defaults to a hash of `up`'s source. */
  readonly checksum?: string;
}

/** One document of the `migrations` collection. `_id` is the migration id, so a migration is recorded once. */
export interface MigrationRecord {
  _id: string;
  description: string;
  appliedAt: Date;
  durationMs: number;
  checksum: string;
  /** How many times it has been applied: 1 for plain migrations; repeatable ones count re-runs. */
  runs: number;
  /** Lock owner (host:pid:nonce) of the runner that applied it last. */
  appliedBy: string;
}

export const MIGRATION_OUTCOMES = {
  applied: "applied",
  reapplied: "reapplied",
  skipped: "skipped",
  pending: "pending",
} as const;
export type MigrationOutcomeStatus = (typeof MIGRATION_OUTCOMES)[keyof typeof MIGRATION_OUTCOMES];

export interface MigrationOutcome {
  id: string;
  description: string;
  status: MigrationOutcomeStatus;
  /** Set when this run applied it. */
  durationMs?: number;
  /** When it was first (or, for repeatable ones, last) applied, for skipped migrations. */
  appliedAt?: Date;
}

export interface MigrationRunReport {
  owner: string;
  outcomes: MigrationOutcome[];
  /** Time spent waiting for another runner's lock (0 when the lock was free or not needed). */
  waitedForLockMs: number;
  /** Non-fatal findings: edited migrations, records of migrations this code does not know. */
  warnings: string[];
}
