/**
 * Database failures the HTTP layer must tell apart: "the database is unreachable right now" (503, retry later)
 * versus a bug. Errors are recognised by a global symbol brand rather than instanceof because the Remix server
 * build carries its own copy of any module it imports.
 */

const UNAVAILABLE = Symbol.for("vsme-guru.DatabaseUnavailableError");
const READ_ONLY = Symbol.for("vsme-guru.ReadOnlyViolationError");

export type DatabaseRole = "primary" | "external";

export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
  readonly [UNAVAILABLE] = true;
  constructor(
    readonly database: DatabaseRole,
    options?: { cause?: unknown },
  ) {
    super(`The ${database} database is unavailable`, options);
  }
}

export function isDatabaseUnavailableError(error: unknown): error is DatabaseUnavailableError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[UNAVAILABLE] === true;
}

export class ReadOnlyViolationError extends Error {
  override readonly name = "ReadOnlyViolationError";
  readonly [READ_ONLY] = true;
  constructor(what: string) {
    super(`The external database is read-only: ${what} is not allowed`);
  }
}

export function isReadOnlyViolationError(error: unknown): error is ReadOnlyViolationError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[READ_ONLY] === true;
}

/**
 * Driver error names that mean "cannot reach a usable server", as opposed to a rejected command. Matched by
 * name, not class, so errors from another copy of the driver (the Remix build bundles its own) count too.
 */
export const UNREACHABLE_ERROR_NAMES: ReadonlySet<string> = new Set([
  "MongoServerSelectionError",
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoWaitQueueTimeoutError",
  "MongoTopologyClosedError",
  "MongoNotConnectedError",
  "MongoClientClosedError",
  "MongoServerClosedError",
  "MongoPoolClearedError",
  "PoolClearedOnNetworkError",
  "MongoOperationTimeoutError",
]);

export function isUnreachableError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (UNREACHABLE_ERROR_NAMES.has(error.name)) return true;
  const labelled = error as { hasErrorLabel?: (label: string) => boolean };
  return typeof labelled.hasErrorLabel === "function" && labelled.hasErrorLabel("ResetPool");
}

/** Re-throws unreachable-database errors as DatabaseUnavailableError; anything else unchanged. */
export function asDatabaseError(error: unknown, database: DatabaseRole): unknown {
  if (isDatabaseUnavailableError(error)) return error;
  return isUnreachableError(error) ? new DatabaseUnavailableError(database, { cause: error }) : error;
}

export async function guardDatabase<T>(database: DatabaseRole, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw asDatabaseError(error, database);
  }
}
