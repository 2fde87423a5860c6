/**
 * Security headers on every kind of response, and a CSP whose nonce is the one on every inline script the page
 * carries (no 'unsafe-inline' for scripts), fresh per response.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { loadConfig } from "../../server/config/env";
import { clerkFrontendHost, contentSecurityPolicy, createNonce, securityHeaders } from "../../server/http/security-headers";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await startTestDatabase("security-headers");
  app = await startTestApp(databaseEnv(database.url, { primary: database.databaseName("primary"), external: database.databaseName("external") }));
});
afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

const browser = { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64)" };

function directives(csp: string): Record<string, string[]> {
  return Object.fromEntries(csp.split(";").map((part) => part.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe("every response", () => {
  for (const [label, path, init] of [
    ["a page", "/", { headers: browser }],
    ["a 404 page", "/no-such-page", { headers: browser }],
    ["a static file", "/favicon.svg", {}],
    ["a missing asset", "/build/missing.js", {}],
    ["the health endpoint", "/healthz", {}],
    ["an API problem", "/api/v1/no-such-endpoint", {}],
    ["a refused cross-site post", "/", { method: "POST", headers: { Origin: "https://evil.example" } }],
  ] as const) {
    test(`${label} carries the security headers`, async () => {
      const response = await fetch(`${app.url}${path}`, init as RequestInit);
      await response.body?.cancel();
      const csp = directives(response.headers.get("content-security-policy") ?? "");
      expect(csp["frame-ancestors"]).toEqual(["'none'"]);
      expect(csp["script-src"]).toContain("'self'");
      expect(csp["script-src"]).not.toContain("'unsafe-inline'");
      expect(csp["object-src"]).toEqual(["'none'"]);
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      // Development and test are served over plain HTTP: no HSTS there.
      expect(response.headers.get("strict-transport-security")).toBeNull();
    });
  }
});

describe("the page's scripts", () => {
  test("every inline and module script carries this response's nonce, and the nonce changes per response", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(app.url, { headers: browser });
      const html = await response.text();
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
      expect(nonce).toBeDefined();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
      expect(scripts.length).toBeGreaterThan(1);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce!);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

describe("the policy", () => {
  test("allows Clerk's frontend host, read from the publishable key, only when one is set — never a wildcard", () => {
    const key = `pk_live_${Buffer.from("clerk.vsme.example$").toString("base64")}`;
    expect(clerkFrontendHost(key)).toBe("clerk.vsme.example");
    expect(clerkFrontendHost(`pk_test_${Buffer.from("fit-owl-12.clerk.accounts.dev$").toString("base64")}`)).toBe("fit-owl-12.clerk.accounts.dev");
    for (const bad of [undefined, "", "pk_live_", "sk_live_abc", `pk_live_${Buffer.from("*$").toString("base64")}`, `pk_live_${Buffer.from("a.b; script-src *$").toString("base64")}`, `pk_live_${Buffer.from("nodot$").toString("base64")}`, `pk_live_${Buffer.from("clerk.example").toString("base64")}`]) {
      expect(clerkFrontendHost(bad)).toBeUndefined();
    }
    const nonce = createNonce();
    const withClerk = directives(contentSecurityPolicy({ nonce, clerkFrontendHost: "clerk.vsme.example" }));
    expect(withClerk["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "https://clerk.vsme.example", "https://challenges.cloudflare.com"]);
    expect(withClerk["connect-src"]).toEqual(["'self'", "https://clerk.vsme.example"]);
    const without = directives(contentSecurityPolicy({ nonce }));
    expect(without["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(without["frame-src"]).toEqual(["'none'"]);
    expect(Object.values(withClerk).flat().some((source) => source.includes("*"))).toBe(false);
  });

  test("refuses a nonce that is not random base64 (it would be pasted into the header)", () => {
    expect(() => contentSecurityPolicy({ nonce: "abc'; script-src *" })).toThrow();
  });

  test("staging and production add HSTS", () => {
    for (const appEnv of ["staging", "production"] as const) {
      expect(securityHeaders({ nonce: createNonce(), appEnv })["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    }
    expect(securityHeaders({ nonce: createNonce(), appEnv: loadConfig({ APP_ENV: "test" }).appEnv })["Strict-Transport-Security"]).toBeUndefined();
  });
});
