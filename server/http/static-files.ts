/**
 * Files under public/. Remix's hashed build output (/build/…) never changes under a given name, so browsers
 * may keep it for a year; everything else (favicon, robots.txt) gets a short cache.
 */
import { join, resolve, sep } from "node:path";

export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";
export const SHORT_CACHE = "public, max-age=3600";

/** `assetsDir` serves /build/ (the build's browser assets); everything else comes from `publicDir`. */
export async function serveStaticFile(request: Request, publicDir: string, assetsDir = join(publicDir, "build")): Promise<Response | undefined> {
  if (request.method !== "GET" && request.method !== "HEAD") return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url).pathname);
  } catch {
    return undefined;
  }
  if (pathname === "/" || pathname.endsWith("/") || pathname.includes("\0")) return undefined;
  const asset = pathname.startsWith("/build/");
  const root = resolve(asset ? assetsDir : publicDir);
  const filePath = resolve(root, "." + (asset ? pathname.slice("/build".length) : pathname));
  // Refuses ../ escapes (after decoding) and anything outside public/.
  if (!filePath.startsWith(root + sep)) return undefined;
  const file = Bun.file(filePath);
  if (!(await file.exists())) {
    // A missing hashed asset is a 404, not a page for Remix to render.
    return pathname.startsWith("/build/") ? new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } }) : undefined;
  }
  const cacheControl = pathname.startsWith("/build/") ? IMMUTABLE_CACHE : SHORT_CACHE;
  return new Response(request.method === "HEAD" ? null : file, {
    headers: {
      "Content-Type": file.type,
      "Content-Length": String(file.size),
      "Cache-Control": cacheControl,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
