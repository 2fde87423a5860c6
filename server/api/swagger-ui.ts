/**
 * Swagger UI for /api/docs from the swagger-ui-dist package on disk — no CDN, so it works offline and under
 * a CSP that allows only this origin. The page loads the bundle, its stylesheet and a small init script, all
 * from /api/docs/*, and points at /api/v1/openapi.json. "Try it out" sends the app's session cookie (same
 * origin) or a pasted API key (Authorize → apiKey).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const distDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const version = (createRequire(import.meta.url)("swagger-ui-dist/package.json") as { version: string }).version;

/** The only files served from the package, by the name they have under /api/docs/. */
const ASSETS: Record<string, { file: string; type: string }> = {
  "swagger-ui.css": { file: "swagger-ui.css", type: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { file: "swagger-ui-bundle.js", type: "text/javascript; charset=utf-8" },
  "favicon-32x32.png": { file: "favicon-32x32.png", type: "image/png" },
};

export const SWAGGER_INIT_SCRIPT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/v1/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,
    withCredentials: true,
    displayOperationId: true,
    defaultModelsExpandDepth: 0,
  });
});
`;

export function swaggerAsset(name: string): Response | null {
  if (name === "init.js") {
    return new Response(SWAGGER_INIT_SCRIPT, {
      headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" },
    });
  }
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return null;
  return new Response(Bun.file(join(distDir, asset.file)), {
    headers: { "Content-Type": asset.type, "Cache-Control": "public, max-age=86400", ETag: `"swagger-ui-${version}-${asset.file}"` },
  });
}

const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page; `nonce` is the request's CSP nonce, when the server sets one. */
export function swaggerPage(options: { nonce?: string } = {}): Response {
  const nonce = options.nonce ? ` nonce="${escapeAttribute(options.nonce)}"` : "";
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>VSME Guru API — reference</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"${nonce}>
<link rel="icon" type="image/png" href="/api/docs/favicon-32x32.png">
</head>
<body>
<main id="swagger-ui" aria-label="API reference"></main>
<noscript><p>The interactive reference needs JavaScript. The document itself: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></noscript>
<script src="/api/docs/swagger-ui-bundle.js"${nonce}></script>
<script src="/api/docs/init.js"${nonce}></script>
</body>
</html>
`;
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache" } });
}
