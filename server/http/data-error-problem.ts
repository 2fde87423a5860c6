/**
 * The data layer's error tree (server/repositories/errors.ts) as HTTP answers: one status per class, through
 * `httpStatusByErrorName` (the map lives here: HTTP is this layer's business, not the repositories'), so a loader or action that lets a NotFoundError, ValidationError… escape gets its
 * 404/422/… instead of Remix's generic 500. The messages of these errors are written for the person using the
 * app (no driver text, no stack), so they are shown in every profile.
 */
import { isDataError, type AnyDataError, type DataErrorName } from "../repositories/errors";
import { PROBLEM_TYPES, type Problem } from "./problem";

export const httpStatusByErrorName = {
  NotFoundError: 404,
  ConflictError: 409,
  ValidationError: 422,
  UnavailableError: 503,
  ForbiddenError: 403,
} as const satisfies Record<DataErrorName, number>;

/** HTTP status for an error of the data layer's tree; undefined for anything else (the caller answers 500). */
export function httpStatusOf(error: unknown): number | undefined {
  return isDataError(error) ? httpStatusByErrorName[error.name] : undefined;
}

const problemShape = {
  NotFoundError: { type: PROBLEM_TYPES.notFound, title: "Not Found" },
  ConflictError: { type: PROBLEM_TYPES.conflict, title: "Conflict" },
  ValidationError: { type: PROBLEM_TYPES.validation, title: "The data is not valid" },
  UnavailableError: { type: PROBLEM_TYPES.databaseUnavailable, title: "Service temporarily unavailable" },
  ForbiddenError: { type: PROBLEM_TYPES.forbidden, title: "Forbidden" },
} as const satisfies Record<AnyDataError["name"], { type: string; title: string }>;

export function dataErrorProblem(error: AnyDataError, requestId: string): { problem: Problem; headers?: HeadersInit } {
  const problem: Problem = {
    ...problemShape[error.name],
    status: httpStatusByErrorName[error.name],
    detail: error.message,
    requestId,
  };
  if (error.name === "ValidationError") {
    problem.errors = error.issues.map(({ path, message }) => ({ path, message }));
  }
  return { problem, headers: error.name === "UnavailableError" ? { "Retry-After": "5" } : undefined };
}
