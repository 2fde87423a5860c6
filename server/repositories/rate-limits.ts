/**
 * Fixed-window request counters in the primary database, so every app instance counts against the same limit.
 * One document per (bucket, window), incremented atomically; a TTL index deletes windows once they are over
 * (the counting never depends on the deletion: a window's id names its start).
 */
import type { Db } from "mongodb";
import { defineCollection } from "./core/define-collection";
import { translateDriverError } from "./core/driver-errors";
import { strictObject } from "../../schemas/common";
import { z } from "zod";

export const rateLimitWindowsCollection = defineCollection({
  name: "rateLimitWindows",
  entity: "Rate limit window",
  schema: strictObject({ count: z.number().int(), expiresAt: z.date() }),
  tenantScoped: false,
  indexes: [{ name: "expiresAt_ttl", key: { expiresAt: 1 }, expireAfterSeconds: 0 }],
});

export interface WindowCount {
  count: number;
  /** When this window ends (ms since epoch). */
  resetAt: number;
}

export function rateLimitCounter(db: Db, options: { maxTimeMS?: number } = {}) {
  const collection = db.collection<{ _id: string; count: number; expiresAt: Date }>(rateLimitWindowsCollection.name);
  return {
    /** Counts `by` requests (default one) in `bucket`'s window at `now` and returns the count so far. */
    async hit(bucket: string, windowMs: number, now = Date.now(), by = 1): Promise<WindowCount> {
      const start = Math.floor(now / windowMs) * windowMs;
      const resetAt = start + windowMs;
      try {
        const document = await collection.findOneAndUpdate(
          { _id: `${bucket}:${start}` },
          { $inc: { count: by }, $setOnInsert: { expiresAt: new Date(resetAt + windowMs) } },
          { upsert: true, returnDocument: "after", maxTimeMS: options.maxTimeMS ?? 5_000 },
        );
        return { count: document?.count ?? by, resetAt };
      } catch (error) {
        // Two first hits of a window at once: the loser's upsert collides on _id; it is simply counted again.
        if ((error as { code?: number }).code === 11000) return this.hit(bucket, windowMs, now, by);
        throw translateDriverError(error, rateLimitWindowsCollection.entity, []);
      }
    },
  };
}

export type RateLimitCounter = ReturnType<typeof rateLimitCounter>;
