/** The per-process cache of record representations: a version other than the stored one is never answered. */
import { describe, expect, test } from "bun:test";
import { createRepresentationCache } from "../../app/utils/api/representation-cache.server";

describe("representation cache", () => {
  test("answers only the version it holds; a newer set replaces it", () => {
    const cache = createRepresentationCache();
    cache.set("org_a:1", 3, '{"v":3}');
    expect(cache.get("org_a:1", 3)).toBe('{"v":3}');
    expect(cache.get("org_a:1", 4)).toBeUndefined();
    expect(cache.get("org_b:1", 3)).toBeUndefined();
    cache.set("org_a:1", 4, '{"v":4}');
    expect(cache.get("org_a:1", 3)).toBeUndefined();
    expect(cache.get("org_a:1", 4)).toBe('{"v":4}');
  });

  test("keeps at most its size, dropping the least recently used", () => {
    const cache = createRepresentationCache(2);
    cache.set("a", 1, "A");
    cache.set("b", 1, "B");
    expect(cache.get("a", 1)).toBe("A"); // a is now the most recently used
    cache.set("c", 1, "C");
    expect(cache.get("b", 1)).toBeUndefined();
    expect(cache.get("a", 1)).toBe("A");
    expect(cache.get("c", 1)).toBe("C");
  });

  test("does not keep very large bodies", () => {
    const cache = createRepresentationCache();
    cache.set("big", 1, "x".repeat(300 * 1024));
    expect(cache.get("big", 1)).toBeUndefined();
  });
});
