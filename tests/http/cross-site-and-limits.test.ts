/**
 * The edges of the cross-site check and of request parsing: forwarded headers only behind a trusted proxy,
 * Referer and Sec-Fetch-Site when there is no Origin, a configured CORS origin getting the route's own answer
 * (not Remix's 500), a malformed data request, and the body-size limit answered before parsing.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createElement } from "react";
import { startTestApp, type TestApp } from "../helpers/app";
import { withApiRoutes } from "../helpers/extra-routes";
import { unreachableDatabaseUrl } from "../helpers/ports";

let parsedBodies = 0;
const echoRoutes = (build: Parameters<typeof withApiRoutes>[0]) =>
  withApiRoutes(build, {
    "routes/test-echo": {
      path: "test-echo",
      module: {
        action: async ({ request }: { request: Request }) => {
          parsedBodies++;
          const form = await request.formData();
          return Response.json({ echoed: form.get("name") }, { status: 201 });
        },
        default: () => createElement("p", null, "echo"),
      },
    },
    "routes/api.test-echo": {
      path: "api/test-echo",
      module: {
        action: async ({ request }: { request: Request }) => {
          parsedBodies++;
          return Response.json({ length: (await request.text()).length }, { status: 201 });
        },
      },
    },
  });

let app: TestApp;
let proxied: TestApp;
beforeAll(async () => {
  const url = unreachableDatabaseUrl();
  const env = { PRIMARY_DATABASE_URL: url, SCOPE321_DATABASE_URL: url, CORS_ORIGIN: "https://partner.example", MAX_BODY_BYTES: "4096" };
  app = await startTestApp(env, { extendBuild: echoRoutes });
  proxied = await startTestApp({ ...env, TRUST_PROXY: "true" }, { extendBuild: echoRoutes });
});
afterAll(async () => {
  await app?.stop();
  await proxied?.stop();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("forwarded headers", () => {
  test("an evil Origin with a matching X-Forwarded-Host is refused unless TRUST_PROXY says a proxy sets it", async () => {
    const headers = { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example" };
    const untrusted = await fetch(`${app.url}/test-echo`, { method: "POST", headers, body: form({ name: "x" }) });
    expect(untrusted.status).toBe(403);
    const trusted = await fetch(`${proxied.url}/test-echo`, { method: "POST", headers, body: form({ name: "x" }) });
    expect(trusted.status).toBe(201);
  });
});

describe("requests without Origin", () => {
  test("a cross-site Referer or Sec-Fetch-Site cross-site/same-site is refused on unsafe methods", async () => {
    for (const headers of [
      { Referer: "https://evil.example/form" },
      { Referer: "not a url" },
      { "Sec-Fetch-Site": "same-site" },
      { "Sec-Fetch-Site": "cross-site" },
    ] as Record<string, string>[]) {
      const response = await fetch(`${app.url}/test-echo`, { method: "POST", headers, body: form({ name: "x" }) });
      expect({ headers, status: response.status }).toEqual({ headers, status: 403 });
    }
  });

  test("a same-origin Referer, Sec-Fetch-Site same-origin, or no browser header at all passes", async () => {
    for (const headers of [{ Referer: `${app.url}/` }, { "Sec-Fetch-Site": "same-origin" }, {}] as Record<string, string>[]) {
      const response = await fetch(`${app.url}/test-echo`, { method: "POST", headers, body: form({ name: "x" }) });
      expect({ headers, status: response.status }).toEqual({ headers, status: 201 });
    }
  });
});

describe("a configured CORS origin", () => {
  test("gets the route's real answer on a document form post and on an API write", async () => {
    const page = await fetch(`${app.url}/test-echo`, { method: "POST", headers: { Origin: "https://partner.example" }, body: form({ name: "Ada" }) });
    // The document request renders the page after the action ran (Remix's own check would have thrown: 500).
    expect(page.status).toBe(201);
    expect(await page.text()).toContain("<p>echo</p>");
    const api = await fetch(`${app.url}/api/test-echo`, { method: "POST", headers: { Origin: "https://partner.example" }, body: "hello" });
    expect(api.status).toBe(201);
    expect(api.headers.get("access-control-allow-origin")).toBe("https://partner.example");
  });
});

describe("malformed data requests", () => {
  test("the v1 `_data` parameter is a 400, not a 500", async () => {
    const response = await fetch(`${app.url}/?index&_data=routes/_index`);
    expect(response.status).toBe(400);
    await response.body?.cancel();
  });
});

describe("request body limit", () => {
  test("a body over MAX_BODY_BYTES gets 413 before any route parses it, declared or chunked", async () => {
    const before = parsedBodies;
    const big = "x".repeat(5000);
    const declared = await fetch(`${app.url}/api/test-echo`, { method: "POST", body: big });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ status: 413, title: "Payload Too Large" });
    const chunked = await fetch(`${app.url}/api/test-echo`, {
      method: "POST",
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode("y".repeat(1000)));
          controller.close();
        },
      }),
    });
    expect(chunked.status).toBe(413);
    expect(parsedBodies).toBe(before);
    const small = await fetch(`${app.url}/api/test-echo`, { method: "POST", body: "z".repeat(4000) });
    expect(small.status).toBe(201);
    expect(await small.json()).toEqual({ length: 4000 });
  });

  test("file uploads have the larger upload cap", async () => {
    const upload = new FormData();
    upload.set("file", new Blob(["x".repeat(50_000)]), "template.xlsx");
    const response = await fetch(`${app.url}/api/test-echo`, { method: "POST", body: upload });
    expect(response.status).toBe(201);
  });
});
