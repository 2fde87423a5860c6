/**
 * Database failures the HTTP layer must tell apart: "the database is unreachable right now" (503, retry later)
 * versus a bug. Errors are recognised by a global symbol brand rather than instanceof because the Remix server
 * build carries its own copy of any module it imports.
 */

const DATABASE_UNAVAILABLE = Symbol.for("vsme-guru.DatabaseUnavailableError");
/**
 * Carried by every error that means "the database cannot answer right now", whichever layer raised it (this
 * module's DatabaseUnavailableError, the repositories' UnavailableError): `isUnavailable` is the one check.
 */
export const UNAVAILABLE_BRAND = Symbol.for("vsme-guru.Unavailable");
const READ_ONLY = Symbol.for("vsme-guru.ReadOnlyViolationError");

export type DatabaseRole = "primary" | "external";

export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
  readonly [DATABASE_UNAVAILABLE] = true;
  readonly [UNAVAILABLE_BRAND] = true;
  constructor(
    readonly database: DatabaseRole,
    options?: { cause?: unknown },
  ) {
    super(`The ${database} database is unavailable`, options);
  }
}

export function isDatabaseUnavailableError(error: unknown): error is DatabaseUnavailableError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[DATABASE_UNAVAILABLE] === true;
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

/** Server-side time limits (maxTimeMS) and shutdown/step-down codes: the database is there but not answering. */
const NOT_ANSWERING_CODES: ReadonlySet<number> = new Set([50, 91, 189, 10107, 11600, 11602, 13435, 13436]);

/**
 * True for any error meaning "the database cannot answer right now; try again later": a driver error that
 * could not reach a server or timed out there, or an error of this app already branded as such. Everything
 * that must tell an outage from a bug (503 vs 500, snapshot fallback, keep-previous) asks this one question.
 */
export function isUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if ((error as Record<symbol, unknown>)[UNAVAILABLE_BRAND] === true) return true;
  if (isUnreachableError(error)) return true;
  const { code } = error as { code?: unknown };
  return typeof code === "number" && NOT_ANSWERING_CODES.has(code);
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
