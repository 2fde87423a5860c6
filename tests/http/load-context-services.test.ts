/**
 * Loaders reach data through `context.services()`: the tenant-scoped repositories and the reference-data
 * service, built once per server over its own connections. Exercised through a test-only API route that
 * records a membership for the organization named in the query string and lists the members it sees.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { AppLoadContext } from "@remix-run/server-runtime";
import { httpStatusOf } from "../../server/http/data-error-problem";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { withApiRoutes } from "../helpers/extra-routes";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";

type Args = { request: Request; context: AppLoadContext };

const seenServices = new Set<unknown>();

async function usersOfOrganization({ request, context }: Args): Promise<Response> {
  const url = new URL(request.url);
  const organizationId = url.searchParams.get("org") ?? undefined;
  const clerkUserId = url.searchParams.get("user") ?? "user_anonymous";
  try {
    const services = await context.services();
    seenServices.add(services);
    const repos = services.data.forOrganization(organizationId, { userId: clerkUserId });
    await repos.members.record({ userId: clerkUserId, role: "org:member" });
    const members = await repos.members.list({ limit: 50 });
    return Response.json({ users: members.items.map((member) => member.userId) });
  } catch (error) {
    return Response.json({ error: error instanceof Error ? error.name : "unknown" }, { status: httpStatusOf(error) ?? 500 });
  }
}

let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await startTestDatabase("load-context-services");
  app = await startTestApp(databaseEnv(database.url, { primary: database.databaseName("primary"), external: database.databaseName("external") }), {
    extendBuild: (build) => withApiRoutes(build, { "routes/api.test-users": { path: "api/test-users", module: { loader: usersOfOrganization } } }),
  });
});
afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

const usersSeenBy = async (query: string) => {
  const response = await fetch(`${app.url}/api/test-users?${query}`);
  return { status: response.status, body: (await response.json()) as { users?: string[]; error?: string } };
};

describe("services in the load context", () => {
  test("a loader writes and reads through the tenant-scoped repositories, each organization seeing its own", async () => {
    expect(await usersSeenBy("org=org_alpha&user=user_ann")).toEqual({ status: 200, body: { users: ["user_ann"] } });
    expect(await usersSeenBy("org=org_alpha&user=user_ann")).toEqual({ status: 200, body: { users: ["user_ann"] } });
    expect(await usersSeenBy("org=org_beta&user=user_bob")).toEqual({ status: 200, body: { users: ["user_bob"] } });
    // One service instance per server, shared by requests (so caches and back-offs are too).
    expect(seenServices.size).toBe(1);
  });

  test("a request without an active organization is refused before any query", async () => {
    expect(await usersSeenBy("user=user_carl")).toEqual({ status: 403, body: { error: "ForbiddenError" } });
    expect(await usersSeenBy("org[$ne]=x&user=user_carl")).toEqual({ status: 403, body: { error: "ForbiddenError" } });
  });
});
