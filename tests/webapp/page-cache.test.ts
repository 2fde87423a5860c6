/**
 * The rendered-page cache (server/http/rendered-pages.ts) through the real server: a page answered from the
 * cache (`X-Page-Cache: hit`) is never out of date — a form save, an API write, a lifecycle transition (a
 * transaction) or a write on another app instance shows at once — and never someone else's: another role,
 * user or organization gets its own page. Each answer carries its own CSP nonce. Every "stale" check first
 * proves the page was being served from the cache, so it cannot pass by the cache simply not working.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { databaseEnv, startTestApp, type TestApp } from "../helpers/app";
import { toFormFields } from "../helpers/form-fields";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";
import { prepareWebappDatabases } from "../helpers/webapp-fixture";
import { formVersion, identityCookie, inputValueIn, pageText, type WebIdentity } from "../helpers/web-session";
import { fullReportCompany, fullReportInput } from "../fixtures/full-report";
import { ADMIN_A, ORG_A as LOCAL_ORG, sessionCookieHeader, sessionToken } from "../helpers/sessions";

const ORG_A = "org_pageCacheA";
const ORG_B = "org_pageCacheB";
const admin: WebIdentity = { userId: "user_pageCacheAdmin", organizationId: ORG_A, role: "org:admin" };
const secondAdmin: WebIdentity = { userId: "user_pageCacheOther", organizationId: ORG_A, role: "org:admin" };
const viewer: WebIdentity = { userId: "user_pageCacheViewer", organizationId: ORG_A, role: "org:viewer" };
const outsider: WebIdentity = { userId: "user_pageCacheOutsider", organizationId: ORG_B, role: "org:admin" };

let database: TestDatabase;
let app: TestApp;
/** A second instance on the same databases, with its own (separate) page cache. */
let otherInstance: TestApp;
let reportId: string;

/** The full report's workforce section with `temporary` of its 160 employees on temporary contracts. */
const workforce = (temporary: number) => {
  const section = (fullReportInput().sections as Record<string, Record<string, unknown>>).workforce!;
  return { ...section, byContract: { permanent: 160 - temporary, temporary } };
};
const TEMPORARY = "byContract.temporary";

beforeAll(async () => {
  database = await startTestDatabase("webapp-page-cache");
  const names = { primary: database.databaseName("primary"), external: database.databaseName("external") };
  await prepareWebappDatabases(database.url, names, { organizationId: ORG_A, emissions: [] });
  app = await startTestApp(databaseEnv(database.url, names));
  otherInstance = await startTestApp(databaseEnv(database.url, names));
  const cookie = await identityCookie(admin);
  const company = await fetch(`${app.url}/company`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...(toFormFields(fullReportCompany()) as Record<string, string>), intent: "save" }),
  });
  expect(company.status).toBe(200);
  const created = await fetch(`${app.url}/api/v1/reports`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json" },
    body: JSON.stringify(fullReportInput()),
  });
  expect(created.status).toBe(201);
  reportId = ((await created.json()) as { id: string }).id;
});
afterAll(async () => {
  await otherInstance?.stop();
  await app?.stop();
  await database?.stop();
});

const cookies = new Map<string, Promise<string>>();
const cookieOf = (who: WebIdentity) => {
  let cookie = cookies.get(who.userId);
  if (!cookie) cookies.set(who.userId, (cookie = identityCookie(who)));
  return cookie;
};

interface Answer {
  status: number;
  html: string;
  text: string;
  cache: string | null;
  csp: string;
}

async function get(who: WebIdentity, path: string, server: TestApp = app): Promise<Answer> {
  const response = await fetch(`${server.url}${path}`, { headers: { cookie: await cookieOf(who) }, redirect: "manual" });
  const html = await response.text();
  return { status: response.status, html, text: pageText(html), cache: response.headers.get("x-page-cache"), csp: response.headers.get("content-security-policy") ?? "" };
}

/** GETs the page until the cache answers it (a new session is verified first, then the page is kept). */
async function fromCache(who: WebIdentity, path: string, server: TestApp = app): Promise<Answer> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const answer = await get(who, path, server);
    expect(answer.status).toBe(200);
    if (answer.cache === "hit") return answer;
  }
  throw new Error(`${path} was never answered from the page cache`);
}

async function putWorkforce(employees: number, server: TestApp) {
  const cookie = await cookieOf(admin);
  const current = await fetch(`${server.url}/api/v1/reports/${reportId}`, { headers: { cookie } });
  const etag = current.headers.get("etag")!;
  const put = await fetch(`${server.url}/api/v1/reports/${reportId}/sections/workforce`, {
    method: "PUT",
    headers: { cookie, "content-type": "application/json", "if-match": etag },
    body: JSON.stringify(workforce(employees)),
  });
  expect(put.status).toBe(200);
}

describe("a page from the cache is never out of date", () => {
  test("a saved form shows the new value on the next GET", async () => {
    const before = await fromCache(admin, "/reports/2024/b8");
    const saved = await fetch(`${app.url}/reports/2024/b8`, {
      method: "POST",
      headers: { cookie: await cookieOf(admin), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...(toFormFields(workforce(11)) as Record<string, string>), _version: formVersion(before.html), intent: "save" }),
    });
    expect(saved.status).toBe(200);
    const after = await get(admin, "/reports/2024/b8");
    expect(after.cache).not.toBe("hit");
    expect(inputValueIn(after.html, TEMPORARY)).toBe("11");
    expect(inputValueIn((await fromCache(admin, "/reports/2024/b8")).html, TEMPORARY)).toBe("11");
  });

  test("a write through the API shows on the page", async () => {
    await fromCache(admin, "/reports/2024/b8");
    await putWorkforce(12, app);
    expect(inputValueIn((await get(admin, "/reports/2024/b8")).html, TEMPORARY)).toBe("12");
  });

  test("a write on another app instance shows on this one (the epoch is in the database)", async () => {
    await fromCache(admin, "/reports/2024/b8");
    await putWorkforce(13, otherInstance);
    expect(inputValueIn((await get(admin, "/reports/2024/b8")).html, TEMPORARY)).toBe("13");
  });

  test("a lifecycle transition (a transaction) shows on the overview", async () => {
    const before = await fromCache(admin, "/reports/2024");
    expect(before.text).toContain("Draft");
    const submitted = await fetch(`${app.url}/reports/2024`, {
      method: "POST",
      headers: { cookie: await cookieOf(admin), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "submit", _version: formVersion(before.html) }),
    });
    expect(submitted.status).toBe(200);
    const after = await get(admin, "/reports/2024");
    expect(after.cache).not.toBe("hit");
    expect(after.text).toMatch(/Submitted/);
    expect(after.html).toContain('value="approve"');
    expect(before.html).not.toContain('value="approve"');
  });
});

describe("a page from the cache is never someone else's", () => {
  test("a viewer never gets the admin's page, nor the admin the viewer's", async () => {
    const adminPage = await fromCache(admin, "/reports/2024");
    expect(adminPage.text).not.toContain("You have read-only access");
    for (let i = 0; i < 3; i++) {
      const viewerPage = await get(viewer, "/reports/2024");
      expect(viewerPage.status).toBe(200);
      expect(viewerPage.text).toContain("You have read-only access");
      expect(viewerPage.html).not.toContain('value="approve"');
    }
    expect((await fromCache(admin, "/reports/2024")).text).not.toContain("You have read-only access");
  });

  test("another user of the same organization and role gets a page rendered for them", async () => {
    await fromCache(admin, "/dashboard");
    const first = await get(secondAdmin, "/dashboard");
    expect(first.status).toBe(200);
    expect(first.cache).not.toBe("hit");
    expect(first.text).toContain(secondAdmin.userId);
    expect(first.text).not.toContain(admin.userId);
  });

  test("another organization gets its own answer (no report: 404), never the cached page", async () => {
    await fromCache(admin, "/reports/2024/b8");
    for (let i = 0; i < 3; i++) {
      const page = await get(outsider, "/reports/2024/b8");
      expect(page.status).toBe(404);
      expect(page.cache).toBeNull();
    }
  });
});

describe("what the cache answers", () => {
  test("every answer has its own CSP nonce, and the page's scripts carry that one", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const page = await fromCache(admin, "/reports/2024/b1");
      const nonce = /'nonce-([^']+)'/.exec(page.csp)?.[1];
      expect(nonce).toBeDefined();
      const scriptNonces = [...page.html.matchAll(/<script[^>]*\snonce="([^"]+)"/g)].map((match) => match[1]);
      expect(scriptNonces.length).toBeGreaterThan(0);
      expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(2);
  });

  test("pages that read live external data, .data requests and signed-out requests are never answered from it", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await get(admin, "/company")).cache).toBeNull();
      expect((await get(admin, "/reports")).cache).toBeNull();
      const data = await fetch(`${app.url}/reports/2024/b8.data`, { headers: { cookie: await cookieOf(admin) } });
      await data.arrayBuffer();
      expect(data.headers.get("x-page-cache")).toBeNull();
      const signedOut = await fetch(`${app.url}/reports/2024/b8`, { redirect: "manual" });
      await signedOut.arrayBuffer();
      expect(signedOut.status).toBe(302);
      expect(signedOut.headers.get("x-page-cache")).toBeNull();
    }
  });

  test("a session old enough to be refreshed always gets its fresh cookies, never a kept page", async () => {
    const issuedAt = Math.floor(Date.now() / 1000) - 5 * 60;
    // Only people of the local directory are re-minted.
    const token = await sessionToken({ userId: ADMIN_A, organizationId: LOCAL_ORG, role: "org:admin", issuedAt, lifetimeSeconds: 20 * 60 });
    const cookie = sessionCookieHeader(token);
    for (let i = 0; i < 3; i++) {
      const response = await fetch(`${app.url}/dashboard`, { headers: { cookie } });
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      expect(response.headers.get("set-cookie")).toContain("__session=");
      expect(response.headers.get("x-page-cache")).toBeNull();
    }
  });
});
