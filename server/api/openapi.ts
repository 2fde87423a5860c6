/**
 * The OpenAPI 3.1 document of API v1, built from the endpoint contracts (schemas/api) each time it is asked
 * for: a fresh registry per call, so importing this module registers nothing and two builds cannot leak into
 * each other. The document route, `npm run openapi` (the committed openapi.json) and the tests call it.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { API_BASE_PATH, API_ENDPOINTS, ProblemSchema, type AnyEndpointContract } from "../../schemas/api";
import { API_PROBLEM_TYPES } from "../../schemas/api/problem";

export const API_VERSION = "1.0.0";

const SECURITY_SCHEMES = {
  apiKey: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "vsme_…",
    description:
      "An organization API key, created by an admin in the app (Settings → API keys): " +
      "`Authorization: Bearer vsme_…`. Its scopes decide what it may do; every answer carries RateLimit headers.",
  },
  clerkSession: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A Clerk session token of a signed-in user (`Authorization: Bearer <session JWT>`); the user's organization role decides.",
  },
  clerkCookie: {
    type: "apiKey",
    in: "cookie",
    name: "__session",
    description: "The app's own session cookie: Swagger UI's “Try it out” while signed in to the app.",
  },
} as const;

const HEADER_PARAMETERS = {
  IfMatch: {
    name: "If-Match",
    in: "header",
    required: true,
    description: "The ETag of the resource as you last read it. Missing → 428; stale → 412 (reload and apply again).",
    schema: { type: "string", example: '"3"' },
  },
  IfMatchWhenExists: {
    name: "If-Match",
    in: "header",
    required: false,
    description: "Required when the resource exists (the ETag you last read); omit it to create.",
    schema: { type: "string", example: '"3"' },
  },
  IfNoneMatch: {
    name: "If-None-Match",
    in: "header",
    required: false,
    description: "The ETag you hold; 304 Not Modified when it is still current.",
    schema: { type: "string" },
  },
  IdempotencyKey: {
    name: "Idempotency-Key",
    in: "header",
    required: false,
    description:
      "A unique key (1–255 visible characters) for this request. Retrying with the same key and body returns the " +
      "stored answer (with `Idempotent-Replayed: true`) instead of acting twice; the same key with another body → 422. " +
      "Keys are kept for 24 hours.",
    schema: { type: "string", minLength: 1, maxLength: 255 },
  },
} as const;

const RESPONSE_HEADERS = {
  ETag: { description: "Version of the resource; send it in If-Match to change it.", schema: { type: "string" } },
  Link: { description: 'RFC 8288 link to the next page: `<…>; rel="next"`.', schema: { type: "string" } },
  Location: { description: "URL of the created resource.", schema: { type: "string" } },
  XRequestId: { description: "Identifies the request in the server's logs.", schema: { type: "string" } },
  RateLimit: {
    description:
      "API keys: the key's budget now (draft-ietf-httpapi-ratelimit-headers-07): requests allowed in the window, " +
      "requests left, seconds until the window resets.",
    schema: { type: "string", pattern: "^limit=\\d+, remaining=\\d+, reset=\\d+$", example: "limit=600, remaining=599, reset=42" },
  },
  RateLimitPolicy: {
    description: "API keys: the key's quota policy, `<requests>;w=<window seconds>`.",
    schema: { type: "string", pattern: "^\\d+;w=\\d+$", example: "600;w=60" },
  },
  RetryAfter: { description: "Seconds to wait before retrying.", schema: { type: "integer", minimum: 0 } },
} as const;

const ref = (kind: "parameters" | "headers", name: string) => ({ $ref: `#/components/${kind}/${name}` });

const rateLimitHeaders = {
  RateLimit: ref("headers", "RateLimit"),
  "RateLimit-Policy": ref("headers", "RateLimitPolicy"),
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is not valid (malformed JSON, unknown or invalid fields or parameters); `errors` lists each.",
  401: "Not authenticated: no or an invalid session token or API key.",
  403: "Authenticated, but not allowed (missing permission or API-key scope, or session-only endpoint).",
  404: "No such resource in your organization.",
  409: "Conflicts with the current state (a report for that year exists; the report is not a draft).",
  412: "If-Match does not match the current version: someone changed it since you read it.",
  413: "The body is larger than 1 MiB.",
  415: "The body is not JSON (send Content-Type: application/json).",
  422: "Valid JSON, but the data breaks a rule of the model, or an Idempotency-Key was reused with another body.",
  428: "If-Match is required for this change.",
  429: "Too many requests for this API key; see Retry-After.",
  500: "An unexpected error; quote the requestId.",
  503: "A database is unreachable; retry after Retry-After seconds.",
};

const COMMON_ERRORS = [400, 401, 403, 429, 500, 503];

function problemResponse(status: number): ResponseConfig {
  const headers: Record<string, unknown> = { "X-Request-Id": ref("headers", "XRequestId"), ...rateLimitHeaders };
  // 409 too: an Idempotency-Key whose first request is still running.
  if (status === 409 || status === 429 || status === 503) headers["Retry-After"] = ref("headers", "RetryAfter");
  if (status === 412) headers.ETag = ref("headers", "ETag");
  return {
    description: ERROR_DESCRIPTIONS[status] ?? "Error.",
    headers: headers as ResponseConfig["headers"],
    content: { "application/problem+json": { schema: ProblemSchema } },
  };
}

function successResponses(contract: AnyEndpointContract): Record<string, ResponseConfig> {
  const { response } = contract;
  const headers: Record<string, unknown> = { "X-Request-Id": ref("headers", "XRequestId"), ...rateLimitHeaders };
  // Records answer their version; other reads a weak ETag of the body (If-None-Match).
  if (contract.concurrency || contract.method === "get" || response.status === 201) headers.ETag = ref("headers", "ETag");
  if (contract.paginated) headers.Link = ref("headers", "Link");
  if (response.status === 201) headers.Location = ref("headers", "Location");
  const { schema } = response;
  const example = response.example === undefined ? {} : { example: response.example };
  const content: ResponseConfig["content"] = schema
    ? Object.fromEntries((response.mediaTypes ?? ["application/json"]).map((type) => [type, { schema, ...example }]))
    : undefined;
  const responses: Record<string, ResponseConfig> = {
    [response.status]: { description: response.description, headers: headers as ResponseConfig["headers"], content },
  };
  if (contract.errors?.includes(201) && content) {
    responses[201] = {
      description: "Created.",
      headers: { ...headers, ETag: ref("headers", "ETag"), Location: ref("headers", "Location") } as ResponseConfig["headers"],
      content,
    };
  }
  if (contract.errors?.includes(304)) {
    responses[304] = { description: "Not Modified: your If-None-Match is current.", headers: { ETag: ref("headers", "ETag") } as never };
  }
  return responses;
}

function routeConfig(contract: AnyEndpointContract): RouteConfig {
  const parameters: { $ref: string }[] = [];
  if (contract.concurrency === "read") parameters.push(ref("parameters", "IfNoneMatch"));
  if (contract.concurrency === "write") parameters.push(ref("parameters", "IfMatch"));
  if (contract.concurrency === "upsert") parameters.push(ref("parameters", "IfMatchWhenExists"));
  if (contract.idempotent) parameters.push(ref("parameters", "IdempotencyKey"));

  const errors = [...new Set([...COMMON_ERRORS, ...(contract.errors ?? [])])].filter((status) => status >= 400).sort();
  const responses: RouteConfig["responses"] = { ...successResponses(contract) };
  for (const status of errors) responses[status] = problemResponse(status);

  const bodyContent = contract.body
    ? {
        [contract.bodyMediaType ?? "application/json"]: {
          schema: contract.body,
          ...(contract.bodyExample === undefined ? {} : { example: contract.bodyExample }),
        },
        ...(contract.mergePatch ? { "application/merge-patch+json": { schema: contract.body } } : {}),
      }
    : undefined;

  return {
    method: contract.method,
    path: `${API_BASE_PATH}${contract.path}`,
    operationId: contract.operationId,
    summary: contract.summary,
    description: [contract.description, `Requires: \`${contract.access}\`${contract.sessionOnly ? " (signed-in session only; API keys are refused)" : ""}.`]
      .filter(Boolean)
      .join("\n\n"),
    tags: [contract.tag],
    ...(contract.sunset ? { deprecated: true } : {}),
    security: contract.sessionOnly ? [{ clerkSession: [] }, { clerkCookie: [] }] : [{ apiKey: [] }, { clerkSession: [] }, { clerkCookie: [] }],
    parameters: parameters as RouteConfig["parameters"],
    request: {
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { query: contract.query } : {}),
      ...(bodyContent ? { body: { required: contract.bodyOptional !== true, content: bodyContent } } : {}),
    },
    responses,
  };
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  Identity: "Who is calling.",
  Company: "The organization's company profile (VSME B1 general information).",
  Reports: "Yearly VSME reports, their sections, metrics and completeness.",
  "Report lifecycle": "Submitting, approving and reopening reports, and their audit trail.",
  "Reference data": "NACE codes, sector CO2 intensities and emissions from the shared database.",
  "API keys": "The organization's API keys for partner apps: admins, signed in (an API key cannot manage keys).",
};

const DESCRIPTION = `The VSME Guru partner API: read and write an organization's VSME sustainability reports.

Conventions (details and examples in docs/api.md):
- **Authentication**: \`Authorization: Bearer vsme_…\` (an organization API key) or a Clerk session token.
- **Errors** are RFC 9457 \`application/problem+json\` with a \`type\` URI, \`requestId\` and, for invalid input,
  \`errors[]\` with a JSON pointer per value. Types: ${Object.values(API_PROBLEM_TYPES)
  .filter((type, index, all) => type !== "about:blank" && all.indexOf(type) === index)
  .map((type) => `\`${type}\``)
  .join(", ")}.
- **Concurrency**: reads answer an \`ETag\`; changes need \`If-Match\` (428 without, 412 when stale);
  \`If-None-Match\` → 304.
- **Retries**: POSTs accept \`Idempotency-Key\` (kept 24 h).
- **Lists** are cursor-paginated: \`next\` in the body and a \`Link\` header.
- **Versioning**: breaking changes get a new \`/api/v2\`; a deprecated operation is marked \`deprecated\`
  and answers \`Deprecation\` and \`Sunset\` headers at least 6 months before it is removed.`;

export function buildOpenApiDocument(endpoints: readonly AnyEndpointContract[] = API_ENDPOINTS) {
  const registry = new OpenAPIRegistry();
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) registry.registerComponent("securitySchemes", name, scheme);
  for (const [name, parameter] of Object.entries(HEADER_PARAMETERS)) registry.registerComponent("parameters", name, parameter);
  for (const [name, header] of Object.entries(RESPONSE_HEADERS)) registry.registerComponent("headers", name, header);
  for (const contract of endpoints) registry.registerPath(routeConfig(contract));

  const tags = [...new Set(endpoints.map((contract) => contract.tag))].map((name) => ({
    name,
    description: TAG_DESCRIPTIONS[name] ?? name,
  }));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "VSME Guru API",
      version: API_VERSION,
      description: DESCRIPTION,
      license: { name: "Proprietary", identifier: "LicenseRef-VSME-Guru" },
      contact: { name: "VSME Guru support", url: "https://vsme.guru/support" },
    },
    servers: [{ url: "/", description: "This server" }],
    tags,
  });
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
