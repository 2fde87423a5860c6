/**
 * The local development sign-in: what a newcomer sees on /sign-in with no environment, the cookies it sets
 * (as Clerk's), organization switching, signing out — and that nothing of it exists outside development/test
 * or when the app verifies with another key.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { clerkSettingsFor } from "../../server/auth/clerk-settings";
import { LOCAL_ORGANIZATIONS, LOCAL_USERS } from "../../server/auth/local-directory";
import { createLocalSignIn } from "../../server/auth/local-sign-in";
import { LOCAL_SIGNING_PUBLIC_KEY, LOCAL_PRIVATE_KEY_PATH, isLocalSigningKey } from "../../server/auth/local-signing-key";
import { ConfigError, loadConfig } from "../../server/config/env";
import { SAMPLE_ORGANIZATION_ID } from "../../server/seed/development-sample";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { ADMIN_A, ORG_A, ORG_B, foreignSigningKey } from "../helpers/sessions";

let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await startTestDatabase("local-sign-in");
  app = await startTestApp(databaseEnv(database.url, { primary: database.databaseName("primary"), external: database.databaseName("external") }));
});
afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

/** A browser's cookie jar, enough for these flows. */
class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly base: string) {}
  async request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if (init.method === "POST") headers.set("origin", this.base);
    const response = await fetch(`${this.base}${path}`, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split("; ");
      const [name, value] = pair!.split("=") as [string, string];
      if (attributes.includes("Max-Age=0")) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  post(path: string, fields: Record<string, string>) {
    return this.request(path, { method: "POST", body: new URLSearchParams(fields) });
  }
}

describe("the local sign-in page", () => {
  test("lists every sample person with one button per organization they belong to (no JavaScript needed)", async () => {
    const html = await (await fetch(`${app.url}/sign-in`)).text();
    for (const user of LOCAL_USERS) expect(html).toContain(user.name);
    expect(html).toContain("Sign in as Anna Schmidt — Admin, Beispiel Backwaren GmbH");
    expect(html).toContain("Sign in as Anna Schmidt — Member, Nordic Timber Oy");
    expect(html).toContain("Viewer, Beispiel Backwaren GmbH");
    expect(html.match(/<form method="post"/g)?.length).toBe(LOCAL_USERS.reduce((n, u) => n + Math.max(1, u.memberships.length), 0));
  });

  test("the directory has two organizations, a person in both, a viewer; the first is the seed's organization", () => {
    expect(LOCAL_ORGANIZATIONS.length).toBeGreaterThanOrEqual(2);
    expect(LOCAL_USERS.some((u) => u.memberships.length >= 2)).toBe(true);
    expect(LOCAL_USERS.some((u) => u.memberships.some((m) => m.role === "org:viewer"))).toBe(true);
    expect(LOCAL_ORGANIZATIONS[0]!.id).toBe(SAMPLE_ORGANIZATION_ID);
  });

  test("signing in sets Clerk's cookies (HttpOnly, expiring before the token) and lands signed in", async () => {
    const browser = new Browser(app.url);
    const response = await browser.post("/sign-in", { userId: ADMIN_A, organizationId: ORG_A, redirectTo: "/?from=test" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/?from=test");
    const cookies = response.headers.getSetCookie();
    expect(cookies.map((c) => c.split("=")[0])).toEqual(["__session", "__client_uat"]);
    for (const cookie of cookies) expect(cookie).toMatch(/; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const token = browser.cookies.get("__session")!;
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookies[0]!)![1]);
    expect(claims.iat + maxAge).toBeLessThan(claims.exp);
    expect(claims).toMatchObject({ v: 2, sub: ADMIN_A, o: { id: ORG_A, rol: "admin" }, sts: "active" });
    expect(Number(browser.cookies.get("__client_uat"))).toBe(claims.iat);
    const home = await (await browser.request("/")).text();
    expect(home).toContain("Anna Schmidt");
    expect(home).toContain("Beispiel Backwaren GmbH");
  });

  test("redirectTo must stay on this site", async () => {
    for (const evil of ["//evil.com", "/\t/evil.com", "https://evil.com/", "javascript:alert(1)", "/\\evil.com"]) {
      const response = await new Browser(app.url).post("/sign-in", { userId: ADMIN_A, organizationId: ORG_A, redirectTo: evil });
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get("location")!, app.url).origin).toBe(app.url);
    }
  });

  test("only people and memberships of the directory can be signed in", async () => {
    const browser = new Browser(app.url);
    expect((await browser.post("/sign-in", { userId: "user_madeUp", organizationId: ORG_A })).status).toBe(400);
    // The Nordic admin is not a member of organization A.
    expect((await browser.post("/sign-in", { userId: "user_vsmeguruDevNordicAdmin", organizationId: ORG_A })).status).toBe(400);
    expect((await browser.post("/sign-in", { userId: ADMIN_A, organizationId: ORG_A, extra: "x" })).status).toBe(400);
    expect(browser.cookies.size).toBe(0);
  });

  test("switching organization re-mints the session; a foreign organization is refused; sign-out clears it", async () => {
    const browser = new Browser(app.url);
    await browser.post("/sign-in", { userId: ADMIN_A, organizationId: ORG_A });
    const choose = await (await browser.request("/select-organization")).text();
    expect(choose).toContain("Switch to Nordic Timber Oy");
    const switched = await browser.post("/select-organization", { organizationId: ORG_B, redirectTo: "/" });
    expect(switched.status).toBe(302);
    expect(await (await browser.request("/")).text()).toContain("Nordic Timber Oy");
    // The header's switcher lists both of Anna's organizations and returns to the page it was used on.
    const withSwitcher = await (await browser.request("/?page=1")).text();
    expect(withSwitcher).toMatch(/<select id="organization-switcher" name="organizationId"[^>]*>.*Beispiel Backwaren GmbH.*Nordic Timber Oy/s);
    expect(withSwitcher).toContain('name="redirectTo" value="/?page=1"');
    const foreign = await browser.post("/select-organization", { organizationId: "org_someoneElse" });
    expect(foreign.status).toBe(403);
    const out = await browser.post("/sign-out", {});
    expect(out.headers.get("location")).toBe("/sign-in");
    expect(browser.cookies.size).toBe(0);
    const home = await (await browser.request("/")).text();
    expect(home).not.toContain("Anna Schmidt");
  });

  test("a person without an organization is sent to choose one after signing in", async () => {
    const browser = new Browser(app.url);
    const response = await browser.post("/sign-in", { userId: "user_vsmeguruDevNoOrg", organizationId: "" });
    expect(response.headers.get("location")).toStartWith("/select-organization");
    const page = await (await browser.request(response.headers.get("location")!)).text();
    expect(page).toContain("not a member of any organization");
  });
});

describe("the local key never reaches a real deployment", () => {
  const realKeys = async () => ({
    CLERK_SECRET_KEY: "sk_live_abcdefghijkl",
    CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from("clerk.example.com$").toString("base64")}`,
    CLERK_JWT_KEY: (await foreignSigningKey()).publicKeyPem,
  });
  const remote = {
    PRIMARY_DATABASE_URL: "mongodb+srv://app:pw@cluster0.example.net/vsme",
    SCOPE321_DATABASE_URL: "mongodb+srv://reader:pw@shared.example.net/",
    CLERK_AUTHORIZED_PARTIES: "https://app.example.com",
  };

  test.each(["staging", "production"])("%s refuses to start with the local key as CLERK_JWT_KEY (any spelling)", (appEnv) => {
    for (const jwtKey of [LOCAL_SIGNING_PUBLIC_KEY, LOCAL_SIGNING_PUBLIC_KEY.replace(/\n/g, "\\n")]) {
      let error: unknown;
      try {
        loadConfig({ APP_ENV: appEnv, ...remote, CLERK_SECRET_KEY: "sk_live_x", CLERK_PUBLISHABLE_KEY: "pk_live_Y2xlcmsuZXhhbXBsZS5jb20k", CLERK_JWT_KEY: jwtKey });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.join("\n")).toContain("local development key");
    }
  });

  test("the sign-in cannot be created outside development/test, nor with another key", async () => {
    const production = loadConfig({ APP_ENV: "production", ...remote, ...(await realKeys()) });
    const settings = clerkSettingsFor(production)!;
    expect(settings.mode).toBe("clerk");
    await expect(createLocalSignIn("production", { ...settings, mode: "local" })).rejects.toThrow(/only in development and test/);
    await expect(createLocalSignIn("test", settings)).rejects.toThrow(/only in development and test/);
  });

  test("with real Clerk keys in test, /sign-in is Clerk's and posting to it mints nothing", async () => {
    const clerkApp = await startTestApp({
      ...databaseEnv(database.url, { primary: database.databaseName("primary"), external: database.databaseName("external") }),
      ...(await realKeys()),
    });
    try {
      expect(clerkApp.config.clerk.publishableKey).toStartWith("pk_live_");
      const posted = await fetch(`${clerkApp.url}/sign-in`, {
        method: "POST",
        body: new URLSearchParams({ userId: ADMIN_A, organizationId: ORG_A }),
        redirect: "manual",
      });
      expect(posted.status).toBe(404);
      expect(posted.headers.getSetCookie()).toEqual([]);
      const page = await (await fetch(`${clerkApp.url}/sign-in`)).text();
      expect(page).not.toContain("Anna Schmidt");
    } finally {
      await clerkApp.stop();
    }
  });

  test("the committed public key is the public half of the committed private key", async () => {
    const { createPublicKey } = await import("node:crypto");
    const derived = createPublicKey(await Bun.file(LOCAL_PRIVATE_KEY_PATH).text()).export({ type: "spki", format: "pem" }).toString();
    expect(isLocalSigningKey(derived)).toBe(true);
    expect(createPublicKey(LOCAL_SIGNING_PUBLIC_KEY).asymmetricKeyDetails).toMatchObject({ modulusLength: 2048, publicExponent: 65537n });
  });
});
