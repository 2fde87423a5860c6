/**
 * The API under test: the real server (Remix build, Clerk verification with the local key) over an embedded
 * database, callers signed in with locally signed session tokens, and every response checked against the
 * generated OpenAPI document by an independent validator (response-validator.ts) — a test cannot forget to.
 */
import { MongoClient, type Db } from "mongodb";
import type { AnyEndpointContract } from "../../schemas/api";
import { createVsmeClient, type VsmeClient } from "../../client/vsme-api";
import { createApiKeyService } from "../../server/auth/api-keys/api-key-service";
import { createDataAccess, ensureIndexes } from "../../server/repositories";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { ADMIN_A, ADMIN_B, MEMBER_A, ORG_A, ORG_B, VIEWER_A, sessionToken } from "../helpers/sessions";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { seedExternalReference } from "../services/external-fixture";
import { createResponseValidator } from "./response-validator";

export { ORG_A, ORG_B };

export const CALLERS = {
  adminA: { userId: ADMIN_A, organizationId: ORG_A, role: "org:admin" },
  memberA: { userId: MEMBER_A, organizationId: ORG_A, role: "org:member" },
  viewerA: { userId: VIEWER_A, organizationId: ORG_A, role: "org:viewer" },
  adminB: { userId: ADMIN_B, organizationId: ORG_B, role: "org:admin" },
} as const;
export type CallerName = keyof typeof CALLERS;

export interface ApiTestContext {
  app: TestApp;
  primary: Db;
  validator: ReturnType<typeof createResponseValidator>;
  /** The caller's session token (a locally signed Clerk token). */
  token(caller: CallerName): Promise<string>;
  /** The typed client (openapi-fetch) for a caller; responses validated against the document. */
  client(caller: CallerName): Promise<VsmeClient>;
  /** A raw request (any method, header or body), validated against the document. */
  call(caller: CallerName | null, method: string, path: string, init?: { headers?: Record<string, string>; body?: unknown; rawBody?: BodyInit }): Promise<Response>;
  /**
   * An organization API key created by `caller` (an admin) the way the app creates one, over the same primary;
   * `revoke` revokes it there (before its first use, so no instance has it cached).
   */
  apiKey(caller: CallerName, input: { name?: string; scopes: string[]; expiresAt?: string }): Promise<{ id: string; secret: string; revoke(): Promise<void> }>;
  stop(): Promise<void>;
}

export async function startApiTest(label: string, env: Record<string, string> = {}): Promise<ApiTestContext> {
  const database: TestDatabase = await startTestDatabase(label);
  const names = { primary: database.databaseName("primary"), external: database.databaseName("external") };
  const mongo = new MongoClient(database.url, { serverSelectionTimeoutMS: 5_000 });
  await mongo.connect();
  const primary = mongo.db(names.primary);
  // What `db:migrate` does before the app serves: the collections and their (unique, TTL) indexes.
  await ensureIndexes(primary);
  await seedExternalReference(mongo.db(names.external));
  const app = await startTestApp({ ...databaseEnv(database.url, names), ...env });
  const validator = createResponseValidator();
  const tokens = new Map<CallerName, Promise<string>>();
  const tokenOf = (caller: CallerName) => {
    let token = tokens.get(caller);
    if (!token) {
      const { userId, organizationId, role } = CALLERS[caller];
      token = sessionToken({ userId, organizationId, role, lifetimeSeconds: 3600 });
      tokens.set(caller, token);
    }
    return token;
  };

  const data = createDataAccess({ primary });
  const apiKeys = createApiKeyService({ data: async () => data });

  return {
    app,
    primary,
    validator,
    token: tokenOf,
    async client(caller) {
      return createVsmeClient({ baseUrl: app.url, apiKey: await tokenOf(caller), fetch: (request) => validator.fetch(request) });
    },
    async call(caller, method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (caller) headers.authorization ??= `Bearer ${await tokenOf(caller)}`;
      let body = init.rawBody;
      if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers["content-type"] ??= "application/json";
      }
      return validator.fetch(`${app.url}${path}`, { method, headers, body });
    },
    async apiKey(caller, input) {
      const { userId, organizationId, role } = CALLERS[caller];
      const repos = data.forOrganization(organizationId, { userId, role });
      const { key, secret } = await apiKeys.create(repos, { name: input.name ?? `key ${input.scopes.join(" ")}`, ...input });
      return { id: key.id, secret, revoke: async () => void (await apiKeys.revoke(repos, key.id)) };
    },
    async stop() {
      await app.stop();
      await mongo.close();
      await database.stop();
    },
  };
}

export const companyBody = (name = "Muster Bäckerei GmbH") => ({
  name,
  identifier: { scheme: "LEI", value: "5493001KJTIIGC8Y1R12" },
  legalForm: "private_limited_liability",
  country: "DE",
  nace: { revision: "2.1", code: "10.71" },
  currency: "EUR",
});

export const reportBody = (year: number, amount = 1_000_000) => ({
  year,
  period: { start: `${year}-01-01`, end: `${year}-12-31` },
  module: "basic",
  turnover: { amount, currency: "EUR" },
});

export const workforceSection = (employees = 10) => ({
  status: "reported",
  typeOfNumberOfEmployees: "headcount",
  employeeCountingMethodology: "end_of_period",
  numberOfEmployees: employees,
  byContract: { permanent: employees, temporary: 0 },
  byGender: { male: employees, female: 0, other: 0, notReported: 0 },
  byCountry: [{ country: "DE", numberOfEmployees: employees }],
});

export async function json<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** Creates the company profile (if needed) and a draft report of `year` for the caller's organization. */
export async function seedReport(ctx: ApiTestContext, caller: CallerName, year: number) {
  const company = await ctx.call(caller, "GET", "/api/v1/company");
  if (company.status === 404) {
    const created = await ctx.call(caller, "PUT", "/api/v1/company", { body: companyBody() });
    if (created.status !== 201) throw new Error(`company: ${created.status} ${await created.text()}`);
  }
  const response = await ctx.call(caller, "POST", "/api/v1/reports", { body: reportBody(year) });
  if (response.status !== 201) throw new Error(`report: ${response.status} ${await response.text()}`);
  return json<{ id: string; version: number; year: number }>(response);
}

/** A request that would be valid for the endpoint, on organization A's report. */
export function requestFor(contract: AnyEndpointContract, reportId: string) {
  const path = `/api/v1${contract.path}`
    .replace("{reportId}", reportId)
    .replace("{section}", "workforce")
    .replace("{code}", "10.71")
    .replace("{apiKeyId}", "665f1c2ab4d3e2f1a0c9b872");
  const queries: Record<string, string> = { searchNace: "?q=bread", getExternalEmissions: "?year=2024", exportReport: "?format=json" };
  const query = queries[contract.operationId] ?? "";
  const bodies: Record<string, unknown> = {
    putCompany: companyBody("Matrix GmbH"),
    patchCompany: { name: "Matrix GmbH" },
    createReport: reportBody(2023),
    patchReport: { module: "basic" },
    putReportSection: workforceSection(3),
    reopenReport: { reason: "matrix" },
    createApiKey: { name: "matrix", scopes: ["reports:read"] },
  };
  return { method: contract.method.toUpperCase(), path: path + query, body: bodies[contract.operationId] };
}

