import { describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { createConfig, lintFromString } from "@redocly/openapi-core";
import { API_ENDPOINTS } from "../../schemas/api";
import { getMe } from "../../schemas/api/endpoints/me";
import { buildOpenApiDocument } from "../../server/api/openapi";
import { OPENAPI_FILE, renderOpenApiDocument } from "../../scripts/openapi";
import { ROOT } from "../helpers/remix-build";
import { createResponseValidator } from "./response-validator";

const document = buildOpenApiDocument();

describe("the OpenAPI document", () => {
  test("is a valid OpenAPI 3.1 document with every endpoint of the contract list", async () => {
    expect(document.openapi).toBe("3.1.0");
    await SwaggerParser.validate(structuredClone(document) as never);
    const operations = Object.values(document.paths ?? {}).flatMap((item) => Object.values(item as Record<string, { operationId: string }>));
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(API_ENDPOINTS.map((contract) => contract.operationId).sort());
  });

  test("lints clean with Redocly's recommended rules (examples included), offline", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: join(ROOT, "openapi.json"), config });
    expect(problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer}`)).toEqual([]);
  });

  test("the committed openapi.json is the generated document (run npm run openapi after changing a schema)", () => {
    expect(readFileSync(OPENAPI_FILE, "utf8")).toBe(renderOpenApiDocument());
  });

  test("the typed client's types are generated from the committed document", () => {
    const dir = mkdtempSync(join(tmpdir(), "openapi-types-"));
    try {
      const out = join(dir, "types.ts");
      const result = Bun.spawnSync([join(ROOT, "node_modules/.bin/openapi-typescript"), OPENAPI_FILE, "-o", out], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
      expect(result.exitCode).toBe(0);
      expect(readFileSync(join(ROOT, "client/openapi-types.ts"), "utf8")).toBe(readFileSync(out, "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  test("each build starts from a fresh registry: building a subset leaves the full document unchanged", () => {
    const subset = buildOpenApiDocument([getMe]);
    expect(Object.keys(subset.paths ?? {})).toEqual(["/api/v1/me"]);
    expect(JSON.stringify(buildOpenApiDocument())).toBe(JSON.stringify(document));
  });

  test("every operation documents problem+json errors, security and its permission", () => {
    for (const contract of API_ENDPOINTS) {
      const operation = (document.paths as Record<string, Record<string, any>>)[`/api/v1${contract.path}`]![contract.method];
      for (const status of ["400", "401", "403", "500", "503"]) {
        expect(Object.keys(operation.responses[status].content)).toEqual(["application/problem+json"]);
      }
      expect(operation.security.length).toBeGreaterThan(0);
      expect(operation.description).toContain(`Requires: \`${contract.access}\``);
      if (contract.concurrency === "write") expect(operation.parameters).toContainEqual({ $ref: "#/components/parameters/IfMatch" });
      if (contract.idempotent) expect(operation.parameters).toContainEqual({ $ref: "#/components/parameters/IdempotencyKey" });
    }
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(["apiKey", "clerkCookie", "clerkSession"]);
  });

  test("the request examples are accepted by the contracts' own schemas", () => {
    for (const contract of API_ENDPOINTS) {
      if (contract.bodyExample === undefined) continue;
      const parsed = contract.body!.safeParse(contract.bodyExample);
      expect({ operation: contract.operationId, issues: parsed.success ? [] : parsed.error.issues }).toEqual({ operation: contract.operationId, issues: [] });
    }
  });

  test("every contract has its route module under app/routes", () => {
    for (const contract of API_ENDPOINTS) {
      const segments = contract.path.split("/").filter(Boolean).map((segment) => segment.replace(/^\{(.+)\}$/, "$$$1"));
      const base = join(ROOT, "app/routes", `api.v1.${segments.join(".")}`);
      expect({ path: contract.path, exists: existsSync(`${base}.ts`) || existsSync(`${base}._index.ts`) }).toEqual({ path: contract.path, exists: true });
    }
  });
});

describe("the response validator (what every API test checks responses with)", () => {
  const validator = createResponseValidator(document as never);
  const json = (body: unknown, status = 200, type = "application/json") => new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });

  test("accepts a documented problem and rejects what the document does not allow", async () => {
    const problem = { type: "about:blank", title: "Not Found", status: 404, requestId: "r1" };
    expect(await validator.check("GET", "/api/v1/reports/665f1c2ab4d3e2f1a0c9b871", json(problem, 404, "application/problem+json"))).toEqual([]);
    // Undocumented field, wrong media type, undocumented status, unknown path.
    expect((await validator.check("GET", "/api/v1/reports/665f1c2ab4d3e2f1a0c9b871", json({ ...problem, stack: "x" }, 404, "application/problem+json"))).length).toBeGreaterThan(0);
    expect((await validator.check("GET", "/api/v1/reports/665f1c2ab4d3e2f1a0c9b871", json(problem, 404))).length).toBeGreaterThan(0);
    expect((await validator.check("GET", "/api/v1/me", json(problem, 418, "application/problem+json"))).length).toBeGreaterThan(0);
    expect((await validator.check("GET", "/api/v1/nothing", json({}))).length).toBeGreaterThan(0);
  });

  test("checks success bodies against the operation's schema", async () => {
    const me = { userId: "user_abc", organization: { id: "org_abc", name: null }, role: "org:admin", permissions: ["reports:read"], authenticatedBy: "session", apiKey: null };
    expect(await validator.check("GET", "/api/v1/me", json(me))).toEqual([]);
    expect((await validator.check("GET", "/api/v1/me", json({ ...me, role: "org:owner" }))).length).toBeGreaterThan(0);
    expect((await validator.check("GET", "/api/v1/me", json({ ...me, organizationId: "org_x" }))).length).toBeGreaterThan(0);
  });
});
