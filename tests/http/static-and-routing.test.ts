/**
 * What the Bun server does around Remix: static files and their cache headers, 404s, liveness, request ids,
 * CORS and the cross-site check. None of it needs a database, so the database URL points at a closed port.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestApp, type TestApp } from "../helpers/app";
import { unreachableDatabaseUrl } from "../helpers/ports";

let app: TestApp;
beforeAll(async () => {
  const url = unreachableDatabaseUrl();
  app = await startTestApp({ PRIMARY_DATABASE_URL: url, SCOPE321_DATABASE_URL: url, CORS_ORIGIN: "https://partner.example" });
});
afterAll(() => app?.stop());

async function firstHashedAsset(): Promise<string> {
  // The 404 page is rendered by Remix without a database and links the same hashed assets as every page.
  const html = await (await fetch(`${app.url}/no-such-page`)).text();
  const match = /href="(\/build\/[^"]+\.css)"/.exec(html);
  if (!match?.[1]) throw new Error("no stylesheet link in the page");
  return match[1];
}

describe("static files", () => {
  test("hashed build assets are cached for a year and immutable", async () => {
    const path = await firstHashedAsset();
    const response = await fetch(app.url + path);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("content-type")).toContain("text/css");
    expect(await response.text()).toContain("--brand");
  });

  test("other public files get a short cache", async () => {
    const response = await fetch(`${app.url}/favicon.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("image/svg+xml");
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  test("a missing build asset is a plain 404, never cached", async () => {
    const response = await fetch(`${app.url}/build/entry.client-DOESNOTEXIST.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  test("encoded ../ cannot read files outside public/", async () => {
    for (const path of ["/build/..%2F..%2Fpackage.json", "/..%2Fpackage.json", "/build/%2e%2e%2f%2e%2e%2fpackage.json"]) {
      const response = await fetch(app.url + path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('"name": "vsme-guru"');
    }
  });
});

describe("routing", () => {
  test("an unknown page is a 404 HTML page", async () => {
    const response = await fetch(`${app.url}/no-such-page`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("Page not found");
  });

  test("an unknown API path is a problem+json 404", async () => {
    const response = await fetch(`${app.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 404, title: "Not Found" });
  });

  test("/healthz answers while the database is unreachable", async () => {
    const response = await fetch(`${app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  test("every response carries a request id, echoing a safe incoming one", async () => {
    const minted = await fetch(`${app.url}/healthz`);
    expect(minted.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${app.url}/healthz`, { headers: { "X-Request-Id": "trace-42" } });
    expect(echoed.headers.get("x-request-id")).toBe("trace-42");
    expect(app.logs.some((r) => r.requestId === "trace-42")).toBe(false); // /healthz is not access-logged
    await fetch(`${app.url}/favicon.svg`, { headers: { "X-Request-Id": "trace-43" } });
    expect(app.logs.find((r) => r.requestId === "trace-43")).toMatchObject({ msg: "request", status: 200 });
  });

  test("the test profile sends no Server-Timing header", async () => {
    const response = await fetch(`${app.url}/favicon.svg`);
    expect(response.headers.get("server-timing")).toBeNull();
  });
});

describe("cross-origin requests", () => {
  test("a preflight from an allowed origin is answered with CORS headers", async () => {
    const response = await fetch(`${app.url}/api/reports`, {
      method: "OPTIONS",
      headers: { Origin: "https://partner.example", "Access-Control-Request-Method": "POST" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://partner.example");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
  });

  test("a preflight from another origin is refused", async () => {
    const response = await fetch(`${app.url}/api/reports`, {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  test("an unsafe API request from another site gets 403 problem+json", async () => {
    const response = await fetch(`${app.url}/api/reports`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 403, title: "Cross-site request refused" });
  });

  test("a browser marking the request cross-site without Origin is refused too", async () => {
    const response = await fetch(`${app.url}/api/reports`, { method: "DELETE", headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(response.status).toBe(403);
  });

  test("behind a TLS-terminating proxy, the page's own https origin passes and another host does not", async () => {
    const host = new URL(app.url).host;
    const own = await fetch(`${app.url}/api/reports`, { method: "POST", headers: { Origin: `https://${host}` }, body: "" });
    expect(own.status).not.toBe(403);
    // X-Forwarded-Host counts only with TRUST_PROXY (tests/http/cross-site-and-limits.test.ts).
    const proxied = await fetch(`${app.url}/api/reports`, {
      method: "POST",
      headers: { Origin: "https://app.vsme.example", "X-Forwarded-Host": "app.vsme.example" },
      body: "",
    });
    expect(proxied.status).toBe(403);
    const other = await fetch(`${app.url}/api/reports`, { method: "POST", headers: { Origin: "https://app.vsme.example" }, body: "" });
    expect(other.status).toBe(403);
  });

  test("same-origin and allowed-origin unsafe requests pass the check", async () => {
    for (const origin of [app.url, "https://partner.example"]) {
      const response = await fetch(`${app.url}/api/reports`, { method: "POST", headers: { Origin: origin }, body: "" });
      expect(response.status).not.toBe(403);
    }
  });
});
