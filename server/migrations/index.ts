/**
 * The migrations of the primary database, in the order they apply. Append only: never reorder, rename or
 * delete an entry once it has run anywhere — write a new migration instead.
 */
import { createDeclaredIndexes } from "./0001-create-declared-indexes";
import { reportsCompleteVsmeModel } from "./0002-reports-complete-vsme-model";
import { reportsCompactCompleteness } from "./0003-reports-compact-completeness";
import type { Migration } from "./types";

export const MIGRATIONS: readonly Migration[] = [createDeclaredIndexes, reportsCompleteVsmeModel, reportsCompactCompleteness];

export {
  runMigrations,
  migrationStatus,
  migrationChecksum,
  assertValidMigrationList,
  MigrationFailedError,
  MigrationListError,
  MIGRATIONS_COLLECTION,
  type RunMigrationsOptions,
} from "./runner";
export { MigrationLockTimeoutError, MIGRATION_LOCKS_COLLECTION, currentLockHolder } from "./lock";
export type { Migration, MigrationContext, MigrationOutcome, MigrationRecord, MigrationRunReport } from "./types";
