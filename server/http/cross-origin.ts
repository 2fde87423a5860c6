/**
 * CORS for /api/* (only the origins in CORS_ORIGIN) and a same-origin check for every unsafe request.
 * Remix checks Origin itself only for document form posts and single-fetch actions, not resource routes, and
 * answers a mismatch with 500; this check runs first and answers 403.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

export function isCrossSiteUnsafe(request: Request, allowedOrigins: readonly string[]): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("origin");
  if (origin) return !isSameHost(origin, request) && !allowedOrigins.includes(origin);
  // No Origin: a non-browser client (curl, server-to-server), unless the browser says it is cross-site.
  return request.headers.get("sec-fetch-site") === "cross-site";
}

/**
 * Same site = the Origin's host is the host the browser addressed. Hosts, not whole origins: behind a proxy
 * that terminates TLS the server sees http:// while the browser sends an https:// Origin. A browser cannot
 * forge X-Forwarded-Host on a cross-site request (not a safelisted header: the preflight is refused).
 */
function isSameHost(origin: string, request: Request): boolean {
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || request.headers.get("host") || new URL(request.url).host;
  return originHost.toLowerCase() === host.toLowerCase();
}

export function corsHeaders(request: Request, allowedOrigins: readonly string[]): Headers | undefined {
  const origin = request.headers.get("origin");
  if (!origin || !allowedOrigins.includes(origin)) return undefined;
  return new Headers({
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Credentials": "true",
    "Access-Control-Expose-Headers": "X-Request-Id, Server-Timing, Retry-After",
    Vary: "Origin",
  });
}

export function preflightResponse(request: Request, allowedOrigins: readonly string[]): Response {
  const headers = corsHeaders(request, allowedOrigins);
  if (!headers) return new Response(null, { status: 403, headers: { Vary: "Origin" } });
  headers.set("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE");
  headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Request-Id");
  headers.set("Access-Control-Max-Age", "600");
  return new Response(null, { status: 204, headers });
}
