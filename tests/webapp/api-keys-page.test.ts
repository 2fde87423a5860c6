/**
 * Settings → API keys through the real server, as a browser without JavaScript uses it: an admin creates a key
 * (its secret in that answer only), the key works against the API, the list shows it without the secret, it is
 * revoked after a confirmation step and stops working; bad input gets messages; members, viewers and other
 * organizations get nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { prepareWebappDatabases } from "../helpers/webapp-fixture";
import { webSession, type WebIdentity } from "../helpers/web-session";

let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await startTestDatabase("webapp-api-keys");
  const names = { primary: database.databaseName("primary"), external: database.databaseName("external") };
  await prepareWebappDatabases(database.url, names, { organizationId: "org_keysA", emissions: [] });
  app = await startTestApp(databaseEnv(database.url, names));
});
afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

const admin: WebIdentity = { userId: "user_keysAdmin", organizationId: "org_keysA", role: "org:admin" };
const member: WebIdentity = { userId: "user_keysMember", organizationId: "org_keysA", role: "org:member" };
const viewer: WebIdentity = { userId: "user_keysViewer", organizationId: "org_keysA", role: "org:viewer" };
const outsider: WebIdentity = { userId: "user_keysOther", organizationId: "org_keysB", role: "org:admin" };

const SECRET = /vsme_[0-9A-Za-z]{20,}/;
const idsIn = (html: string) => [...html.matchAll(/\?revoke=([0-9a-f]{24})/g)].map((m) => m[1]!);
const NEXT_YEAR = new Date().getUTCFullYear() + 1;
const me = (secret: string) => fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });

describe("Settings → API keys", () => {
  test("an admin creates a key, sees its secret once, uses it, and revokes it after confirming", async () => {
    const session = webSession(app, admin);
    const empty = await session.get("/settings/api-keys");
    expect(empty.status).toBe(200);
    expect(empty.text).toContain("No API keys yet.");
    expect(empty.html).toContain('href="/settings/api-keys"');

    const created = await session.post("/settings/api-keys", {
      name: "ERP export",
      scopes: ["reports:read", "company:read"],
      expiresAt: `${NEXT_YEAR}-06-30`,
      intent: "save",
    });
    expect(created.status).toBe(200);
    expect(created.text).toContain("it is shown only this once");
    const secret = SECRET.exec(created.html)?.[0];
    expect(secret).toBeDefined();

    const used = await me(secret!);
    expect(used.status).toBe(200);
    expect(await used.json()).toMatchObject({ organization: { id: "org_keysA" }, authenticatedBy: "api-key" });

    const list = await session.get("/settings/api-keys");
    expect(list.html).not.toMatch(SECRET);
    const prefix = secret!.slice("vsme_".length, "vsme_".length + 10);
    expect(list.text).toContain(`${prefix}…`);
    expect(list.text).toContain("ERP export");
    expect(list.text).toContain("reports:read, company:read");
    expect(list.text).toContain(`30 Jun ${NEXT_YEAR}`);
    const [id] = idsIn(list.html);
    expect(id).toBeDefined();

    const confirm = await session.get(`/settings/api-keys?revoke=${id}`);
    expect(confirm.text).toContain("Revoke “ERP export”?");
    expect(confirm.html).toContain('value="revoke"');
    const revoked = await session.post("/settings/api-keys", { intent: "revoke", id: id! });
    expect(revoked.status).toBe(200);
    expect(revoked.text).toContain("is revoked");
    expect((await me(secret!)).status).toBe(401);
    const after = await session.get("/settings/api-keys");
    expect(after.text).toContain("Revoked");
    expect(idsIn(after.html)).not.toContain(id);
  });

  test("bad input is answered beside the fields with the input kept, and nothing is created", async () => {
    const session = webSession(app, admin);
    const noScopes = await session.post("/settings/api-keys", { name: "No scopes", expiresAt: "", intent: "save" });
    expect(noScopes.status).toBe(400);
    expect(noScopes.text).toContain("Choose at least one scope");
    expect(noScopes.html).toContain('href="#f-scopes"');
    expect(noScopes.html).toMatch(/name="name"[^>]*value="No scopes"|value="No scopes"[^>]*name="name"/);

    const past = await session.post("/settings/api-keys", { name: "Old", scopes: "reports:read", expiresAt: "2001-01-01", intent: "save" });
    expect(past.status).toBe(400);
    expect(past.text).toContain("The expiry date must be in the future");

    const unknownScope = await session.post("/settings/api-keys", { name: "Sneaky", scopes: "api-keys:manage", intent: "save" });
    expect(unknownScope.status).toBe(400);
    const injected = await session.post("/settings/api-keys", { name: "Sneaky", scopes: "reports:read", organizationId: "org_keysB", intent: "save" });
    expect(injected.status).toBe(400);
    expect((await session.get("/settings/api-keys")).text).not.toContain("Sneaky");
    expect((await session.get("/settings/api-keys")).text).not.toContain("No scopes");
  });

  test("members and viewers get 403 and no link; another organization can't see or revoke the keys", async () => {
    const session = webSession(app, admin);
    await session.post("/settings/api-keys", { name: "Kept key", scopes: "reports:read", intent: "save" });
    const [id] = idsIn((await session.get("/settings/api-keys")).html);

    for (const who of [member, viewer]) {
      const other = webSession(app, who);
      expect((await other.get("/settings/api-keys")).status).toBe(403);
      expect((await other.post("/settings/api-keys", { name: "Mine", scopes: "reports:read", intent: "save" })).status).toBe(403);
      expect((await other.post("/settings/api-keys", { intent: "revoke", id: id! })).status).toBe(403);
      expect((await other.get("/dashboard")).html).not.toContain('href="/settings/api-keys"');
    }

    const stranger = webSession(app, outsider);
    const theirs = await stranger.get("/settings/api-keys");
    expect(theirs.status).toBe(200);
    expect(theirs.text).not.toContain("Kept key");
    expect((await stranger.get(`/settings/api-keys?revoke=${id}`)).text).not.toContain("Kept key");
    expect((await stranger.post("/settings/api-keys", { intent: "revoke", id: id! })).status).toBe(404);
    expect((await stranger.post("/settings/api-keys", { intent: "revoke", id: "not-an-id" })).status).toBe(404);
    // Still revocable by its own organization: the stranger's post changed nothing.
    expect(idsIn((await session.get("/settings/api-keys")).html)).toContain(id!);
  });
});
