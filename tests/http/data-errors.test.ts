/**
 * Errors of the data layer that a loader lets escape reach the client with their own status — 403, 404, 409,
 * 422 — as problem+json on /api and as an error page elsewhere, never as a 500. Exercised through test-only
 * routes that use the real repositories of the load context.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { AppLoadContext } from "@remix-run/server-runtime";
import { createElement } from "react";
import { MongoClient } from "mongodb";
import { ensureIndexes } from "../../server/repositories";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { withApiRoutes } from "../helpers/extra-routes";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { companyInput } from "../repositories/support";

type Args = { request: Request; context: AppLoadContext };

/** Does what the query string says, as the organization it names, and lets every error escape. */
async function companyLoader({ request, context }: Args) {
  const url = new URL(request.url);
  const repositories = (await context.services()).data.forOrganization(url.searchParams.get("org") ?? undefined, {
    userId: "user_ann",
    role: "org:admin",
  });
  switch (url.searchParams.get("do")) {
    case "get":
      return Response.json(await repositories.companies.get(url.searchParams.get("id") ?? ""));
    case "create":
      return Response.json(await repositories.companies.create({ ...companyInput(), name: url.searchParams.get("name") ?? "" }));
    default:
      return Response.json(null);
  }
}

let database: TestDatabase;
const apps: TestApp[] = [];

async function startApp(env: Record<string, string> = {}) {
  const app = await startTestApp(
    { ...databaseEnv(database.url, { primary: database.databaseName("primary"), external: database.databaseName("external") }), ...env },
    {
      extendBuild: (build) =>
        withApiRoutes(build, {
          "routes/api.test-company": { path: "api/test-company", module: { loader: companyLoader } },
          "routes/test-company": {
            path: "test-company",
            module: { loader: companyLoader, default: () => createElement("p", null, "company") },
          },
          "routes/api.test-crash": {
            path: "api/test-crash",
            module: {
              loader: () => {
                throw new Error("secret internals: mongodb://admin:hunter2@db.internal");
              },
            },
          },
        }),
    },
  );
  apps.push(app);
  return app;
}

let app: TestApp;
beforeAll(async () => {
  database = await startTestDatabase("data-errors");
  // What `npm run db:migrate` does before the app serves: the unique indexes behind the 409s.
  const client = await MongoClient.connect(database.url);
  try {
    await ensureIndexes(client.db(database.databaseName("primary")));
  } finally {
    await client.close();
  }
  app = await startApp();
});
afterAll(async () => {
  for (const started of apps) await started.stop();
  await database?.stop();
});

const call = async (path: string, init?: RequestInit) => {
  const response = await fetch(`${app.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), text, json: () => JSON.parse(text) };
};

describe("data-layer errors over HTTP", () => {
  test("no active organization → 403 problem+json", async () => {
    const response = await call("/api/test-company?do=get&id=000000000000000000000000");
    expect(response.status).toBe(403);
    expect(response.type).toBe("application/problem+json");
    expect(response.json()).toMatchObject({ status: 403, title: "Forbidden", detail: expect.stringContaining("organization") });
  });

  test("a record of another organization (or none at all) → 404 problem+json", async () => {
    const created = await call(`/api/test-company?org=org_owner&do=create&name=Owner+GmbH`);
    expect(created.status).toBe(200);
    const id = created.json().id as string;
    const foreign = await call(`/api/test-company?org=org_intruder&do=get&id=${id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.type).toBe("application/problem+json");
    expect(foreign.text).not.toContain("Owner GmbH");
  });

  test("invalid input → 422 problem+json naming each field", async () => {
    const response = await call("/api/test-company?org=org_invalid&do=create&name=");
    expect(response.status).toBe(422);
    expect(response.type).toBe("application/problem+json");
    const problem = response.json();
    expect(problem.type).toBe("urn:vsme-guru:problem:validation");
    expect(problem.errors).toContainEqual({ path: ["name"], message: expect.any(String) });
  });

  test("a second company for the same organization → 409 problem+json", async () => {
    expect((await call("/api/test-company?org=org_twice&do=create&name=First")).status).toBe(200);
    const second = await call("/api/test-company?org=org_twice&do=create&name=Second");
    expect(second.status).toBe(409);
    expect(second.json()).toMatchObject({ title: "Conflict", detail: expect.stringContaining("already has a company") });
  });

  test("a page whose loader hits a data-layer error shows an error page with that status", async () => {
    const response = await call("/test-company?do=get&org=org_owner&id=000000000000000000000000", {
      headers: { accept: "text/html" },
    });
    expect(response.status).toBe(404);
    expect(response.type).toContain("text/html");
    expect(response.text).toContain("Not Found");
  });

  test("anything else stays a 500; the production-like profile shows no internals", async () => {
    const crash = await call("/api/test-crash");
    expect(crash.status).toBe(500);
    expect(crash.type).toBe("application/problem+json");
    expect(crash.text).not.toContain("hunter2");
    const staging = await startApp({
      APP_ENV: "staging",
      CLERK_SECRET_KEY: "sk_test_abcdefghijklmnop",
      CLERK_PUBLISHABLE_KEY: "pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
      CLERK_JWT_KEY: "-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----",
      CLERK_AUTHORIZED_PARTIES: "https://app.example.com",
    });
    const response = await fetch(`${staging.url}/api/test-crash`);
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    const body = await response.text();
    expect(body).not.toContain("secret internals");
    expect(body).not.toContain("hunter2");
    expect(JSON.parse(body)).toMatchObject({ status: 500, requestId: expect.any(String) });
  }, 15_000);
});
