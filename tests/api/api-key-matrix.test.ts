/**
 * The access matrix for organization API keys (`Authorization: Bearer vsme_…`) over every endpoint of the
 * contract list: a key reaches what its scopes grant and gets 403 problem+json for the rest and for
 * session-only endpoints; unknown, revoked and expired keys get 401; organization A's key on B's ids gets 404;
 * every answer to a key carries RateLimit headers, and over its budget a key gets 429 with Retry-After.
 * Nothing stored changes; every response is validated against the document (headers included).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { API_ENDPOINTS, type AnyEndpointContract } from "../../schemas/api";
import { API_KEY_SCOPES, permissionsOfScopes, type ApiKeyScope } from "../../schemas/auth";
import { json, requestFor, seedReport, startApiTest, type ApiTestContext } from "./support";

let ctx: ApiTestContext;
let reportA: { id: string };
let reportB: { id: string };
const keys = new Map<string, { scopes: ApiKeyScope[]; secret: string }>();

beforeAll(async () => {
  ctx = await startApiTest("api-key-matrix");
  reportA = await seedReport(ctx, "adminA", 2022);
  reportB = await seedReport(ctx, "adminB", 2022);
  const scopeSets: ApiKeyScope[][] = [...API_KEY_SCOPES.map((scope) => [scope]), [...API_KEY_SCOPES]];
  for (const scopes of scopeSets) keys.set(scopes.join(" "), { scopes, secret: (await ctx.apiKey("adminA", { scopes })).secret });
});
afterAll(() => ctx?.stop());

const RATE_LIMIT = /^limit=\d+, remaining=\d+, reset=\d+$/;
const allScopes = () => keys.get(API_KEY_SCOPES.join(" "))!.secret;
const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

/** A request the key's scopes allow, with a stale If-Match so a write is refused after authorization. */
function keyRequest(contract: AnyEndpointContract, reportId: string) {
  const request = requestFor(contract, reportId);
  // Creating 2022 again is a 409: authorized, nothing stored.
  const body = contract.operationId === "createReport" ? { ...(request.body as object), year: 2022 } : request.body;
  return { ...request, body };
}

async function storedState() {
  const report = await json(await ctx.call("adminA", "GET", `/api/v1/reports/${reportA.id}`));
  const company = await json(await ctx.call("adminA", "GET", "/api/v1/company"));
  const list = await json(await ctx.call("adminA", "GET", "/api/v1/reports"));
  return { report, company, ids: list.items.map((item: { id: string }) => item.id) };
}

describe("an API key on every endpoint", () => {
  test("reaches what its scopes grant, and gets 403 for the rest and for session-only endpoints", async () => {
    const before = await storedState();
    let granted = 0;
    let refused = 0;
    for (const contract of API_ENDPOINTS) {
      for (const { scopes, secret } of keys.values()) {
        const allowed =
          !contract.sessionOnly && (contract.access === "signed-in" || permissionsOfScopes(scopes).includes(contract.access));
        const { method, path, body } = keyRequest(contract, reportA.id);
        const response = await ctx.call(null, method, path, { body, headers: { ...bearer(secret), "If-Match": '"999"' } });
        const row = { op: contract.operationId, scopes: scopes.join(" ") };
        expect(response.headers.get("ratelimit")).toMatch(RATE_LIMIT);
        expect(response.headers.get("ratelimit-policy")).toMatch(/^\d+;w=60$/);
        if (!allowed) {
          expect({ ...row, status: response.status }).toEqual({ ...row, status: 403 });
          const problem = await json(response);
          expect(problem.type).toBe("urn:vsme-guru:problem:forbidden");
          expect(problem.detail).toMatch(contract.sessionOnly ? /API keys cannot/ : /scopes do not grant/);
          refused++;
          continue;
        }
        // Reads answer; writes are refused after authorization (412 stale If-Match, 409, 400/415 bodies).
        if (method === "GET") expect({ ...row, status: response.status }).toEqual({ ...row, status: 200 });
        else expect({ ...row, status: [401, 403].includes(response.status) || response.status >= 500 }).toEqual({ ...row, status: false });
        granted++;
      }
    }
    expect(granted).toBeGreaterThanOrEqual(API_ENDPOINTS.length);
    expect(refused).toBeGreaterThanOrEqual(API_ENDPOINTS.length * 3);
    expect(await storedState()).toEqual(before);
  });

  test("unknown, wrong, revoked and expired keys answer 401 everywhere", async () => {
    const before = await storedState();
    const real = allScopes();
    const revoked = await ctx.apiKey("adminA", { scopes: [...API_KEY_SCOPES] });
    await revoked.revoke();
    const expired = await ctx.apiKey("adminA", { scopes: [...API_KEY_SCOPES], expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
    await ctx.primary.collection("apiKeys").updateOne({ prefix: expired.secret.slice(5, 15) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const wrongTail = real.slice(0, 20) + (real[20] === "A" ? "B" : "A") + real.slice(21);
    const secrets = { unknown: `vsme_${"7".repeat(43)}`, wrongTail, malformed: "vsme_", revoked: revoked.secret, expired: expired.secret };
    for (const contract of API_ENDPOINTS) {
      const { method, path, body } = keyRequest(contract, reportA.id);
      for (const [kind, secret] of Object.entries(secrets)) {
        const response = await ctx.call(null, method, path, { body, headers: { ...bearer(secret), "If-Match": '"1"' } });
        expect({ op: contract.operationId, kind, status: response.status }).toEqual({ op: contract.operationId, kind, status: 401 });
        expect(response.headers.get("www-authenticate")).toContain("Bearer");
      }
    }
    expect(await storedState()).toEqual(before);
  });

  test("organization A's key gets 404 for B's report ids and lists only A's reports", async () => {
    const before = await storedState();
    const granted = permissionsOfScopes(API_KEY_SCOPES);
    const byId = API_ENDPOINTS.filter(
      (contract) => contract.path.includes("{reportId}") && !contract.sessionOnly && granted.includes(contract.access as never),
    );
    expect(byId.length).toBeGreaterThanOrEqual(8);
    for (const contract of byId) {
      const { method, path, body } = keyRequest(contract, reportB.id);
      const response = await ctx.call(null, method, path, { body, headers: { ...bearer(allScopes()), "If-Match": '"1"' } });
      expect({ op: contract.operationId, status: response.status }).toEqual({ op: contract.operationId, status: 404 });
      // The problem names the id asked for, nothing of B's report.
      expect(Object.keys(await json(response)).sort()).toEqual(["detail", "requestId", "status", "title", "type"]);
    }
    const list = await json(await ctx.call(null, "GET", "/api/v1/reports", { headers: bearer(allScopes()) }));
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([reportA.id]);
    const me = await json(await ctx.call(null, "GET", "/api/v1/me", { headers: bearer(allScopes()) }));
    expect(me).toMatchObject({ organization: { id: "org_vsmeguruDevSample" }, authenticatedBy: "api-key" });
    expect(await storedState()).toEqual(before);
  });
});

describe("an API key over its budget", () => {
  let limited: ApiTestContext;
  beforeAll(async () => {
    limited = await startApiTest("api-key-limit", { API_KEY_RATE_LIMIT_PER_MINUTE: "3" });
  });
  afterAll(() => limited?.stop());

  test("gets 429 problem+json with Retry-After and RateLimit headers, on a real endpoint", async () => {
    const { secret } = await limited.apiKey("adminA", { scopes: ["reports:read"] });
    const seen: Response[] = [];
    // A window boundary can reset the count once; within two budgets a 429 must come.
    for (let i = 0; i < 8 && seen.at(-1)?.status !== 429; i++) {
      seen.push(await limited.call(null, "GET", "/api/v1/reports", { headers: bearer(secret) }));
    }
    const last = seen.at(-1)!;
    expect(last.status).toBe(429);
    expect(Number(last.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(last.headers.get("ratelimit")).toMatch(/^limit=3, remaining=0, reset=\d+$/);
    expect(last.headers.get("ratelimit-policy")).toBe("3;w=60");
    expect(await json(last)).toMatchObject({ status: 429, type: "urn:vsme-guru:problem:rate-limited" });
    const remaining = seen.slice(0, -1).map((response) => response.headers.get("ratelimit")!.match(/remaining=(\d+)/)![1]);
    expect(remaining.slice(-3)).toEqual(["2", "1", "0"]);
  });
});
