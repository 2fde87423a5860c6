import { z } from "zod";
import { API_KEY_SECRET_PREFIX, ApiKeyCreateSchema, ApiKeySchema } from "../../api-key";
import { ObjectIdSchema, strictObject } from "../../common";
import { defineEndpoint } from "../contract";
import { EXAMPLE_IDS } from "../examples";
import { pageOf, pageQueryFields } from "../representations";

export const ApiKeyPageSchema = pageOf(ApiKeySchema, { id: "ApiKeyPage", description: "A page of API keys (never their secrets)." });

export const ApiKeyCreatedSchema = strictObject({
  key: ApiKeySchema,
  secret: z
    .string()
    .regex(new RegExp(`^${API_KEY_SECRET_PREFIX}[0-9A-Za-z]{43}$`))
    .meta({ description: "The key itself: shown this once, stored only as a hash. Send it as `Authorization: Bearer vsme_…`." }),
}).meta({ id: "ApiKeyCreated", description: "The new key and its secret (shown once)." });

export const ApiKeyIdParams = strictObject({ apiKeyId: ObjectIdSchema });

const apiKeyExample = {
  id: EXAMPLE_IDS.apiKey,
  version: 1,
  organizationId: EXAMPLE_IDS.organization,
  name: "ERP sync",
  prefix: "4fT9kQ2bXz",
  scopes: ["reports:read", "company:read"],
  expiresAt: "2027-06-30T23:59:59.999Z",
  lastUsedAt: "2026-11-30T08:15:00.000Z",
  createdAt: "2026-11-02T10:00:00.000Z",
  updatedAt: "2026-11-02T10:00:00.000Z",
  createdBy: EXAMPLE_IDS.user,
  updatedBy: EXAMPLE_IDS.user,
};

const sessionOnlyNote = "Admins only, signed in: an API key cannot list, create or revoke keys (403).";

export const listApiKeys = defineEndpoint({
  operationId: "listApiKeys",
  method: "get",
  path: "/api-keys",
  tag: "API keys",
  summary: "List the organization's API keys",
  description: `Newest first, revoked ones included (with \`revokedAt\`). The secret is never shown again. ${sessionOnlyNote}`,
  access: "api-keys:manage",
  sessionOnly: true,
  paginated: true,
  query: strictObject(pageQueryFields),
  response: { status: 200, description: "A page of API keys.", schema: ApiKeyPageSchema, example: { items: [apiKeyExample], next: null } },
  errors: [304],
});

export const createApiKey = defineEndpoint({
  operationId: "createApiKey",
  method: "post",
  path: "/api-keys",
  tag: "API keys",
  summary: "Create an API key",
  description:
    "Creates a key with a name, scopes and an optional expiry (a date such as `2027-06-30`, at most 3 years " +
    "ahead). The answer holds the secret — the only time it is shown; store it now. Not idempotent on purpose: " +
    `a stored answer would keep the secret. ${sessionOnlyNote}`,
  access: "api-keys:manage",
  sessionOnly: true,
  body: ApiKeyCreateSchema,
  bodyExample: { name: "ERP sync", scopes: ["reports:read", "company:read"], expiresAt: "2027-06-30" },
  response: {
    status: 201,
    description: "The new key and its secret (shown once); `Location` names the key.",
    schema: ApiKeyCreatedSchema,
    example: { key: apiKeyExample, secret: `${API_KEY_SECRET_PREFIX}4fT9kQ2bXz${"a1B2c3D4e5".repeat(3)}f6G` },
  },
  errors: [413, 415, 422],
});

export const revokeApiKey = defineEndpoint({
  operationId: "revokeApiKey",
  method: "delete",
  path: "/api-keys/{apiKeyId}",
  tag: "API keys",
  summary: "Revoke an API key",
  description:
    "The key answers 401 from now on: at once on the instance that revoked it, within 5 seconds on the others. " +
    "Revoking twice keeps the first revocation. No If-Match: revoking a leaked key must never wait for a reload, " +
    `and it cannot lose anyone's change. ${sessionOnlyNote}`,
  access: "api-keys:manage",
  sessionOnly: true,
  params: ApiKeyIdParams,
  response: {
    status: 200,
    description: "The revoked key.",
    schema: ApiKeySchema,
    example: { ...apiKeyExample, version: 2, revokedAt: "2026-12-01T09:00:00.000Z", revokedBy: EXAMPLE_IDS.user },
  },
  errors: [404],
});
