/**
 * The per-key rate limiter counts locally and adds to the shared counters in the primary in the background:
 * far from the budget a request writes nothing; the first request of a window and every request near the
 * budget are counted in the primary at once, so two instances (two limiters over one database) refuse on the
 * shared count. Real embedded server over the wire.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { MongoClient, type Db } from "mongodb";
import { createRateLimiter } from "../../server/auth/api-keys/rate-limiter";
import { createDataAccess, ensureIndexes } from "../../server/repositories";
import { startTestDatabase, type TestDatabase } from "../helpers/test-database";

let database: TestDatabase;
let client: MongoClient;
let db: Db;
beforeAll(async () => {
  database = await startTestDatabase("rate-limiter");
  client = await MongoClient.connect(database.url);
  db = client.db(database.databaseName("primary"));
  await ensureIndexes(db);
});
afterAll(async () => {
  await client?.close();
  await database?.stop();
});

const WINDOW = 60_000;
// The middle of a window, so no test crosses a boundary.
const NOW = Math.floor(Date.now() / WINDOW) * WINDOW + WINDOW / 2;
const limiterFor = (limit: number) =>
  createRateLimiter({ counter: async () => createDataAccess({ primary: db }).rateLimits, limit, windowMs: WINDOW, flushMs: 60_000 });
const stored = async (bucket: string) => (await db.collection("rateLimitWindows").findOne({ _id: `${bucket}:${NOW - WINDOW / 2}` as never }))?.count ?? 0;

describe("the rate limiter", () => {
  test("far from the budget, requests are counted here and added to the primary in one write", async () => {
    const limiter = limiterFor(1_000);
    const counts: number[] = [];
    for (let i = 0; i < 50; i++) counts.push((await limiter.hit("quiet", NOW)).count);
    expect(counts).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // Only the window's first request reached the primary so far.
    expect(await stored("quiet")).toBe(1);
    await limiter.flush();
    expect(await stored("quiet")).toBe(50);
    await limiter.flush();
    expect(await stored("quiet")).toBe(50);
  });

  test("near the budget every request is written through; two instances refuse on the shared count", async () => {
    const [a, b] = [limiterFor(10), limiterFor(10)];
    for (let i = 0; i < 4; i++) await a.hit("busy", NOW);
    for (let i = 0; i < 4; i++) await b.hit("busy", NOW);
    await a.flush(); // a learns 5
    await b.flush(); // b learns 8
    expect(await stored("busy")).toBe(8);
    // b is within 20 % of the budget: written through, it answers the shared count.
    expect((await b.hit("busy", NOW)).count).toBe(9);
    // a still counts on what it learned at its last write (the documented drift, at most one flush old)…
    expect([(await a.hit("busy", NOW)).count, (await a.hit("busy", NOW)).count, (await a.hit("busy", NOW)).count]).toEqual([6, 7, 8]);
    // …until its own count nears the budget: then it writes through and sees everyone's requests.
    expect((await a.hit("busy", NOW)).count).toBe(13);
    expect((await b.hit("busy", NOW)).count).toBe(14);
    expect(await stored("busy")).toBe(14);
  });

  test("a new window starts from its own count", async () => {
    const limiter = limiterFor(5);
    for (let i = 0; i < 6; i++) await limiter.hit("rolling", NOW);
    expect((await limiter.hit("rolling", NOW)).count).toBe(7);
    const next = await limiter.hit("rolling", NOW + WINDOW);
    expect(next).toEqual({ count: 1, resetAt: NOW - WINDOW / 2 + 2 * WINDOW });
    await limiter.stop();
    expect(await stored("rolling")).toBe(7);
  });
});
