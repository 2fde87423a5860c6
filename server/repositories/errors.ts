/**
 * The data layer's error tree. Repositories and services throw only these (driver errors are translated at the
 * repository boundary), so the HTTP layer (server/http/data-error-problem.ts) can answer with one status per
 * class and never leak driver details.
 */
import type { z } from "zod";
import { groupIssuesByField } from "../../schemas/errors";
import { UNAVAILABLE_BRAND } from "../db/errors";

export { isUnavailable } from "../db/errors";

export interface FieldIssue {
  /** Path of the offending field, e.g. ["environmental", "scope1", "totalTonnes"]; [] for the whole input. */
  path: (string | number)[];
  message: string;
  code: string;
}

/** Brand instead of instanceof: the Remix server build carries its own copy of this module. */
const dataErrorBrand = Symbol.for("vsme-guru.DataError");

abstract class DataError extends Error {
  abstract override readonly name: DataErrorName;
  readonly [dataErrorBrand] = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

export class NotFoundError extends DataError {
  override readonly name = "NotFoundError";
  constructor(
    readonly entity: string,
    readonly id?: string,
    options?: { cause?: unknown },
  ) {
    super(id === undefined ? `${entity} not found` : `${entity} ${id} not found`, options);
  }
}

export class ConflictError extends DataError {
  override readonly name = "ConflictError";
  constructor(
    message: string,
    readonly details: {
      /** What collided: "duplicate" for a unique key, "version" for a stale write, "state" for a status rule. */
      kind: "duplicate" | "version" | "state";
      /** Fields of the unique key that collided, when kind is "duplicate". */
      fields?: string[];
      expectedVersion?: number;
      currentVersion?: number;
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export class ValidationError extends DataError {
  override readonly name = "ValidationError";
  constructor(
    message: string,
    readonly issues: FieldIssue[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Issues grouped by dotted field path ("" for the whole input): the shape forms want. */
  get fieldErrors(): Record<string, string[]> {
    return groupIssuesByField(this.issues);
  }

  static fromZod(error: z.ZodError, message = "The data is not valid"): ValidationError {
    return new ValidationError(
      message,
      error.issues.map((issue) => ({
        path: issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment)),
        message: issue.message,
        code: issue.code,
      })),
      { cause: error },
    );
  }

  static single(path: (string | number)[], message: string, code = "invalid_input"): ValidationError {
    return new ValidationError(message, [{ path, message, code }]);
  }
}

export class UnavailableError extends DataError {
  override readonly name = "UnavailableError";
  readonly [UNAVAILABLE_BRAND] = true;
  constructor(message = "The database is not reachable right now", options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class ForbiddenError extends DataError {
  override readonly name = "ForbiddenError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export type DataErrorName = "NotFoundError" | "ConflictError" | "ValidationError" | "UnavailableError" | "ForbiddenError";

export type AnyDataError = NotFoundError | ConflictError | ValidationError | UnavailableError | ForbiddenError;

export function isDataError(error: unknown): error is AnyDataError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[dataErrorBrand] === true;
}
