/**
 * The public API documentation routes: the OpenAPI document at /api/v1/openapi.json and Swagger UI at
 * /api/docs, served from the installed swagger-ui-dist (no CDN). No database needed.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { buildOpenApiDocument } from "../../server/api/openapi";
import { startTestApp, type TestApp } from "../helpers/app";
import { unreachableDatabaseUrl } from "../helpers/ports";
import { ROOT } from "../helpers/remix-build";

let app: TestApp;
beforeAll(async () => {
  const url = unreachableDatabaseUrl();
  app = await startTestApp({ PRIMARY_DATABASE_URL: url, SCOPE321_DATABASE_URL: url });
});
afterAll(() => app?.stop());

describe("/api/v1/openapi.json", () => {
  test("serves the generated document, revalidatable with its ETag", async () => {
    const response = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${app.url}/api/v1/openapi.json`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });
});

describe("/api/docs (Swagger UI)", () => {
  test("the page loads only same-origin assets and points at the document", async () => {
    const response = await fetch(`${app.url}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) expect(url.startsWith("/")).toBe(true);
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script
    const init = await (await fetch(`${app.url}/api/docs/init.js`)).text();
    expect(init).toContain('url: "/api/v1/openapi.json"');
    expect(init).toContain("validatorUrl: null"); // never calls validator.swagger.io
  });

  test("serves the Swagger UI files from the installed package", async () => {
    const bundle = await fetch(`${app.url}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("javascript");
    expect(await bundle.text()).toBe(readFileSync(`${ROOT}/node_modules/swagger-ui-dist/swagger-ui-bundle.js`, "utf8"));
    const css = await fetch(`${app.url}/api/docs/swagger-ui.css`);
    expect(css.headers.get("content-type")).toContain("text/css");
  });

  test("nothing else of the package or the disk is reachable", async () => {
    for (const name of ["package.json", "index.html", "..%2F..%2Fpackage.json", "swagger-initializer.js"]) {
      expect((await fetch(`${app.url}/api/docs/${name}`)).status).toBe(404);
    }
  });
});
