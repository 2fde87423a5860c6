/**
 * Security headers on every response (docs/decisions/0006-security-headers-and-csp.md). The Content-Security-
 * Policy allows scripts only from this origin and with the request's nonce (the inline scripts Remix and React
 * emit carry it: the server hands it to entry.server through the load context), plus Clerk's frontend host
 * when the app runs against a Clerk instance — that host is read from the publishable key, never a wildcard.
 */
import type { AppEnv } from "../config/profiles";

/** 128 random bits, base64: a fresh one per response. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Clerk's frontend API host from a publishable key: `pk_test_`/`pk_live_` + base64 of `<host>$`. Undefined
 * for anything else, so a malformed key can never widen the policy.
 */
export function clerkFrontendHost(publishableKey: string | undefined): string | undefined {
  const match = /^pk_(test|live)_([A-Za-z0-9+/=_-]+)$/.exec(publishableKey ?? "");
  if (!match) return undefined;
  const decoded = Buffer.from(match[2]!.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
  if (!decoded.endsWith("$")) return undefined;
  const host = decoded.slice(0, -1);
  // A DNS name with at least one dot (and an optional port); nothing that could inject a CSP source list.
  return /^(?=.{4,253}(:\d{1,5})?$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(:\d{1,5})?$/i.test(host)
    ? host.toLowerCase()
    : undefined;
}

export interface CspOptions {
  /** The nonce of this response's inline scripts. */
  nonce: string;
  /** Clerk's frontend API host (clerkFrontendHost(publishableKey)); omitted when no Clerk instance is used. */
  clerkFrontendHost?: string;
}

/** Cloudflare Turnstile: Clerk's bot protection on sign-up runs in a frame and a script from this origin. */
const CLERK_CHALLENGES = "https://challenges.cloudflare.com";
const CLERK_IMAGES = "https://img.clerk.com";

/**
 * The policy as a header value. Styles allow 'unsafe-inline': Clerk's components and Swagger UI set inline
 * styles, and injected CSS cannot run code — scripts, the real risk, never get 'unsafe-inline'.
 */
export function contentSecurityPolicy({ nonce, clerkFrontendHost: clerk }: CspOptions): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error("contentSecurityPolicy: the nonce must be base64 of 16+ random bytes");
  const clerkHost = clerk ? `https://${clerk}` : undefined;
  const directives: Record<string, (string | undefined)[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, clerkHost, clerk ? CLERK_CHALLENGES : undefined],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", clerk ? CLERK_IMAGES : undefined],
    "font-src": ["'self'"],
    "connect-src": ["'self'", clerkHost],
    "frame-src": clerk ? [CLERK_CHALLENGES] : ["'none'"],
    "worker-src": ["'self'", clerk ? "blob:" : undefined],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.filter(Boolean).join(" ")}`)
    .join("; ");
}

export const PERMISSIONS_POLICY =
  "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), " +
  "microphone=(), midi=(), payment=(), publickey-credentials-get=(self), usb=(), browsing-topics=()";

export const HSTS = "max-age=63072000; includeSubDomains";

export interface SecurityHeaderOptions extends CspOptions {
  appEnv: AppEnv;
}

/** Every header this module sets, for one response. HSTS only where the app is served over HTTPS. */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (options.appEnv === "staging" || options.appEnv === "production") headers["Strict-Transport-Security"] = HSTS;
  return headers;
}
