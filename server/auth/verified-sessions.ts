/**
 * A short memory of sessions Clerk verified, so a browser's or script's repeated requests with the same token
 * skip the RS256 verification (~100 µs each). Keyed by exactly what Clerk read — the Authorization and Cookie
 * headers — so any change (a refreshed token, a sign-out clearing `__client_uat`) is verified again. Only
 * signed-in results are kept, never longer than the token's own `exp` nor `maxAgeMs`; at most `maxEntries`
 * (oldest first out). Expired, refused and handshake answers are never remembered.
 */
import type { VerifiedSession } from "./identity";

export interface VerifiedSessionCache {
  get(request: Request, now?: number): VerifiedSession | undefined;
  remember(request: Request, session: VerifiedSession, now?: number): void;
  readonly size: () => number;
}

export function createVerifiedSessionCache(options: { maxEntries?: number; maxAgeMs?: number } = {}): VerifiedSessionCache {
  const maxEntries = options.maxEntries ?? 2_000;
  const maxAgeMs = options.maxAgeMs ?? 10_000;
  const entries = new Map<string, { session: VerifiedSession; until: number }>();
  const keyOf = (request: Request) => `${request.headers.get("authorization") ?? ""}\n${request.headers.get("cookie") ?? ""}`;

  return {
    get(request, now = Date.now()) {
      const key = keyOf(request);
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until <= now) {
        entries.delete(key);
        return undefined;
      }
      return entry.session;
    },
    remember(request, session, now = Date.now()) {
      const exp = typeof session.claims.exp === "number" ? session.claims.exp * 1000 : 0;
      const until = Math.min(exp, now + maxAgeMs);
      if (until <= now) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(keyOf(request), { session, until });
    },
    size: () => entries.size,
  };
}
