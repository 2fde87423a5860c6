/**
 * CORS for /api/* (only the origins in CORS_ORIGIN) and a same-origin check for every unsafe request.
 * Remix checks Origin itself only for document form posts and single-fetch actions, not resource routes, and
 * answers a mismatch with 500; this check runs first and answers 403.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

export interface OriginPolicy {
  /** CORS_ORIGIN: other origins whose browser requests are allowed. */
  allowedOrigins: readonly string[];
  /** TRUST_PROXY: the host the browser addressed may come from X-Forwarded-Host. */
  trustProxy: boolean;
}

/**
 * True for an unsafe request another site made the browser send. With an Origin header it must name this host
 * or a configured origin; without one (older browsers, some redirects), a cross-site Referer or a
 * Sec-Fetch-Site of cross-site/same-site gives it away. No header at all: a non-browser client (curl, server
 * to server), which cannot carry a victim's cookies.
 */
export function isCrossSiteUnsafe(request: Request, policy: OriginPolicy): boolean {
  if (SAFE_METHODS.has(request.method)) return false;
  const origin = request.headers.get("origin");
  if (origin !== null) return !isAllowedOrigin(origin, request, policy);
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite === "cross-site" || fetchSite === "same-site") return true;
  const referer = request.headers.get("referer");
  if (referer) {
    let refererOrigin: string;
    try {
      refererOrigin = new URL(referer).origin;
    } catch {
      return true;
    }
    return !isAllowedOrigin(refererOrigin, request, policy);
  }
  return false;
}

function isAllowedOrigin(origin: string, request: Request, policy: OriginPolicy): boolean {
  return isSameHost(origin, request, policy.trustProxy) || policy.allowedOrigins.includes(origin);
}

/** The host the browser addressed: X-Forwarded-Host only when a trusted proxy sets it. */
export function requestHost(request: Request, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  return forwarded || request.headers.get("host") || new URL(request.url).host;
}

/**
 * Same site = the Origin's host is the host the browser addressed. Hosts, not whole origins: behind a proxy
 * that terminates TLS the server sees http:// while the browser sends an https:// Origin. `Origin: null`
 * (sandboxed frames, opaque redirects) is never this site.
 */
function isSameHost(origin: string, request: Request, trustProxy: boolean): boolean {
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return originHost !== "" && originHost.toLowerCase() === requestHost(request, trustProxy).toLowerCase();
}

/**
 * The request as Remix should see it once this module allowed it: Remix 2's own Origin/Host comparison
 * would answer an allowed CORS origin (or an untrusted X-Forwarded-Host) with 500, so the header it compares
 * is dropped — the decision was made here — and forwarded headers are dropped unless a proxy is trusted.
 */
export function requestForRemix(request: Request, trustProxy: boolean): Request {
  if (SAFE_METHODS.has(request.method) && trustProxy) return request;
  const drop = [...(SAFE_METHODS.has(request.method) ? [] : ["origin"]), ...(trustProxy ? [] : ["x-forwarded-host", "x-forwarded-proto"])];
  if (!drop.some((name) => request.headers.has(name))) return request;
  const headers = new Headers(request.headers);
  for (const name of drop) headers.delete(name);
  return new Request(request, { headers });
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
