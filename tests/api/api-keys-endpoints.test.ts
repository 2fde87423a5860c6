/**
 * `GET|POST /api/v1/api-keys` and `DELETE /api/v1/api-keys/{apiKeyId}`: an admin, signed in, creates a key
 * (the secret shown once, only its hash stored), a partner uses it, the admin revokes it and it answers 401.
 * The list never shows a secret or hash; members, viewers and API keys themselves get 403; another
 * organization's admin gets 404. Every response is validated against the document.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { json, seedReport, startApiTest, type ApiTestContext } from "./support";

let ctx: ApiTestContext;
beforeAll(async () => {
  ctx = await startApiTest("api-keys-endpoints");
  await seedReport(ctx, "adminA", 2024);
});
afterAll(() => ctx?.stop());

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

async function create(body: unknown, caller: "adminA" | "adminB" = "adminA") {
  const response = await ctx.call(caller, "POST", "/api/v1/api-keys", { body });
  expect(response.status).toBe(201);
  const created = await json<{ key: { id: string; prefix: string; name: string; scopes: string[] }; secret: string }>(response);
  expect(response.headers.get("location")).toBe(`/api/v1/api-keys/${created.key.id}`);
  return created;
}

describe("API keys through the API", () => {
  test("create → use → revoke → 401; the secret is shown once, the list never shows it", async () => {
    const { key, secret } = await create({ name: "ERP sync", scopes: ["reports:read"], expiresAt: "2027-06-30" });
    expect(secret).toMatch(/^vsme_[0-9A-Za-z]{43}$/);
    expect(key).toMatchObject({ name: "ERP sync", scopes: ["reports:read"], prefix: secret.slice(5, 15), organizationId: "org_vsmeguruDevSample" });
    expect(JSON.stringify(key)).not.toContain(secret.slice(15));
    const stored = await ctx.primary.collection("apiKeys").findOne({ prefix: key.prefix });
    expect(stored!.hash).toBe(createHash("sha256").update(secret).digest("hex"));

    const used = await ctx.call(null, "GET", "/api/v1/reports", { headers: bearer(secret) });
    expect(used.status).toBe(200);
    expect((await json(used)).items).toHaveLength(1);

    const list = await ctx.call("adminA", "GET", "/api/v1/api-keys");
    const listed = await json(list);
    const item = listed.items.find((candidate: { id: string }) => candidate.id === key.id);
    expect(item).toMatchObject({ name: "ERP sync", prefix: key.prefix });
    expect(item.lastUsedAt).toBeDefined();
    const text = JSON.stringify(listed);
    expect(text).not.toContain(secret.slice(15));
    expect(text).not.toContain(stored!.hash);
    expect(list.headers.get("cache-control")).toBe("no-store");

    const revoked = await ctx.call("adminA", "DELETE", `/api/v1/api-keys/${key.id}`);
    expect(revoked.status).toBe(200);
    const revokedKey = await json(revoked);
    expect(revokedKey).toMatchObject({ id: key.id, revokedBy: "user_vsmeguruDevAdmin" });
    const refused = await ctx.call(null, "GET", "/api/v1/reports", { headers: bearer(secret) });
    expect(refused.status).toBe(401);
    expect((await json(refused)).detail).toContain("revoked");
    // Revoking again keeps the first revocation.
    const again = await json(await ctx.call("adminA", "DELETE", `/api/v1/api-keys/${key.id}`));
    expect(again.revokedAt).toBe(revokedKey.revokedAt);
  });

  test("bad input: unknown or injected fields 400, rule breaks 422 with the field's pointer", async () => {
    const injected = await ctx.call("adminA", "POST", "/api/v1/api-keys", { body: { name: "x", scopes: ["reports:read"], organizationId: "org_vsmeguruDevNordic" } });
    expect(injected.status).toBe(400);
    expect((await json(injected)).detail).toContain("organizationId");
    const adminScope = await ctx.call("adminA", "POST", "/api/v1/api-keys", { body: { name: "x", scopes: ["api-keys:manage"] } });
    expect(adminScope.status).toBe(400);
    const past = await ctx.call("adminA", "POST", "/api/v1/api-keys", { body: { name: "x", scopes: ["reports:read"], expiresAt: "2020-01-01" } });
    expect(past.status).toBe(422);
    expect((await json(past)).errors).toEqual([expect.objectContaining({ pointer: "/expiresAt" })]);
    const badId = await ctx.call("adminA", "DELETE", "/api/v1/api-keys/not-an-id");
    expect(badId.status).toBe(404);
  });

  test("members, viewers and API keys get 403; nothing is created", async () => {
    const before = await ctx.primary.collection("apiKeys").countDocuments();
    const { secret } = await ctx.apiKey("adminA", { scopes: ["reports:read", "reports:write", "company:read", "company:write", "reference:read"] });
    for (const caller of ["memberA", "viewerA"] as const) {
      expect((await ctx.call(caller, "GET", "/api/v1/api-keys")).status).toBe(403);
      expect((await ctx.call(caller, "POST", "/api/v1/api-keys", { body: { name: "x", scopes: ["reports:read"] } })).status).toBe(403);
    }
    const byKey = [
      await ctx.call(null, "GET", "/api/v1/api-keys", { headers: bearer(secret) }),
      await ctx.call(null, "POST", "/api/v1/api-keys", { headers: bearer(secret), body: { name: "x", scopes: ["reports:read"] } }),
      await ctx.call(null, "DELETE", `/api/v1/api-keys/${"0".repeat(24)}`, { headers: bearer(secret) }),
    ];
    for (const response of byKey) {
      expect(response.status).toBe(403);
      expect((await json(response)).detail).toContain("API keys cannot manage API keys");
    }
    expect(await ctx.primary.collection("apiKeys").countDocuments()).toBe(before + 1);
  });

  test("another organization's admin neither sees nor revokes A's keys (404)", async () => {
    const { key, secret } = await create({ name: "A only", scopes: ["reports:read"] });
    const listedByB = await json(await ctx.call("adminB", "GET", "/api/v1/api-keys"));
    expect(listedByB.items.map((item: { id: string }) => item.id)).not.toContain(key.id);
    expect((await ctx.call("adminB", "DELETE", `/api/v1/api-keys/${key.id}`)).status).toBe(404);
    expect((await ctx.call(null, "GET", "/api/v1/reports", { headers: bearer(secret) })).status).toBe(200);
  });

  test("the list pages with a cursor and a Link header", async () => {
    for (let i = 0; i < 3; i++) await create({ name: `paged ${i}`, scopes: ["reference:read"] });
    const first = await ctx.call("adminA", "GET", "/api/v1/api-keys?limit=2");
    const page = await json(first);
    expect(page.items).toHaveLength(2);
    expect(first.headers.get("link")).toContain(`cursor=${encodeURIComponent(page.next)}`);
    const second = await json(await ctx.call("adminA", "GET", `/api/v1/api-keys?limit=2&cursor=${encodeURIComponent(page.next)}`));
    expect(second.items.map((item: { id: string }) => item.id)).not.toContain(page.items[0].id);
  });
});
