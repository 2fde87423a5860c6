/**
 * Sessions on the real path: tokens signed with the local key (or a foreign one) go through the app server,
 * Remix and Clerk's own verification (`getAuth`, networkless with CLERK_JWT_KEY) into `getIdentity`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createElement } from "react";
import { getIdentity, requireTenant, requireUser } from "../../app/utils/auth.server";
import { LOCAL_ISSUER } from "../../server/auth/local-signing-key";
import { nowSeconds } from "../../server/auth/session-token";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { withApiRoutes } from "../helpers/extra-routes";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { ADMIN_A, ORG_A, VIEWER_A, asBearer, asCookie, foreignSigningKey, sessionToken } from "../helpers/sessions";

const whoami = async (args: LoaderFunctionArgs) => Response.json({ identity: await getIdentity(args) });
const tenantPage = async (args: LoaderFunctionArgs) => {
  const { identity } = await requireTenant(args, "reports:write");
  return { organizationId: identity.organizationId };
};
const tenantApi = async (args: LoaderFunctionArgs) => {
  const { identity, repos } = await requireTenant(args, "reports:read");
  return Response.json({ organizationId: repos.organizationId, userId: identity.userId });
};
const userPage = async (args: LoaderFunctionArgs) => ({ userId: (await requireUser(args)).userId });

const testRoutes = {
  "routes/api.test-whoami": { path: "api/test-whoami", module: { loader: whoami } },
  "routes/api.test-tenant": { path: "api/test-tenant", module: { loader: tenantApi } },
  "routes/test-tenant-page": { path: "test-tenant-page", module: { loader: tenantPage, default: () => createElement("p", null, "tenant") } },
  "routes/test-user-page": { path: "test-user-page", module: { loader: userPage, default: () => createElement("p", null, "user") } },
};

let database: TestDatabase;
let app: TestApp;
let strictApp: TestApp;
beforeAll(async () => {
  database = await startTestDatabase("session-verification");
  const env = databaseEnv(database.url, { primary: database.databaseName("primary"), external: database.databaseName("external") });
  const extendBuild = (build: Parameters<typeof withApiRoutes>[0]) => withApiRoutes(build, testRoutes);
  app = await startTestApp(env, { extendBuild });
  strictApp = await startTestApp({ ...env, CLERK_AUTHORIZED_PARTIES: "https://app.example.com" }, { extendBuild });
});
afterAll(async () => {
  await app?.stop();
  await strictApp?.stop();
  await database?.stop();
});

async function identityFor(headers: Record<string, string>, target = app) {
  const response = await fetch(`${target.url}/api/test-whoami`, { headers });
  expect(response.status).toBe(200);
  return ((await response.json()) as { identity: Record<string, unknown> | null }).identity;
}

describe("Clerk session tokens, verified by Clerk's code with the local key", () => {
  test("a valid v2 token as cookies or as a Bearer header gives the identity, permissions from the role table", async () => {
    const token = await sessionToken({ userId: ADMIN_A, organizationId: ORG_A, role: "org:admin", slug: "beispiel" });
    for (const headers of [asCookie(token), asBearer(token)]) {
      const identity = await identityFor(headers);
      expect(identity).toMatchObject({ userId: ADMIN_A, organizationId: ORG_A, role: "org:admin", via: "session", organizationSlug: "beispiel" });
      expect(identity?.permissions).toContain("api-keys:manage");
    }
    const viewer = await identityFor(asBearer(await sessionToken({ userId: VIEWER_A, role: "org:viewer" })));
    expect(viewer).toMatchObject({ role: "org:viewer", permissions: ["company:read", "reports:read", "reference:read"] });
  });

  test("no token: signed out", async () => {
    expect(await identityFor({})).toBeNull();
  });

  test("an expired token is refused (cookie and header), and a page with it is not sent to Clerk's handshake", async () => {
    const expired = await sessionToken({ issuedAt: nowSeconds() - 600, lifetimeSeconds: 60 });
    expect(await identityFor(asBearer(expired))).toBeNull();
    expect(await identityFor(asCookie(expired))).toBeNull();
    const page = await fetch(`${app.url}/`, { headers: { ...asCookie(expired), accept: "text/html", "sec-fetch-dest": "document" }, redirect: "manual" });
    expect(page.headers.get("location") ?? "").not.toContain("clerk.");
  });

  test("a token not valid yet (nbf in the future) is refused", async () => {
    const future = nowSeconds() + 600;
    const token = await sessionToken({ issuedAt: future, claims: { nbf: future } });
    expect(await identityFor(asBearer(token))).toBeNull();
  });

  test("a token signed by another key (its own key id) is refused; so is one claiming the local key id", async () => {
    const foreign = await foreignSigningKey();
    expect(await identityFor(asBearer(await sessionToken({ key: foreign })))).toBeNull();
    const impostor = { privateKey: foreign.privateKey, kid: (await import("../../server/auth/local-signing-key")).LOCAL_SIGNING_KID };
    expect(await identityFor(asBearer(await sessionToken({ key: impostor })))).toBeNull();
  });

  test("a token from another issuer is refused, as a cookie and as a Bearer header", async () => {
    const token = await sessionToken({ issuer: "https://clerk.other-app.example" });
    expect(await identityFor(asBearer(token))).toBeNull();
    expect(await identityFor(asCookie(token))).toBeNull();
    expect(LOCAL_ISSUER).toStartWith("https://");
  });

  test("with CLERK_AUTHORIZED_PARTIES, a token for another site (azp) is refused and one for this app accepted", async () => {
    const other = await sessionToken({ authorizedParty: "https://evil.example" });
    expect(await identityFor(asBearer(other), strictApp)).toBeNull();
    const ours = await sessionToken({ authorizedParty: "https://app.example.com" });
    expect(await identityFor(asBearer(ours), strictApp)).toMatchObject({ userId: ADMIN_A });
  });

  test("a pending session (sts: pending) is signed out", async () => {
    expect(await identityFor(asBearer(await sessionToken({ claims: { sts: "pending" } })))).toBeNull();
  });

  test("version 1 claims (org_id, org_role) are read too", async () => {
    const token = await sessionToken({ organizationId: null, claims: { v: undefined, org_id: ORG_A, org_role: "org:member", org_slug: "b" } });
    expect(await identityFor(asBearer(token))).toMatchObject({ organizationId: ORG_A, role: "org:member", via: "session" });
  });

  test("a tampered payload or signature is refused", async () => {
    const token = await sessionToken({ role: "org:viewer" });
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    claims.o.rol = "admin";
    const tamperedPayload = `${header}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${signature}`;
    expect(await identityFor(asBearer(tamperedPayload))).toBeNull();
    const flipped = signature.slice(0, -2) + (signature.endsWith("AA") ? "BB" : "AA");
    expect(await identityFor(asBearer(`${header}.${payload}.${flipped}`))).toBeNull();
  });

  test("an organization id that is not a Clerk id, or an unknown role, grants nothing", async () => {
    const odd = await identityFor(asBearer(await sessionToken({ organizationId: "org_x", claims: { o: { id: { $ne: 1 }, rol: "admin" } } })));
    expect(odd).toMatchObject({ organizationId: null, permissions: [] });
    const unknownRole = await identityFor(asBearer(await sessionToken({ role: "org:billing" })));
    expect(unknownRole).toMatchObject({ organizationId: ORG_A, role: null, permissions: [] });
  });
});

describe("requireUser / requireTenant", () => {
  test("pages send a signed-out visitor to sign in, remembering where they were going", async () => {
    const response = await fetch(`${app.url}/test-user-page?x=1`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/sign-in?redirectTo=%2Ftest-user-page%3Fx%3D1");
  });

  test("the API answers 401 problem+json with a Bearer challenge", async () => {
    const response = await fetch(`${app.url}/api/test-tenant`);
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("www-authenticate")).toContain("Bearer");
    expect(await response.json()).toMatchObject({ status: 401, title: "Authentication required" });
  });

  test("without an active organization: pages go to choose one, the API answers 403 — never repositories", async () => {
    const token = await sessionToken({ organizationId: null });
    const page = await fetch(`${app.url}/test-tenant-page`, { headers: asCookie(token), redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/select-organization?redirectTo=%2Ftest-tenant-page");
    const api = await fetch(`${app.url}/api/test-tenant`, { headers: asBearer(token) });
    expect(api.status).toBe(403);
    expect(await api.json()).toMatchObject({ type: "urn:vsme-guru:problem:no-active-organization" });
  });

  test("a role without the permission gets 403; with it, repositories bound to the token's organization", async () => {
    const viewer = await sessionToken({ userId: VIEWER_A, role: "org:viewer" });
    const page = await fetch(`${app.url}/test-tenant-page`, { headers: asCookie(viewer), redirect: "manual" });
    expect(page.status).toBe(403);
    const api = await fetch(`${app.url}/api/test-tenant`, { headers: asBearer(viewer) });
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ organizationId: ORG_A, userId: VIEWER_A });
  });
});

describe("people are recorded from verified sessions", () => {
  test("the first requireTenant of a session creates the user and the membership", async () => {
    const token = await sessionToken({ userId: "user_recordedOnce", role: "org:member", claims: { name: "Rita" } });
    expect((await fetch(`${app.url}/api/test-tenant`, { headers: asBearer(token) })).status).toBe(200);
    const { MongoClient } = await import("mongodb");
    const client = await MongoClient.connect(database.url);
    try {
      const db = client.db(app.config.database.primary.name);
      expect(await db.collection("users").findOne({ clerkId: "user_recordedOnce" })).toMatchObject({ name: "Rita" });
      expect(await db.collection("memberships").findOne({ userId: "user_recordedOnce" })).toMatchObject({
        organizationId: ORG_A,
        role: "org:member",
      });
    } finally {
      await client.close();
    }
  });
});
