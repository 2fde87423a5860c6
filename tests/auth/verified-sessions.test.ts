/**
 * The memory of verified sessions: a hit needs the very same Authorization and Cookie headers, lasts at most
 * until the token's exp and maxAgeMs, and holds at most maxEntries.
 */
import { describe, expect, test } from "bun:test";
import type { VerifiedSession } from "../../server/auth/identity";
import { createVerifiedSessionCache } from "../../server/auth/verified-sessions";

const NOW = 1_800_000_000_000;
const session = (exp: number): VerifiedSession => ({ userId: "user_a", sessionId: "sess_a", orgId: "org_a", orgRole: "org:admin", claims: { exp } });
const request = (headers: Record<string, string>) => new Request("http://app/api/v1/me", { headers });

describe("verified sessions", () => {
  test("a hit needs the same credentials headers; another token, cookie or sign-out misses", () => {
    const cache = createVerifiedSessionCache();
    cache.remember(request({ authorization: "Bearer t1" }), session(NOW / 1000 + 60), NOW);
    expect(cache.get(request({ authorization: "Bearer t1" }), NOW + 1)?.userId).toBe("user_a");
    expect(cache.get(request({ authorization: "Bearer t2" }), NOW + 1)).toBeUndefined();
    cache.remember(request({ cookie: "__session=t1; __client_uat=5" }), session(NOW / 1000 + 60), NOW);
    expect(cache.get(request({ cookie: "__session=t1; __client_uat=5" }), NOW + 1)).toBeDefined();
    expect(cache.get(request({ cookie: "__session=t1; __client_uat=0" }), NOW + 1)).toBeUndefined();
  });

  test("never past the token's exp nor maxAgeMs; an expired token is not remembered at all", () => {
    const cache = createVerifiedSessionCache({ maxAgeMs: 10_000 });
    cache.remember(request({ authorization: "Bearer short" }), session(NOW / 1000 + 3), NOW);
    expect(cache.get(request({ authorization: "Bearer short" }), NOW + 2_999)).toBeDefined();
    expect(cache.get(request({ authorization: "Bearer short" }), NOW + 3_000)).toBeUndefined();
    cache.remember(request({ authorization: "Bearer long" }), session(NOW / 1000 + 3600), NOW);
    expect(cache.get(request({ authorization: "Bearer long" }), NOW + 10_000)).toBeUndefined();
    cache.remember(request({ authorization: "Bearer old" }), session(NOW / 1000 - 1), NOW);
    expect(cache.size()).toBe(0);
  });

  test("holds at most maxEntries, oldest out first", () => {
    const cache = createVerifiedSessionCache({ maxEntries: 3 });
    for (let i = 0; i < 5; i++) cache.remember(request({ authorization: `Bearer t${i}` }), session(NOW / 1000 + 60), NOW);
    expect(cache.size()).toBe(3);
    expect(cache.get(request({ authorization: "Bearer t1" }), NOW)).toBeUndefined();
    expect(cache.get(request({ authorization: "Bearer t4" }), NOW)).toBeDefined();
  });
});
