/**
 * Cursor pagination under concurrent inserts, and Idempotency-Key replays and conflicts — through the typed
 * client and raw requests, every response validated against the document.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { idempotencyKeysCollection } from "../../server/repositories/idempotency-keys";
import { companyBody, json, reportBody, seedReport, startApiTest, type ApiTestContext } from "./support";

let ctx: ApiTestContext;
beforeAll(async () => {
  ctx = await startApiTest("api-paging");
});
afterAll(() => ctx?.stop());

describe("pagination", () => {
  test("pages cover every report exactly once while others are created between the pages", async () => {
    const initial: string[] = [];
    for (let year = 2005; year <= 2019; year++) initial.push((await seedReport(ctx, "adminA", year)).id);
    const concurrentYears = [2004, 2020, 2003, 2021, 2002];
    const seen: string[] = [];
    let path: string | null = "/api/v1/reports?limit=4";
    let pages = 0;
    while (path) {
      const response = await ctx.call("adminA", "GET", path);
      expect(response.status).toBe(200);
      const page = await json<{ items: { id: string; year: number }[]; next: string | null }>(response);
      seen.push(...page.items.map((item) => item.id));
      const link = response.headers.get("link");
      if (page.next) {
        expect(link).toMatch(/^<\/api\/v1\/reports\?limit=4&cursor=[^>]+>; rel="next"$/);
        expect(new URL(link!.slice(1, link!.indexOf(">")), ctx.app.url).searchParams.get("cursor")).toBe(page.next);
        path = link!.slice(1, link!.indexOf(">"));
      } else {
        expect(link).toBeNull();
        path = null;
      }
      // Someone else creates a report (before and after the current position) while we page.
      const year = concurrentYears[pages++];
      if (year !== undefined) await ctx.call("memberA", "POST", "/api/v1/reports", { body: reportBody(year) });
    }
    expect(new Set(seen).size).toBe(seen.length); // no duplicates
    for (const id of initial) expect(seen).toContain(id); // no gaps
    expect(pages).toBeGreaterThanOrEqual(4);
  });

  test("a tampered or foreign cursor is a 400 on the query, not a 500", async () => {
    for (const cursor of ["nonsense", "eyJ2IjoxfQ", "$ne", "A".repeat(512)]) {
      const response = await ctx.call("adminA", "GET", `/api/v1/reports?cursor=${encodeURIComponent(cursor)}`);
      expect(response.status).toBe(400);
      expect((await json(response)).errors[0].in).toBe("query");
    }
    expect((await ctx.call("adminA", "GET", "/api/v1/reports?limit=201")).status).toBe(400);
    expect((await ctx.call("adminA", "GET", "/api/v1/reports?limit=1&limit=2")).status).toBe(400);
  });
});

describe("Idempotency-Key", () => {
  test("the same key and body returns the stored answer; another body is 422; the report exists once", async () => {
    await ctx.call("adminB", "PUT", "/api/v1/company", { body: companyBody("Nordic AB") });
    const key = crypto.randomUUID();
    const first = await ctx.call("adminB", "POST", "/api/v1/reports", { body: reportBody(2030 - 5), headers: { "Idempotency-Key": key } });
    expect(first.status).toBe(201);
    const created = await json(first);
    const again = await ctx.call("adminB", "POST", "/api/v1/reports", { body: reportBody(2025), headers: { "Idempotency-Key": key } });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(`/api/v1/reports/${created.id}`);
    expect(await json(again)).toEqual(created);

    const other = await ctx.call("adminB", "POST", "/api/v1/reports", { body: reportBody(2024), headers: { "Idempotency-Key": key } });
    expect(other.status).toBe(422);
    expect((await json(other)).type).toBe("urn:vsme-guru:problem:idempotency-key-reused");
    const list = await json(await ctx.call("adminB", "GET", "/api/v1/reports?year=2025"));
    expect(list.items).toHaveLength(1);

    // Without a key, the same POST is a second attempt: the year exists → 409.
    expect((await ctx.call("adminB", "POST", "/api/v1/reports", { body: reportBody(2025) })).status).toBe(409);
    // A refusal is an answer too, replayed as it was.
    const refusedKey = crypto.randomUUID();
    const refused = await ctx.call("adminB", "POST", "/api/v1/reports", { body: reportBody(2025), headers: { "Idempotency-Key": refusedKey } });
    const refusedAgain = await ctx.call("adminB", "POST", "/api/v1/reports", { body: reportBody(2025), headers: { "Idempotency-Key": refusedKey } });
    expect([refused.status, refusedAgain.status]).toEqual([409, 409]);
    expect(refusedAgain.headers.get("idempotent-replayed")).toBe("true");
  });

  test("a retried transition replays its answer instead of failing on the now-stale If-Match", async () => {
    const report = await seedReport(ctx, "adminA", 2001);
    const key = crypto.randomUUID();
    const override = { override: { reason: "First draft for the bank" } };
    const submit = () => ctx.call("memberA", "POST", `/api/v1/reports/${report.id}/submit`, { body: override, headers: { "If-Match": '"1"', "Idempotency-Key": key } });
    const first = await submit();
    const retry = await submit();
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(await json(retry)).toEqual(await json(first));
    const audit = await json(await ctx.call("memberA", "GET", `/api/v1/reports/${report.id}/audit`));
    expect(audit.items).toHaveLength(1);
    // The same key from another caller is that caller's own key.
    const admin = await ctx.call("adminA", "POST", `/api/v1/reports/${report.id}/submit`, { body: override, headers: { "If-Match": '"1"', "Idempotency-Key": key } });
    expect(admin.status).toBe(412);
  });

  test("concurrent requests with one key act once", async () => {
    const key = crypto.randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => ctx.call("adminA", "POST", "/api/v1/reports", { body: reportBody(2000), headers: { "Idempotency-Key": key } })),
    );
    const statuses = responses.map((response) => response.status).sort();
    // One created it; the others either replayed it (201) or were told the first is still running (409).
    expect(statuses.filter((status) => status === 201).length).toBeGreaterThanOrEqual(1);
    for (const status of statuses) expect([201, 409]).toContain(status);
    const list = await json(await ctx.call("adminA", "GET", "/api/v1/reports?year=2000"));
    expect(list.items).toHaveLength(1);
  });

  test("keys are kept 24 hours: a TTL index deletes them, and an expired one is ignored before that", async () => {
    const indexes = await ctx.primary.collection(idempotencyKeysCollection.name).listIndexes().toArray();
    expect(indexes.find((index) => index.name === "expiresAt_ttl")).toMatchObject({ key: { expiresAt: 1 }, expireAfterSeconds: 0 });

    const key = crypto.randomUUID();
    const before = Date.now();
    await ctx.call("adminB", "POST", "/api/v1/reports", { body: reportBody(2010), headers: { "Idempotency-Key": key } });
    const stored = await ctx.primary.collection(idempotencyKeysCollection.name).findOne({ key });
    expect(stored!.expiresAt.getTime() - before).toBeGreaterThanOrEqual(24 * 3600 * 1000 - 1000);
    expect(stored!.expiresAt.getTime() - before).toBeLessThanOrEqual(24 * 3600 * 1000 + 60_000);

    // Test set-up ages the record; the next request with the key is a new request.
    await ctx.primary.collection(idempotencyKeysCollection.name).updateOne({ key }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const fresh = await ctx.call("adminB", "POST", "/api/v1/reports", { body: reportBody(2011), headers: { "Idempotency-Key": key } });
    expect(fresh.status).toBe(201);
    expect(fresh.headers.get("idempotent-replayed")).toBeNull();
  });

  test("a malformed key is a 400 naming the header", async () => {
    const response = await ctx.call("adminA", "POST", "/api/v1/reports", { body: reportBody(2012), headers: { "Idempotency-Key": "x".repeat(300) } });
    expect(response.status).toBe(400);
    expect((await json(response)).errors[0]).toMatchObject({ in: "header", pointer: "/Idempotency-Key" });
  });
});
