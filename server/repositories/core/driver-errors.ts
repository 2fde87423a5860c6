/**
 * Translation of driver errors into the repository error tree. Matching is by `name`/`code` rather than by
 * class so errors raised from another copy of the driver (or the embedded server's replies) map the same.
 */
import { isUnavailable } from "../../db/errors";
import { ConflictError, UnavailableError, isDataError } from "../errors";
import type { IndexSpec } from "./define-collection";

const duplicateKeyCode = 11000;

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  keyPattern?: unknown;
  keyValue?: unknown;
  errorResponse?: { keyPattern?: unknown; keyValue?: unknown };
  hasErrorLabel?: (label: string) => boolean;
}

export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as ErrorLike).code === duplicateKeyCode;
}

/** Errors `withTransaction` must see untouched so it can retry the transaction or the commit. */
export function isRetryableTransactionError(error: unknown): boolean {
  const candidate = error as ErrorLike | null;
  if (typeof candidate?.hasErrorLabel !== "function") return false;
  return (
    candidate.hasErrorLabel("TransientTransactionError") || candidate.hasErrorLabel("UnknownTransactionCommitResult")
  );
}

function duplicatedFields(error: ErrorLike, indexes: readonly IndexSpec[]): { fields: string[]; index?: IndexSpec } {
  const pattern = (error.keyPattern ?? error.errorResponse?.keyPattern) as Record<string, unknown> | undefined;
  const message = typeof error.message === "string" ? error.message : "";
  const byName = indexes.find((index) => message.includes(`index: ${index.name} `));
  if (byName) return { fields: Object.keys(byName.key), index: byName };
  if (pattern && typeof pattern === "object") {
    const fields = Object.keys(pattern);
    const byKey = indexes.find((index) => sameKeys(Object.keys(index.key), fields));
    return { fields, index: byKey };
  }
  return { fields: [] };
}

function sameKeys(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((key, position) => key === b[position]);
}

/**
 * Maps a driver error to the error tree (already-mapped errors pass through). `entity` names the record in
 * messages ("Report"); `indexes` lets a duplicate-key error say which rule was broken.
 */
export function translateDriverError(error: unknown, entity: string, indexes: readonly IndexSpec[]): unknown {
  if (isDataError(error)) return error;
  if (isDuplicateKeyError(error)) {
    const { fields, index } = duplicatedFields(error as ErrorLike, indexes);
    const visibleFields = fields.filter((field) => field !== "organizationId");
    const message =
      index?.duplicateMessage ??
      `${entity} with the same ${visibleFields.length > 0 ? visibleFields.join(" and ") : "unique key"} already exists`;
    return new ConflictError(message, { kind: "duplicate", fields: visibleFields }, { cause: error });
  }
  if (isUnavailable(error)) {
    return new UnavailableError("The database is not reachable right now; try again shortly", { cause: error });
  }
  return error;
}
