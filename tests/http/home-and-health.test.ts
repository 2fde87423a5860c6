/**
 * The server-rendered home page and the readiness endpoint against a working database (the embedded server,
 * or TEST_DATABASE_URL).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { unreachableDatabaseUrl } from "../helpers/ports";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await startTestDatabase("home-health");
  app = await startTestApp(databaseEnv(database.url, { primary: database.databaseName("primary"), external: database.databaseName("external") }));
});
afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

describe("home page", () => {
  test("is rendered on the server with the environment and both databases available", async () => {
    const response = await fetch(app.url, { headers: { "User-Agent": "Mozilla/5.0 (X11; Linux x86_64)" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain("<h1");
    expect(html).toContain("VSME Guru");
    expect(html).toMatch(/data-testid="environment">Test</);
    expect(html).toMatch(/data-testid="database-primary">[\s\S]*?Available[\s\S]*?<\/tr>/);
    expect(html).toMatch(/data-testid="database-external">[\s\S]*?Available[\s\S]*?<\/tr>/);
    expect(html).toMatch(/\d+(\.\d+)? ms/);
  });
});

describe("health endpoints", () => {
  test("/readyz reports both databases up with their latency", async () => {
    const response = await fetch(`${app.url}/readyz`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.status).toBe("ok");
    for (const role of ["primary", "external"]) {
      expect(body.databases[role].status).toBe("up");
      expect(typeof body.databases[role].latencyMs).toBe("number");
      expect(body.databases[role].latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  test("/readyz is 200 'degraded' when only the external database is down, and the home page says so", async () => {
    const degraded = await startTestApp({
      ...databaseEnv(database.url, { primary: database.databaseName("primary"), external: "unused" }),
      SCOPE321_DATABASE_URL: unreachableDatabaseUrl(),
    });
    try {
      const response = await fetch(`${degraded.url}/readyz`);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toMatchObject({ status: "degraded", databases: { primary: { status: "up" }, external: { status: "down", latencyMs: null } } });

      const page = await fetch(degraded.url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toMatch(/data-testid="database-external">[\s\S]*?Unavailable[\s\S]*?<\/tr>/);
      expect(html).toMatch(/data-testid="overall-status">[\s\S]*?Degraded/);
    } finally {
      await degraded.stop();
    }
  }, 15_000);

  const STAGING_CLERK = {
    CLERK_SECRET_KEY: "sk_test_abcdefghijklmnop",
    CLERK_PUBLISHABLE_KEY: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
    CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----",
    CLERK_AUTHORIZED_PARTIES: "https://app.example.com",
  };

  test("staging-like profiles add Server-Timing and hide error details from /readyz", async () => {
    const staging = await startTestApp({
      APP_ENV: "staging",
      ...databaseEnv(database.url, { primary: database.databaseName("primary"), external: "unused" }),
      SCOPE321_DATABASE_URL: unreachableDatabaseUrl(),
      ...STAGING_CLERK,
    });
    try {
      const response = await fetch(`${staging.url}/readyz`);
      expect(response.headers.get("server-timing")).toMatch(/^app;desc="[^"]+";dur=\d+(\.\d+)?$/);
      const body = await response.json();
      expect(body.databases.external).toEqual({ status: "down", latencyMs: null });

      // The public status page says "degraded" and nothing about which database, how fast or why.
      const page = await fetch(staging.url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toMatch(/data-testid="overall-status">[\s\S]*?Degraded/);
      expect(html).not.toContain("database-external");
      expect(html).not.toContain("database-primary");
      expect(html).not.toMatch(/\d ms\b/);
      expect(html).not.toContain("Checked at");
    } finally {
      await staging.stop();
    }
  }, 15_000);

  test("in staging the status page shows ok without latencies, and 'unavailable' without naming the database", async () => {
    const healthy = await startTestApp({
      APP_ENV: "staging",
      ...databaseEnv(database.url, { primary: database.databaseName("primary"), external: database.databaseName("external") }),
      ...STAGING_CLERK,
    });
    try {
      const html = await (await fetch(healthy.url)).text();
      expect(html).toMatch(/data-testid="overall-status">[\s\S]*?All systems operational/);
      expect(html).not.toMatch(/\d ms\b/);
      expect(html).not.toContain("database-primary");
    } finally {
      await healthy.stop();
    }

    const down = await startTestApp({ APP_ENV: "staging", ...databaseEnv(unreachableDatabaseUrl(), { primary: "p", external: "e" }), ...STAGING_CLERK });
    try {
      const response = await fetch(down.url);
      expect(response.status).toBe(503);
      const html = await response.text();
      expect(html).toContain("Status: unavailable.");
      expect(html).not.toContain("primary database");
      expect(html).not.toMatch(/ECONNREFUSED|Server selection|timed out/i);
    } finally {
      await down.stop();
    }
  }, 30_000);
});
