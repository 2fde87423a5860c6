/**
 * The document as served at /api/v1/openapi.json: built once per process (the contracts do not change while
 * it runs), with an ETag so clients and Swagger UI can revalidate cheaply.
 */
import { buildOpenApiDocument } from "./openapi";

let cached: { json: string; etag: string } | undefined;

export function openApiResponse(request: Request): Response {
  if (!cached) {
    const json = JSON.stringify(buildOpenApiDocument());
    cached = { json, etag: `"${new Bun.CryptoHasher("sha1").update(json).digest("base64url")}"` };
  }
  const headers = { "Content-Type": "application/json", "Cache-Control": "public, max-age=300", ETag: cached.etag };
  if (request.headers.get("if-none-match")?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === cached!.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(cached.json, { headers });
}
