/**
 * RFC 9457 problem details, the body of every API error. The type URIs are stable identifiers clients may
 * branch on (listed with their meaning in docs/api.md); `about:blank` means "the status says it all".
 */
import { z } from "zod";

export const API_PROBLEM_TYPES = {
  validation: "urn:vsme-guru:problem:validation",
  malformedJson: "urn:vsme-guru:problem:malformed-json",
  unsupportedMediaType: "urn:vsme-guru:problem:unsupported-media-type",
  payloadTooLarge: "urn:vsme-guru:problem:payload-too-large",
  unauthorized: "urn:vsme-guru:problem:unauthorized",
  noOrganization: "urn:vsme-guru:problem:no-active-organization",
  forbidden: "urn:vsme-guru:problem:forbidden",
  forbiddenOrigin: "urn:vsme-guru:problem:forbidden-origin",
  notFound: "about:blank",
  methodNotAllowed: "about:blank",
  conflict: "urn:vsme-guru:problem:conflict",
  preconditionFailed: "urn:vsme-guru:problem:precondition-failed",
  preconditionRequired: "urn:vsme-guru:problem:precondition-required",
  idempotencyKeyReused: "urn:vsme-guru:problem:idempotency-key-reused",
  idempotencyKeyInUse: "urn:vsme-guru:problem:idempotency-key-in-use",
  rateLimited: "urn:vsme-guru:problem:rate-limited",
  databaseUnavailable: "urn:vsme-guru:problem:database-unavailable",
  internal: "about:blank",
} as const;

export const ProblemFieldErrorSchema = z
  .strictObject({
    /** Where the offending value is: the body, a query or path parameter, or a header. */
    in: z.enum(["body", "query", "path", "header"]),
    /** RFC 6901 JSON pointer into the body (`/sections/workforce/numberOfEmployees`), or `/<name>` of a parameter. */
    pointer: z.string(),
    message: z.string(),
  })
  .meta({ id: "ProblemFieldError", description: "One invalid value of the request." });

export const ProblemSchema = z
  .strictObject({
    type: z.string().meta({ description: "URI identifying the kind of problem (see docs/api.md)." }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional(),
    /** The X-Request-Id of the request, to quote to support. */
    requestId: z.string().optional(),
    errors: z.array(ProblemFieldErrorSchema).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details." });
export type ApiProblem = z.infer<typeof ProblemSchema>;
export type ProblemFieldError = z.infer<typeof ProblemFieldErrorSchema>;

/** RFC 6901: `~` → `~0`, `/` → `~1`. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((segment) => `/${String(segment).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}
