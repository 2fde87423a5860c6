/**
 * Property-based: bodies no endpoint's schema accepts — wrong types, huge numbers, deep nesting, operator keys
 * (`$ne`, `$where`), dotted keys, `__proto__`, smuggled server fields, 1 MiB strings — sent to every endpoint
 * that takes a body, with a current If-Match so only the body can be wrong. Each answer must be a 4xx
 * problem+json that matches the document, never a 5xx, and nothing stored may change.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import fc from "fast-check";
import type { z } from "zod";
import { API_ENDPOINTS } from "../../schemas/api";
import { REPORT_SECTION_KEYS, REPORT_SECTION_SCHEMAS } from "../../schemas/report/sections";
import { json, seedReport, startApiTest, workforceSection, type ApiTestContext } from "./support";

let ctx: ApiTestContext;
let reportId: string;
beforeAll(async () => {
  ctx = await startApiTest("api-fuzz");
  reportId = (await seedReport(ctx, "adminA", 2020)).id;
  const put = await ctx.call("adminA", "PUT", `/api/v1/reports/${reportId}/sections/workforce`, { body: workforceSection(4), headers: { "If-Match": '"1"' } });
  expect(put.status).toBe(200);
});
afterAll(() => ctx?.stop());

const hostileKey = fc.constantFrom("$ne", "$where", "$gt", "a.b", "sections.workforce", "__proto__", "constructor", "organizationId", "id", "version", "status", "createdBy", "");
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER * 1024, 0.1 + 0.2, -0),
  fc.boolean(),
  fc.constant(null),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), tie("value"), { maxKeys: 5 }),
})).value;

/** A valid body with one hostile change: an injected key at some level, or a field replaced. */
function mutated(valid: Record<string, unknown>) {
  return fc.tuple(hostileKey, hostileValue, fc.boolean()).map(([key, value, nested]) => {
    const copy = structuredClone(valid) as Record<string, any>;
    const target = nested ? (Object.values(copy).find((v) => v && typeof v === "object" && !Array.isArray(v)) ?? copy) : copy;
    // JSON text, so `__proto__` arrives as an own key exactly as an attacker would send it.
    Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
    return copy;
  });
}

const DEEP = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`;
const HUGE_STRING = JSON.stringify({ name: "x".repeat(1024 * 1024) });

async function snapshot() {
  const [company, report, list] = await Promise.all([
    ctx.call("adminA", "GET", "/api/v1/company"),
    ctx.call("adminA", "GET", `/api/v1/reports/${reportId}`),
    ctx.call("adminA", "GET", "/api/v1/reports"),
  ]);
  const apiKeys = await ctx.primary.collection("apiKeys").countDocuments();
  return { company: await json(company), report: await json(report), list: await json(list), apiKeys };
}

// JSON bodies; file uploads have their own limits and tests (tests/exchange).
const bodyEndpoints = API_ENDPOINTS.filter((contract) => contract.body && !contract.bodyMediaType);
const validBodies: Record<string, Record<string, unknown>> = {
  putCompany: { name: "Fuzz GmbH", identifier: { scheme: "LEI", value: "5493001KJTIIGC8Y1R12" }, legalForm: "private_limited_liability", country: "DE", nace: { revision: "2.1", code: "10.71" }, currency: "EUR" },
  patchCompany: { name: "Fuzz GmbH" },
  createReport: { year: 2020, period: { start: "2020-01-01", end: "2020-12-31" }, module: "basic", turnover: { amount: 1, currency: "EUR" } },
  patchReport: { module: "basic", sections: { workforce: workforceSection(4) } },
  putReportSection: workforceSection(4),
  submitReport: { override: { reason: "fuzz" } },
  reopenReport: { reason: "fuzz" },
  createApiKey: { name: "Fuzz key", scopes: ["reports:read"], expiresAt: "2027-06-30" },
};

describe("fuzzed bodies", () => {
  test("the list of endpoints with a body is what this test knows", () => {
    expect(bodyEndpoints.map((contract) => contract.operationId).sort()).toEqual(Object.keys(validBodies).sort());
  });

  for (const contract of bodyEndpoints) {
    test(`${contract.operationId}: 4xx problem+json, never 5xx, nothing stored changed`, async () => {
      const before = await snapshot();
      const company = before.company as { version: number };
      const ifMatch = contract.path === "/company" ? `"${company.version}"` : '"2"';
      const path = `/api/v1${contract.path}`.replace("{reportId}", reportId).replace("{section}", "workforce");
      const schema: z.ZodType = contract.bodyFor ? contract.bodyFor({ reportId, section: "workforce" } as never) : contract.body!;
      const send = async (rawBody: string, contentType = "application/json") => {
        const response = await ctx.call("adminA", contract.method.toUpperCase(), path, {
          rawBody,
          headers: { "content-type": contentType, "If-Match": ifMatch, "Idempotency-Key": crypto.randomUUID() },
        });
        const text = await response.clone().text();
        // The body in the failure message says which refusal went wrong.
        expect({ clientError: response.status >= 400 && response.status < 500, text: text.slice(0, 300) }).toMatchObject({ clientError: true });
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        return response;
      };

      await fc.assert(
        fc.asyncProperty(fc.oneof(hostileValue, mutated(validBodies[contract.operationId]!)), async (body) => {
          fc.pre(!schema.safeParse(body).success);
          await send(JSON.stringify(body));
        }),
        { numRuns: 40 },
      );
      // The edges fast-check rarely reaches.
      expect((await send(DEEP)).status).toBe(400);
      expect((await send(DEEP_OBJECT)).status).toBe(400);
      expect((await send(HUGE_STRING)).status).toBe(413);
      expect((await send("{\"name\": ")).status).toBe(400);
      expect((await send("\"just a string\"")).status).toBe(400);
      expect((await send(JSON.stringify(validBodies[contract.operationId]), "text/plain")).status).toBe(415);
      expect((await send(JSON.stringify(validBodies[contract.operationId]), "application/x-www-form-urlencoded")).status).toBe(415);
      const unknownKey = await send(JSON.stringify({ ...validBodies[contract.operationId], $where: "sleep(1000)" }));
      expect(unknownKey.status).toBe(400);
      expect((await json(unknownKey)).detail).toContain("$where");

      expect(await snapshot()).toEqual(before);
    }, 120_000);
  }

  test("every section's schema refuses the others' hostile keys the same way", () => {
    for (const key of REPORT_SECTION_KEYS) {
      for (const injected of ["$ne", "__proto__", "a.b", "organizationId"]) {
        const body = JSON.parse(`{"status":"not_applicable","reason":"x",${JSON.stringify(injected)}:1}`);
        expect(REPORT_SECTION_SCHEMAS[key].safeParse(body).success).toBe(false);
      }
    }
  });
});
