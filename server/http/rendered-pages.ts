/**
 * The rendered-page cache (docs/decisions/0062-rendered-page-cache.md): a signed-in GET document whose every
 * route declares `handle.reusablePage` is kept after it was rendered, and served again — without running
 * loaders or React — only to a request that would render it from exactly the same inputs:
 *
 *   - the same URL (as Remix sees it) and the same request headers the render reads: cookie and authorization
 *     (the session token itself), accept-language (the locale), user-agent (bots get the whole document at
 *     once), host and forwarded host/proto, sec-fetch-dest;
 *   - the same verified identity (user, organization, role), taken from a session Clerk verified for exactly
 *     these cookie/authorization headers (`auth.verifiedSessions`, which expires with the token);
 *   - the same server build;
 *   - the same data: the organization's and the global data epochs, read from the primary *before* the page is
 *     rendered or answered. The repository layer renews an epoch after every write (core/data-epoch.ts), so
 *     any write — from a form, the API, another app instance — changes the key; nothing needs invalidating.
 *
 * Only 200 text/html answers without Set-Cookie and without headers a loader added are kept, and only when the
 * render finished without error. The CSP nonce differs per response: the HTML is kept cut at the nonce and
 * joined with the new one. Memory is bounded in bytes (least recently used out) and entries expire after
 * `maxAgeMs` as a last resort. Per instance: each app process has its own.
 */
import type { AppLoadContext } from "@remix-run/server-runtime";
import type { AuthServices } from "../auth/auth-services";
import { identityOfSession } from "../auth/identity";
import { LOCAL_REFRESH_AFTER_SECONDS } from "../auth/local-sign-in";
import type { AppServices } from "../services/app-services";
import { recordVerifiedVisit } from "../services/users";

/** The request headers a page's render depends on (besides the URL); all are part of the key. */
const KEYED_HEADERS = [
  "cookie",
  "authorization",
  "accept-language",
  "user-agent",
  "host",
  "x-forwarded-host",
  "x-forwarded-proto",
  "sec-fetch-dest",
] as const;

export const PAGE_CACHE_HEADER = "X-Page-Cache";

export interface RenderedPagesOptions {
  auth: AuthServices;
  services: () => Promise<AppServices>;
  /** Changes with every build (the assets manifest version). */
  buildVersion: string;
  /** Memory bound of the kept HTML; default 32 MB. 0 turns the cache off. */
  maxBytes?: number;
  /** Defence in depth only: correctness comes from the key. Default 10 minutes. */
  maxAgeMs?: number;
}

interface Entry {
  status: number;
  headers: [string, string][];
  /** The HTML (UTF-8) cut where the nonce of the render was. */
  parts: Uint8Array[];
  bytes: number;
  storedAt: number;
}

export interface RenderedPages {
  /**
   * The key of this request's page, or null when it may not come from or go into the cache. Call before the
   * render: the epochs in the key must be read before the page's data.
   */
  keyFor(request: Request): Promise<string | null>;
  /** The kept page for `key` with this response's nonce, or undefined. */
  answer(key: string, nonce: string): Response | undefined;
  /** Keeps `response` under `key` when it qualifies; returns what to send (the same content). */
  keep(key: string, response: Response, nonce: string, context: Pick<AppLoadContext, "renderedPage" | "responseHeaders">): Promise<Response>;
  readonly stats: () => { entries: number; bytes: number };
}

const encoder = new TextEncoder();

/** The parts with `nonce` (base64, so one byte a character) between them, as one buffer. */
function joinedWith(parts: readonly Uint8Array[], nonce: string): Uint8Array<ArrayBuffer> {
  const nonceBytes = encoder.encode(nonce);
  const size = parts.reduce((sum, part) => sum + part.byteLength, 0) + nonceBytes.byteLength * (parts.length - 1);
  const body = new Uint8Array(size);
  let offset = 0;
  parts.forEach((part, index) => {
    if (index > 0) {
      body.set(nonceBytes, offset);
      offset += nonceBytes.byteLength;
    }
    body.set(part, offset);
    offset += part.byteLength;
  });
  return body;
}

export function createRenderedPages(options: RenderedPagesOptions): RenderedPages {
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };

  return {
    async keyFor(request) {
      if (maxBytes <= 0 || request.method !== "GET") return null;
      const url = new URL(request.url);
      if (url.pathname.endsWith(".data") || url.pathname === "/api" || url.pathname.startsWith("/api/")) return null;
      // Only a session Clerk already verified for exactly these headers; otherwise the render verifies it.
      const session = options.auth.verifiedSessions.get(request);
      const identity = session ? identityOfSession(session) : null;
      if (!session || !identity?.organizationId || !identity.role) return null;
      // Locally, an ageing token is re-minted by the root loader (Set-Cookie): that page must be rendered.
      const issuedAt = typeof session.claims.iat === "number" ? session.claims.iat : 0;
      if (options.auth.localSignIn && Date.now() / 1000 - issuedAt >= LOCAL_REFRESH_AFTER_SECONDS) return null;
      try {
        const { data } = await options.services();
        // What the shell's requireTenant would do on this request (last-seen), before the epochs are read.
        await recordVerifiedVisit(data, identity);
        const epochs = await data.dataEpochs(identity.organizationId);
        return JSON.stringify([
          options.buildVersion,
          request.url,
          KEYED_HEADERS.map((name) => request.headers.get(name)),
          identity.userId,
          identity.organizationId,
          identity.role,
          epochs.organization,
          epochs.global,
        ]);
      } catch {
        // The database cannot answer: the render reports that properly.
        return null;
      }
    },

    answer(key, nonce) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (Date.now() - entry.storedAt > maxAgeMs) {
        drop(key);
        return undefined;
      }
      // Most recently used last: the first entries are the ones to evict.
      entries.delete(key);
      entries.set(key, entry);
      const headers = new Headers(entry.headers);
      headers.set(PAGE_CACHE_HEADER, "hit");
      return new Response(joinedWith(entry.parts, nonce), { status: entry.status, headers });
    },

    async keep(key, response, nonce, context) {
      const qualifies =
        response.status === 200 &&
        context.renderedPage.reusable &&
        (response.headers.get("content-type") ?? "").startsWith("text/html") &&
        !response.headers.has("set-cookie") &&
        !/no-store/i.test(response.headers.get("cache-control") ?? "") &&
        [...context.responseHeaders.keys()].length === 0;
      if (!qualifies || !response.body) return response;
      const html = await response.text();
      // An error while streaming (after the status was sent) marks the render as not reusable.
      const headers = new Headers(response.headers);
      if (context.renderedPage.reusable) {
        const parts = html.split(nonce).map((part) => encoder.encode(part));
        const entry: Entry = {
          status: response.status,
          headers: [...headers.entries()],
          parts,
          bytes: parts.reduce((sum, part) => sum + part.byteLength, 0) + key.length * 2,
          storedAt: Date.now(),
        };
        if (entry.bytes <= maxBytes / 4) {
          drop(key);
          entries.set(key, entry);
          bytes += entry.bytes;
          for (const oldest of entries.keys()) {
            if (bytes <= maxBytes) break;
            drop(oldest);
          }
          headers.set(PAGE_CACHE_HEADER, "stored");
        }
      }
      return new Response(html, { status: response.status, headers });
    },

    stats: () => ({ entries: entries.size, bytes }),
  };
}
