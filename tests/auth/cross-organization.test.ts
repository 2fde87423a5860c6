/**
 * The cross-organization matrix (issue 9, safety): organization B has a company, a report and an API key with
 * marks found nowhere else. For every page route of the Remix build and every API endpoint, organization A's
 * admin (a session) and A's API key (every scope) ask for B's ids — B's reporting year, report id, key id —
 * and get 404, never 200 and never B's data; routes without ids answer A's data only; writes with B's ids or
 * an injected `organizationId` leave B's records unchanged.
 *
 * Data-driven: every page route needs a row in PAGE_ROWS (a route added without one fails here), and every
 * endpoint's requests are made from its contract — a path parameter this test cannot fill with B's value fails.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { API_ENDPOINTS, type AnyEndpointContract } from "../../schemas/api";
import { API_KEY_SCOPES, permissionsOfScopes } from "../../schemas/auth";
import { companyBody, json, reportBody, requestFor, startApiTest, workforceSection, type ApiTestContext } from "../api/support";
import { loadRemixBuild } from "../helpers/remix-build";
import { ADMIN_A, MEMBER_A, ORG_A, ORG_B, VIEWER_A } from "../helpers/sessions";
import { webSession, type WebIdentity } from "../helpers/web-session";

/** What B owns: the values a leak would show. */
interface B {
  year: number;
  reportId: string;
  apiKeyId: string;
  /** Strings that appear only in B's records (its ids too: a refusal may only echo the id it was asked for). */
  marks: string[];
}

type PageRequest = {
  method: "GET" | "POST";
  path: string;
  fields?: Record<string, string>;
  /** Who asks; A's admin unless named. */
  as?: WebIdentity;
  /** 404: the path names B's data. Otherwise any non-5xx answer that shows nothing of B's. */
  expect?: 404 | 400 | 403;
};

type PageRow = { holds: "nothing of a tenant"; why: string; requests?: (b: B) => PageRequest[] } | { holds: "tenant data"; requests: (b: B) => PageRequest[] };

const ADMIN_OF_A: WebIdentity = { userId: ADMIN_A, organizationId: ORG_A, role: "org:admin" };

/** One row per page route (route id as in the Remix build). API routes are covered by their contracts below. */
const PAGE_ROWS: Record<string, PageRow> = {
  root: { holds: "tenant data", requests: () => [{ method: "GET", path: "/" }] },
  "routes/_index": { holds: "tenant data", requests: () => [{ method: "GET", path: "/" }] },
  "routes/_app": { holds: "tenant data", requests: () => [{ method: "GET", path: "/dashboard" }] },
  "routes/_app.dashboard": { holds: "tenant data", requests: () => [{ method: "GET", path: "/dashboard" }] },
  "routes/_app.company": {
    holds: "tenant data",
    requests: () => [
      { method: "GET", path: "/company" },
      { method: "POST", path: "/company", fields: { organizationId: ORG_B, name: "Injected GmbH", country: "DE" } },
    ],
  },
  "routes/_app.reports._index": {
    holds: "tenant data",
    requests: () => [
      { method: "GET", path: "/reports" },
      { method: "POST", path: "/reports", fields: { organizationId: ORG_B, year: "2017", module: "basic" } },
    ],
  },
  "routes/_app.settings.api-keys": {
    holds: "tenant data",
    requests: (b): PageRequest[] => [
      { method: "GET", path: `/settings/api-keys?revoke=${b.apiKeyId}` },
      { method: "POST", path: "/settings/api-keys", fields: { intent: "revoke", id: b.apiKeyId }, expect: 404 },
      { method: "POST", path: "/settings/api-keys", fields: { organizationId: ORG_B, name: "Injected", scopes: "reports:read", intent: "save" }, expect: 400 },
    ],
  },
  "routes/_app.reports.import": {
    holds: "tenant data",
    requests: () => [
      { method: "GET", path: "/reports/import" },
      { method: "POST", path: "/reports/import", fields: { organizationId: ORG_B } },
    ],
  },
  "routes/_app.reports.$year": {
    holds: "tenant data",
    requests: (b) => [
      { method: "GET", path: `/reports/${b.year}`, expect: 404 },
      ...["submit", "approve", "reopen"].map((intent) => ({ method: "POST" as const, path: `/reports/${b.year}`, fields: { intent, reason: "x", version: "1" }, expect: 404 as const })),
    ],
  },
  "routes/_app.reports.$year_.$section": {
    holds: "tenant data",
    requests: (b) => [
      { method: "GET", path: `/reports/${b.year}/workforce`, expect: 404 },
      { method: "POST", path: `/reports/${b.year}/workforce`, fields: { status: "not_applicable", reason: "x", version: "1" }, expect: 404 },
    ],
  },
  "routes/select-organization": {
    holds: "tenant data",
    requests: () => [
      { method: "GET", path: "/select-organization" },
      // A member of A only cannot switch into B.
      { method: "POST", path: "/select-organization", fields: { organizationId: ORG_B }, as: { userId: MEMBER_A, organizationId: ORG_A, role: "org:member" }, expect: 403 },
    ],
  },
  "routes/sign-in.$": {
    holds: "nothing of a tenant",
    why: "lists the local directory's sample people; mints only the directory's own user–organization pairs",
    requests: () => [
      { method: "POST", path: "/sign-in", fields: { userId: VIEWER_A, organizationId: ORG_B, redirectTo: "/" }, as: { userId: VIEWER_A, organizationId: ORG_A, role: "org:viewer" }, expect: 400 },
    ],
  },
  "routes/sign-out": { holds: "nothing of a tenant", why: "clears the caller's own cookies" },
  "routes/api.docs._index": { holds: "nothing of a tenant", why: "Swagger UI's page" },
  "routes/api.docs.$asset": { holds: "nothing of a tenant", why: "Swagger UI's files" },
  "routes/api.v1.openapi[.]json": { holds: "nothing of a tenant", why: "the OpenAPI document" },
};

/** How to name B's value for each path parameter of an endpoint; `tenant` ones must answer 404. */
const PATH_PARAMS: Record<string, { tenant: boolean; value: (b: B) => string }> = {
  reportId: { tenant: true, value: (b) => b.reportId },
  apiKeyId: { tenant: true, value: (b) => b.apiKeyId },
  section: { tenant: false, value: () => "workforce" },
  // Reference data (NACE codes) is shared by every organization.
  code: { tenant: false, value: () => "10.71" },
};

const pathParamsOf = (contract: AnyEndpointContract) => [...contract.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);

let ctx: ApiTestContext;
let b: B;
let keyOfA: string;

/** B's records as stored (the database itself, not an API that could hide a change). */
async function storedOfB() {
  const read = (name: string) => ctx.primary.collection(name).find({ organizationId: ORG_B }, { projection: { lastUsedAt: 0 } }).sort({ _id: 1 }).toArray();
  return { companies: await read("companies"), reports: await read("reports"), apiKeys: await read("apiKeys"), audit: await read("auditEvents") };
}

function expectNothingOfB(text: string, where: string, askedFor = "") {
  for (const mark of b.marks.filter((candidate) => !askedFor.includes(candidate))) expect({ where, leaks: text.includes(mark) ? mark : null }).toEqual({ where, leaks: null });
}

beforeAll(async () => {
  ctx = await startApiTest("cross-organization");
  const company = await ctx.call("adminB", "PUT", "/api/v1/company", { body: companyBody("Fjordvik Hemmelig Tre Oy") });
  expect(company.status).toBe(201);
  const report = await ctx.call("adminB", "POST", "/api/v1/reports", { body: reportBody(2019, 7_654_321) });
  expect(report.status).toBe(201);
  const reportId = (await json(report)).id as string;
  const section = await ctx.call("adminB", "PUT", `/api/v1/reports/${reportId}/sections/workforce`, { body: workforceSection(4321), headers: { "If-Match": '"1"' } });
  expect(section.status).toBe(200);
  const keyOfB = await ctx.apiKey("adminB", { name: "Fjordvik partner key", scopes: ["reports:read"] });
  b = { year: 2019, reportId, apiKeyId: keyOfB.id, marks: ["Fjordvik", reportId, keyOfB.secret.slice(5, 15), "7654321", "4321"] };

  // A has its own company and a report of another year, so pages have something of A's to show.
  expect((await ctx.call("adminA", "PUT", "/api/v1/company", { body: companyBody("Beispiel Matrix GmbH") })).status).toBe(201);
  expect((await ctx.call("adminA", "POST", "/api/v1/reports", { body: reportBody(2021) })).status).toBe(201);
  keyOfA = (await ctx.apiKey("adminA", { scopes: [...API_KEY_SCOPES] })).secret;
});
afterAll(() => ctx?.stop());

describe("organization A asking for organization B's data", () => {
  test("every page route has a row; every row is a route of the build", async () => {
    const build = await loadRemixBuild();
    const pageRoutes = Object.keys(build.routes).filter((id) => !id.startsWith("routes/api.v1.") || id === "routes/api.v1.openapi[.]json");
    const missing = pageRoutes.filter((id) => !(id in PAGE_ROWS)).map((id) => `${id}: add a row to PAGE_ROWS (how A asks for B's data there)`);
    const stale = Object.keys(PAGE_ROWS).filter((id) => !(id in build.routes)).map((id) => `${id}: no such route any more`);
    expect([...missing, ...stale]).toEqual([]);
    // API routes are walked through their contracts: each must serve endpoints of the contract list.
    const operations = new Set(API_ENDPOINTS.map((contract) => contract.operationId));
    for (const [id, route] of Object.entries(build.routes)) {
      if (!id.startsWith("routes/api.v1.") || id in PAGE_ROWS) continue;
      const endpoints = (route.module as { handle?: { endpoints?: string[] } }).handle?.endpoints ?? [];
      expect({ id, endpoints: endpoints.length > 0 && endpoints.every((operationId) => operations.has(operationId)) }).toEqual({ id, endpoints: true });
    }
  });

  test("pages: B's ids answer 404, other pages show A's data only, and nothing of B's changes", async () => {
    const before = await storedOfB();
    let checked = 0;
    for (const [id, row] of Object.entries(PAGE_ROWS)) {
      for (const request of row.requests?.(b) ?? []) {
        const session = webSession(ctx.app, request.as ?? ADMIN_OF_A);
        const variants = request.method === "GET" ? [request.path, `${request.path === "/" ? "/_root" : request.path}.data`] : [request.path];
        for (const path of variants) {
          const page = request.method === "GET" ? await session.get(path) : await session.post(path, request.fields ?? {});
          const where = `${id} ${request.method} ${path}`;
          expect({ where, serverError: page.status >= 500 }).toEqual({ where, serverError: false });
          if (request.expect) expect({ where, status: page.status }).toEqual({ where, status: request.expect });
          expectNothingOfB(page.html, where, path);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
    expect(await storedOfB()).toEqual(before);
  });

  test("every endpoint: A's session and A's API key get 404 for B's ids and never see B's data", async () => {
    const before = await storedOfB();
    const unknown = API_ENDPOINTS.flatMap(pathParamsOf).filter((name) => !(name in PATH_PARAMS));
    expect(unknown.map((name) => `{${name}}: add to PATH_PARAMS how B's value is named`)).toEqual([]);

    for (const contract of API_ENDPOINTS) {
      const params = pathParamsOf(contract);
      const foreign = params.some((name) => PATH_PARAMS[name]!.tenant);
      // A valid request's body and query; the path is filled with B's values here.
      const request = requestFor(contract, b.reportId);
      const query = request.path.includes("?") ? request.path.slice(request.path.indexOf("?")) : "";
      let path = `/api/v1${contract.path}`;
      for (const name of params) path = path.replace(`{${name}}`, PATH_PARAMS[name]!.value(b));
      path += query;
      // A's admin may do everything in A; A's key what its scopes grant (approving needs a person: 403 first).
      const keyMay = contract.access === "signed-in" || permissionsOfScopes(API_KEY_SCOPES).includes(contract.access);
      const callers: [string, Record<string, string>, 404 | 403][] = [["A's admin", { authorization: `Bearer ${await ctx.token("adminA")}` }, 404]];
      if (!contract.sessionOnly) callers.push(["A's API key", { authorization: `Bearer ${keyOfA}` }, keyMay ? 404 : 403]);
      for (const [who, headers, refusal] of callers) {
        // If-Match "1" is B's current version: a write that reached B's record would succeed.
        const response = await ctx.call(null, request.method, path, { body: request.body, headers: { ...headers, "If-Match": '"1"' } });
        const where = `${contract.operationId} as ${who}`;
        if (foreign) expect({ where, status: response.status }).toEqual({ where, status: refusal });
        else expect({ where, serverError: response.status >= 500 }).toEqual({ where, serverError: false });
        expectNothingOfB(await response.text(), where, path);
      }
    }
    expect(await storedOfB()).toEqual(before);
  });

  test("an injected organizationId in a body or query is refused, never followed", async () => {
    const before = await storedOfB();
    const company = await ctx.call("adminA", "PATCH", "/api/v1/company?organizationId=" + ORG_B, { body: { name: "x", organizationId: ORG_B }, headers: { "If-Match": '"1"' } });
    expect(company.status).toBe(400);
    const report = await ctx.call(null, "POST", "/api/v1/reports", { body: { ...reportBody(2016), organizationId: ORG_B }, headers: { authorization: `Bearer ${keyOfA}` } });
    expect(report.status).toBe(400);
    const list = await ctx.call(null, "GET", `/api/v1/reports?organizationId=${ORG_B}`, { headers: { authorization: `Bearer ${keyOfA}` } });
    expect(list.status).toBe(400);
    expect(await storedOfB()).toEqual(before);
  });
});
