/**
 * The access matrix over every endpoint of the contract list: without credentials → 401; another
 * organization's report ids → 404; a role without the endpoint's permission → 403; a stale If-Match → 412.
 * None of these may change what is stored. Every response is validated against the document.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ROLE_PERMISSIONS } from "../../schemas/auth";
import { API_ENDPOINTS, type AnyEndpointContract } from "../../schemas/api";
import { CALLERS, json, requestFor, seedReport, startApiTest, type ApiTestContext, type CallerName } from "./support";

let ctx: ApiTestContext;
let reportA: { id: string };
beforeAll(async () => {
  ctx = await startApiTest("api-access");
  reportA = await seedReport(ctx, "adminA", 2022);
  await seedReport(ctx, "adminB", 2022);
});
afterAll(() => ctx?.stop());

async function storedState() {
  const company = await ctx.call("adminA", "GET", "/api/v1/company");
  const report = await ctx.call("adminA", "GET", `/api/v1/reports/${reportA.id}`);
  const list = await ctx.call("adminA", "GET", "/api/v1/reports");
  return { company: await json(company), report: await json(report), count: (await json(list)).items.length };
}

const callers = Object.keys(CALLERS) as CallerName[];

describe("every endpoint", () => {
  test("answers 401 problem+json without credentials, or with a token that is not a session", async () => {
    const before = await storedState();
    for (const contract of API_ENDPOINTS) {
      const { method, path, body } = requestFor(contract, reportA.id);
      const attempts: Record<string, string>[] = [{}, { authorization: "Bearer not-a-token" }, { authorization: "Basic YWRtaW46YWRtaW4=" }];
      for (const headers of attempts) {
        const response = await ctx.call(null, method, path, { body, headers: { ...headers, "If-Match": '"1"' } });
        expect({ op: contract.operationId, status: response.status }).toEqual({ op: contract.operationId, status: 401 });
        expect(response.headers.get("content-type")).toBe("application/problem+json");
      }
    }
    expect(await storedState()).toEqual(before);
  });

  test("answers 403 to a role whose permissions lack the endpoint's", async () => {
    const before = await storedState();
    let refused = 0;
    for (const contract of API_ENDPOINTS) {
      if (contract.access === "signed-in") continue;
      for (const caller of callers.filter((name) => CALLERS[name].organizationId === CALLERS.adminA.organizationId)) {
        if (ROLE_PERMISSIONS[CALLERS[caller].role].includes(contract.access)) continue;
        const { method, path, body } = requestFor(contract, reportA.id);
        const response = await ctx.call(caller, method, path, { body, headers: { "If-Match": '"1"' } });
        expect({ op: contract.operationId, caller, status: response.status }).toEqual({ op: contract.operationId, caller, status: 403 });
        expect((await json(response)).type).toBe("urn:vsme-guru:problem:forbidden");
        refused++;
      }
    }
    expect(refused).toBeGreaterThanOrEqual(10);
    expect(await storedState()).toEqual(before);
  });

  test("answers 404 to another organization's admin for every report id, whatever the id looks like", async () => {
    const before = await storedState();
    const byId = API_ENDPOINTS.filter((contract) => contract.path.includes("{reportId}"));
    expect(byId.length).toBeGreaterThanOrEqual(10);
    for (const contract of byId) {
      for (const id of [reportA.id, reportA.id.toUpperCase(), `${reportA.id}x`, "%7B%22%24ne%22%3A1%7D", "000000000000000000000000"]) {
        const { method, path, body } = requestFor(contract, id);
        const response = await ctx.call("adminB", method, path, { body, headers: { "If-Match": '"1"' } });
        expect({ op: contract.operationId, id, status: response.status }).toEqual({ op: contract.operationId, id, status: 404 });
      }
    }
    expect(await storedState()).toEqual(before);
  });

  test("answers 412 to a stale If-Match on every change, and 428 without one", async () => {
    const before = await storedState();
    const writes = API_ENDPOINTS.filter((contract) => contract.concurrency === "write" || contract.concurrency === "upsert");
    expect(writes.length).toBeGreaterThanOrEqual(8);
    for (const contract of writes) {
      const { method, path, body } = requestFor(contract, reportA.id);
      for (const stale of ['"999"', 'W/"1"', '"abc"']) {
        const response = await ctx.call("adminA", method, path, { body, headers: { "If-Match": stale } });
        expect({ op: contract.operationId, stale, status: response.status }).toEqual({ op: contract.operationId, stale, status: 412 });
      }
      const missing = await ctx.call("adminA", method, path, { body });
      expect({ op: contract.operationId, status: missing.status }).toEqual({ op: contract.operationId, status: 428 });
    }
    expect(await storedState()).toEqual(before);
  });

  test("answers 405 problem+json with Allow to a method the path does not have", async () => {
    // Not an operation of the document, so checked here rather than by the validator.
    const response = await fetch(`${ctx.app.url}/api/v1/me`, { method: "DELETE", headers: { authorization: `Bearer ${await ctx.token("adminA")}` } });
    expect(response.status).toBe(405);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("allow")).toBe("GET");
  });
});
