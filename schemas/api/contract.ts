/**
 * The shape of one API endpoint's contract: everything the route needs to check a request (permission,
 * params, query, body) and everything the OpenAPI document says about it (summary, examples, responses).
 * Contracts are plain values — importing one registers nothing — so the route, `npm run openapi` and the
 * tests read the same object. Isomorphic: no server imports.
 */
import type { z } from "zod";
import type { Permission } from "../auth";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** `"signed-in"`: any authenticated caller of an organization (e.g. GET /me). */
export type EndpointAccess = Permission | "signed-in";

/**
 * How an endpoint takes part in optimistic concurrency (docs/api.md):
 * - `read`: answers with an ETag; `If-None-Match` with the current one → 304.
 * - `write`: `If-Match` with the ETag last read is required (428 without, 412 when stale).
 * - `upsert`: like `write` when the resource exists; creating it needs no `If-Match`.
 */
export type Concurrency = "read" | "write" | "upsert";

export type AnyObjectSchema = z.ZodObject;

export interface EndpointContract<
  Params extends AnyObjectSchema | undefined = AnyObjectSchema | undefined,
  Query extends AnyObjectSchema | undefined = AnyObjectSchema | undefined,
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Response extends z.ZodType | undefined = z.ZodType | undefined,
> {
  /** Unique, camelCase: the typed client and Swagger UI show it. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Relative to /api/v1, OpenAPI template syntax: `/reports/{reportId}`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly access: EndpointAccess;
  /** Refused to API keys (403): managing keys needs a signed-in person. */
  readonly sessionOnly?: boolean;
  readonly params?: Params;
  readonly query?: Query;
  /** The request body (JSON). Absent: the endpoint takes no body and refuses one. */
  readonly body?: Body;
  /** The body may be left out entirely (no Content-Type, empty): the handler then gets `undefined`. */
  readonly bodyOptional?: boolean;
  /** A body that is not JSON (a file upload): its media type; `body` then describes the form's parts. */
  readonly bodyMediaType?: "multipart/form-data";
  /**
   * The body schema chosen by the path parameters at run time, when one documented `body` covers several
   * shapes (a report section's schema depends on `{section}`).
   */
  readonly bodyFor?: (params: Params extends AnyObjectSchema ? z.output<Params> : never) => z.ZodType;
  readonly bodyExample?: unknown;
  /** Accept `application/merge-patch+json` as well as `application/json`. */
  readonly mergePatch?: boolean;
  readonly concurrency?: Concurrency;
  /** POST only: honours `Idempotency-Key`. */
  readonly idempotent?: boolean;
  /** The list answers `{ items, next }` with a `Link: <…>; rel="next"` header. */
  readonly paginated?: boolean;
  readonly response: {
    readonly status: 200 | 201 | 204;
    readonly description: string;
    readonly schema?: Response;
    readonly example?: unknown;
    /** A file download: the media types it may come in (instead of application/json). */
    readonly mediaTypes?: readonly string[];
  };
  /** Error statuses this endpoint can answer besides the ones every endpoint can (400, 401, 403, 429, 500, 503). */
  readonly errors?: readonly number[];
  /** Set when the endpoint is deprecated: the date it stops working (Sunset header, docs/api.md). */
  readonly sunset?: string;
}

export type AnyEndpointContract = EndpointContract<
  AnyObjectSchema | undefined,
  AnyObjectSchema | undefined,
  z.ZodType | undefined,
  z.ZodType | undefined
>;

/** Identity function that keeps the literal types of a contract (for the route's handler types). */
export function defineEndpoint<
  Params extends AnyObjectSchema | undefined = undefined,
  Query extends AnyObjectSchema | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  Response extends z.ZodType | undefined = undefined,
>(contract: EndpointContract<Params, Query, Body, Response>): EndpointContract<Params, Query, Body, Response> {
  return Object.freeze(contract);
}

export type ParamsOf<C> = C extends EndpointContract<infer P, any, any, any> ? (P extends AnyObjectSchema ? z.output<P> : {}) : never;
export type QueryOf<C> = C extends EndpointContract<any, infer Q, any, any> ? (Q extends AnyObjectSchema ? z.output<Q> : {}) : never;
export type BodyOf<C> = C extends EndpointContract<any, any, infer B, any> ? (B extends z.ZodType ? z.output<B> : undefined) : never;
/** What a handler returns for the body: the schema's input side (records with Date fields serialize to JSON). */
export type ResponseOf<C> = C extends EndpointContract<any, any, any, infer R> ? (R extends z.ZodType ? z.input<R> : undefined) : never;

/** `/reports/{reportId}` → `/api/v1/reports/{reportId}`. */
export const API_BASE_PATH = "/api/v1";
