/**
 * Every way an API request can fail, as RFC 9457 problem+json: thrown as `ApiProblemError` inside the API
 * helpers, turned into a Response once by apiRoute. Data-layer errors map here too, so one module knows the
 * API's type URIs, titles and statuses.
 */
import type { z } from "zod";
import { API_PROBLEM_TYPES, jsonPointer, type ApiProblem, type ProblemFieldError } from "../../../schemas/api/problem";
import { isDataError, type AnyDataError } from "../../../server/repositories/errors";

export class ApiProblemError extends Error {
  constructor(
    readonly problem: Omit<ApiProblem, "requestId">,
    readonly headers?: Record<string, string>,
  ) {
    super(problem.detail ?? problem.title);
  }
}

export function problemJson(problem: ApiProblem, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("Content-Type", "application/problem+json");
  h.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(problem), { status: problem.status, headers: h });
}

type Location = ProblemFieldError["in"];

/** One entry per invalid value; unknown keys get one entry each, pointing at the key itself. */
export function fieldErrorsOf(issues: readonly z.core.$ZodIssue[], where: Location): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  for (const issue of issues) {
    const path = issue.path.map((segment) => (typeof segment === "symbol" ? String(segment) : segment));
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({ in: where, pointer: jsonPointer([...path, key]), message: `Unknown field not allowed: ${key}` });
      }
    } else {
      errors.push({ in: where, pointer: jsonPointer(path), message: issue.message });
    }
  }
  return errors;
}

export function invalidRequest(detail: string, errors: ProblemFieldError[]): ApiProblemError {
  return new ApiProblemError({ type: API_PROBLEM_TYPES.validation, title: "The request is not valid", status: 400, detail, errors });
}

export function describeInvalid(errors: readonly ProblemFieldError[]): string {
  const unknown = errors.filter((error) => error.message.startsWith("Unknown field")).map((error) => error.pointer);
  if (unknown.length > 0) return `Unknown field(s) not allowed: ${unknown.join(", ")}`;
  return errors.length === 1 ? `${errors[0]!.pointer || "The body"}: ${errors[0]!.message}` : `${errors.length} values are not valid`;
}

export const notFound = (detail = "No such resource in your organization.") =>
  new ApiProblemError({ type: API_PROBLEM_TYPES.notFound, title: "Not Found", status: 404, detail });

/** The data layer's refusals as API problems. Stale versions become 412: the client's If-Match was stale. */
export function problemOfDataError(error: AnyDataError): ApiProblemError {
  switch (error.name) {
    case "NotFoundError":
      return notFound(error.message);
    case "ValidationError":
      return new ApiProblemError({
        type: API_PROBLEM_TYPES.validation,
        title: "The data is not valid",
        status: 422,
        detail: error.message,
        errors: error.issues.map((issue) => ({ in: "body", pointer: jsonPointer(issue.path), message: issue.message })),
      });
    case "ConflictError":
      if (error.details.kind === "version") {
        const current = error.details.currentVersion;
        return new ApiProblemError(
          {
            type: API_PROBLEM_TYPES.preconditionFailed,
            title: "Precondition Failed",
            status: 412,
            detail: "Someone changed this since you read it: read it again (new ETag) and apply your change to that.",
          },
          current === undefined ? undefined : { ETag: `"${current}"` },
        );
      }
      return new ApiProblemError({ type: API_PROBLEM_TYPES.conflict, title: "Conflict", status: 409, detail: error.message });
    case "ForbiddenError":
      return new ApiProblemError({ type: API_PROBLEM_TYPES.forbidden, title: "Forbidden", status: 403, detail: error.message });
    case "UnavailableError":
      return new ApiProblemError(
        { type: API_PROBLEM_TYPES.databaseUnavailable, title: "Service temporarily unavailable", status: 503, detail: error.message },
        { "Retry-After": "5" },
      );
  }
}

export function asApiProblem(error: unknown): ApiProblemError | undefined {
  if (error instanceof ApiProblemError) return error;
  if (isDataError(error)) return problemOfDataError(error);
  return undefined;
}
