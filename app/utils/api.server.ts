/**
 * One helper for every API endpoint: `apiRoute(contract, handler)` authenticates the caller (session or API
 * key), checks the contract's permission, parses params, query and body with the contract's schemas, handles
 * ETag / If-Match / If-None-Match and Idempotency-Key, runs the handler and answers JSON — or RFC 9457
 * problem+json for every refusal. `apiResource(...)` makes a route module's loader, action and access handle
 * from the endpoints of one path. Conventions: docs/api.md.
 *
 *   export const { loader, action, handle } = apiResource(
 *     apiRoute(getReport, async ({ repos, params }) => reply(await repos.reports.get(params.reportId))),
 *   );
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { AnyEndpointContract, BodyOf, EndpointAccess, ParamsOf, QueryOf, ResponseOf } from "../../schemas/api/contract";
import { API_PROBLEM_TYPES, jsonPointer } from "../../schemas/api/problem";
import type { AuthServices } from "../../server/auth/auth-services";
import type { AppServices } from "../../server/services/app-services";
import type { TenantRepositories } from "../../server/repositories";
import { isDataError } from "../../server/repositories/errors";
import { authenticateApiCaller, type ApiIdentity } from "./api/caller.server";
import { contentEtag, expectedVersionFrom, notModified, versionEtag } from "./api/conditional.server";
import { claimIdempotencyKey, fingerprintOf, idempotencyKeyOf, releaseIdempotencyKey, storeIdempotentResponse } from "./api/idempotency.server";
import { ApiProblemError, asApiProblem, invalidRequest, notFound, problemJson } from "./api/problems.server";
import { parseBody, parseParams, parseQuery } from "./api/request.server";

type Args = LoaderFunctionArgs | ActionFunctionArgs;

export interface ApiHandlerArgs<C extends AnyEndpointContract> {
  params: ParamsOf<C>;
  query: QueryOf<C>;
  body: BodyOf<C>;
  identity: ApiIdentity;
  repos: TenantRepositories;
  services: () => Promise<AppServices>;
  /** Sign-in's per-server services (the API-key service, whose lookup cache a revocation clears). */
  auth: AuthServices;
  /** The version named by If-Match (write endpoints); undefined for `upsert` without If-Match (create). */
  expectedVersion: number | undefined;
  request: Request;
}

export interface ApiReply<Body> {
  body: Body;
  /** `body` already serialised (a kept answer, see representation-cache.server.ts); sent as it is. */
  json?: string;
  status?: 200 | 201 | 204;
  /** The stored record's version: becomes the ETag (`"7"`) that If-Match must send back. */
  version?: number;
  /** Path of a created resource (201). */
  location?: string;
  /** A paginated reply's next cursor when `json` is sent without `body` (representation-cache.server.ts). */
  next?: string | null;
}

/** A handler's answer: the body, with the record's version as ETag when it is one. */
export function reply<Body>(body: Body, options: Omit<ApiReply<Body>, "body"> = {}): ApiReply<Body> {
  return { body, ...options };
}

/** A record as the API shows it, versioned: `reply(record, { version: record.version })`. */
export function replyRecord<Body extends { version: number }>(record: Body, options: Omit<ApiReply<Body>, "body" | "version"> = {}) {
  return reply(record, { ...options, version: record.version });
}

export type ApiHandler<C extends AnyEndpointContract> = (args: ApiHandlerArgs<C>) => Promise<ApiReply<ResponseOf<C>>>;

export interface ApiEndpoint {
  readonly contract: AnyEndpointContract;
  run(args: Args): Promise<Response>;
}

export function apiRoute<C extends AnyEndpointContract>(contract: C, handler: ApiHandler<C>): ApiEndpoint {
  return {
    contract,
    async run(args) {
      const requestId = args.context.requestId;
      let identity: ApiIdentity | undefined;
      let extraHeaders: Headers | undefined;
      try {
        const caller = await authenticateApiCaller(args, contract);
        identity = caller.identity;
        extraHeaders = caller.headers;
        const response = await answer(contract, handler, args, caller);
        return withHeaders(response, extraHeaders);
      } catch (thrown) {
        // require* helpers throw ready Responses (401/403 problem+json); keep them, add our headers.
        if (thrown instanceof Response) return withHeaders(thrown, extraHeaders);
        const problem = asApiProblem(thrown);
        if (!problem) throw thrown;
        const headers = new Headers(problem.headers);
        extraHeaders?.forEach((value, name) => headers.set(name, value));
        if (problem.problem.status >= 500) {
          args.context.logger.warn("API request failed", { status: problem.problem.status, detail: problem.problem.detail, userId: identity?.userId });
        }
        return problemJson({ ...problem.problem, requestId }, headers);
      }
    },
  };
}

async function answer<C extends AnyEndpointContract>(
  contract: C,
  handler: ApiHandler<C>,
  args: Args,
  caller: Awaited<ReturnType<typeof authenticateApiCaller>>,
): Promise<Response> {
  const { request } = args;
  const url = new URL(request.url);
  const params = parseParams(contract, args.params);
  const expectedVersion = expectedVersionFrom(request, contract.concurrency);
  const body = await parseBody(contract, request, params);
  const query = parseQuery(contract, url);

  const run = async () => {
    const result = await handler({
      params: params as ParamsOf<C>,
      query: query as QueryOf<C>,
      body: body.value as BodyOf<C>,
      identity: caller.identity,
      repos: caller.repos,
      services: () => args.context.services(),
      auth: args.context.auth,
      expectedVersion,
      request,
    });
    return jsonReply(contract, request, url, result);
  };

  const key = contract.idempotent ? idempotencyKeyOf(request) : undefined;
  if (key === undefined) return run();
  const claim = await claimIdempotencyKey(caller.repos, caller.identity.userId, key, fingerprintOf(request.method, url, body.text));
  if ("replay" in claim) return claim.replay;
  let response: Response;
  try {
    response = await run();
  } catch (error) {
    // A refusal (4xx) is an answer like any other and is replayed; anything else frees the key for a retry.
    const problem = asApiProblem(error);
    if (!problem || problem.problem.status >= 500) {
      await releaseIdempotencyKey(caller.repos, claim.record);
      throw error;
    }
    response = problemJson({ ...problem.problem, requestId: args.context.requestId }, problem.headers);
  }
  return storeIdempotentResponse(caller.repos, claim.record, response);
}

function jsonReply(contract: AnyEndpointContract, request: Request, url: URL, result: ApiReply<unknown>): Response {
  const status = result.status ?? contract.response.status;
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (contract.sunset) {
    headers.set("Deprecation", "true");
    headers.set("Sunset", new Date(contract.sunset).toUTCString());
  }
  if (result.location) headers.set("Location", result.location);
  if (status === 204) {
    if (result.version !== undefined) headers.set("ETag", versionEtag(result.version));
    return new Response(null, { status, headers });
  }
  const json = result.json ?? JSON.stringify(result.body);
  headers.set("Content-Type", "application/json");
  const next = contract.paginated ? (result.next ?? (result.body as { next?: string | null } | undefined)?.next) : undefined;
  if (next) {
    const nextUrl = new URL(url);
    nextUrl.searchParams.set("cursor", next);
    headers.set("Link", `<${nextUrl.pathname}${nextUrl.search}>; rel="next"`);
  }
  const etag = result.version !== undefined ? versionEtag(result.version) : request.method === "GET" ? contentEtag(json) : undefined;
  if (etag) headers.set("ETag", etag);
  if (etag && request.method === "GET" && notModified(request, etag)) {
    headers.delete("Content-Type");
    return new Response(null, { status: 304, headers });
  }
  return new Response(json, { status, headers });
}

function withHeaders(response: Response, extra: Headers | undefined): Response {
  if (!extra || extra.keys().next().done) return response;
  const copy = new Response(response.body, response);
  extra.forEach((value, name) => copy.headers.set(name, value));
  return copy;
}

const methodNotAllowed = (allowed: readonly string[], requestId: string) =>
  problemJson(
    { type: API_PROBLEM_TYPES.methodNotAllowed, title: "Method Not Allowed", status: 405, detail: `Use ${allowed.join(", ")}.`, requestId },
    { Allow: allowed.join(", ") },
  );

/**
 * A route module's exports for one path: `loader` runs the GET endpoint, `action` the others by method, and
 * `handle.access` declares their permissions for the route-access walk.
 */
export function apiResource(...endpoints: ApiEndpoint[]) {
  const byMethod = new Map(endpoints.map((endpoint) => [endpoint.contract.method.toUpperCase(), endpoint]));
  if (byMethod.size !== endpoints.length) throw new Error("apiResource: two endpoints with the same method");
  const allowed = [...byMethod.keys()];
  const read = byMethod.get("GET");
  const writes = endpoints.filter((endpoint) => endpoint.contract.method !== "get");
  const writeAccess = [...new Set(writes.map((endpoint) => endpoint.contract.access))];
  const loader = (args: LoaderFunctionArgs) =>
    read ? read.run(args) : Promise.resolve(methodNotAllowed(allowed, args.context.requestId));
  const action = (args: ActionFunctionArgs) => {
    const endpoint = byMethod.get(args.request.method.toUpperCase());
    return endpoint && endpoint !== read ? endpoint.run(args) : Promise.resolve(methodNotAllowed(allowed, args.context.requestId));
  };
  const access: { loader: EndpointAccess; action: EndpointAccess } = {
    loader: read?.contract.access ?? "signed-in",
    // Several writes on one path share a permission today; the strictest would be listed first otherwise.
    action: writeAccess[0] ?? read?.contract.access ?? "signed-in",
  };
  if (writeAccess.length > 1) throw new Error(`apiResource: writes of ${endpoints[0]!.contract.path} need different permissions`);
  return { loader, action, handle: { access, endpoints: endpoints.map((endpoint) => endpoint.contract.operationId) } };
}

export { ApiProblemError, notFound };

/**
 * A page of a repository list as the API answers it. A cursor or limit the repository refuses is the
 * caller's query parameter that is wrong (400), not data (422).
 */
export async function pageReply<T>(list: Promise<{ items: T[]; nextCursor: string | null }>) {
  try {
    const page = await list;
    return reply({ items: page.items, next: page.nextCursor });
  } catch (error) {
    if (isDataError(error) && error.name === "ValidationError") {
      const errors = error.issues.map((issue) => ({ in: "query" as const, pointer: jsonPointer(issue.path), message: issue.message }));
      throw invalidRequest(error.message, errors);
    }
    throw error;
  }
}
