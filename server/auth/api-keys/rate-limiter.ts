/**
 * Per-key request budgets shared by every app instance, without a database write per request. Counts live in
 * the primary (fixed one-minute windows, `rateLimitWindows`); each instance counts its own hits locally and
 * adds them to the primary in the background every `flushMs` (one `$inc` per key and window), learning the
 * shared total from the answer. A key's first request of a window on an instance, and every request once the
 * key is within `syncShare` of its budget, is counted in the primary at once, so refusals near the limit are
 * decided on the shared count.
 *
 * Drift (documented in ADR 0041): far from the limit an instance sees the others' hits up to `flushMs` late;
 * near it every hit is written through, so a key can exceed its budget only by the hits other instances have
 * not flushed yet — at most (instances − 1) × its request rate × `flushMs`. Local hits not yet flushed when an
 * instance stops are flushed by `stop()`.
 */
import type { RateLimitCounter } from "../../repositories/rate-limits";

export interface RateLimitDecision {
  /** The count this hit brought the window to (shared count as known here, this hit included). */
  count: number;
  resetAt: number;
}

export interface RateLimiterOptions {
  counter: () => Promise<RateLimitCounter>;
  limit: number;
  windowMs: number;
  /** How often local hits are added to the primary (default 1 s). */
  flushMs?: number;
  /** Within this share of the limit every hit is written through (default 0.2: the last 20 %). */
  syncShare?: number;
}

interface WindowState {
  bucket: string;
  start: number;
  /** The shared count the primary answered last (all instances' flushed and written-through hits). */
  shared: number;
  /** Hits counted here and not yet added to the primary. */
  pending: number;
}

export function createRateLimiter(options: RateLimiterOptions) {
  const flushMs = options.flushMs ?? 1_000;
  const syncFrom = Math.floor(options.limit * (1 - (options.syncShare ?? 0.2)));
  const windows = new Map<string, WindowState>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> | undefined;

  const keyOf = (bucket: string, start: number) => `${bucket}:${start}`;

  async function add(state: WindowState, by: number, now: number): Promise<number> {
    const counter = await options.counter();
    const written = await counter.hit(state.bucket, options.windowMs, Math.max(now, state.start), by);
    state.shared = Math.max(state.shared, written.count);
    return written.count;
  }

  /** Adds every window's pending hits to the primary; windows that are over and flushed are forgotten. */
  async function flush(now = Date.now()): Promise<void> {
    timer = undefined;
    const work: Promise<unknown>[] = [];
    for (const [key, state] of windows) {
      if (state.pending > 0) {
        const by = state.pending;
        state.pending = 0;
        work.push(
          add(state, by, state.start).catch(() => {
            // The primary is unreachable: keep the hits for the next flush.
            state.pending += by;
          }),
        );
      } else if (state.start + options.windowMs <= now) {
        windows.delete(key);
      }
    }
    await Promise.all(work);
    if ([...windows.values()].some((state) => state.pending > 0)) schedule();
  }

  function schedule() {
    if (timer) return;
    timer = setTimeout(() => {
      flushing = flush().finally(() => (flushing = undefined));
    }, flushMs);
    timer.unref?.();
  }

  return {
    /** Counts one request of `bucket` and returns the window's count as known now. */
    async hit(bucket: string, now = Date.now()): Promise<RateLimitDecision> {
      const start = Math.floor(now / options.windowMs) * options.windowMs;
      const resetAt = start + options.windowMs;
      const key = keyOf(bucket, start);
      let state = windows.get(key);
      if (!state) {
        state = { bucket, start, shared: 0, pending: 0 };
        windows.set(key, state);
        // First hit of the window here: learn the shared count (and count this hit) in the primary.
        const count = await add(state, 1, now);
        return { count, resetAt };
      }
      const known = state.shared + state.pending + 1;
      if (known > syncFrom) {
        // Near the budget: write through, with whatever is pending, and decide on the shared count.
        const by = state.pending + 1;
        state.pending = 0;
        try {
          return { count: await add(state, by, now), resetAt };
        } catch (error) {
          state.pending += by - 1;
          throw error;
        }
      }
      state.pending++;
      schedule();
      return { count: known, resetAt };
    },

    /** Adds what is pending now (tests, shutdown). */
    async flush() {
      if (timer) clearTimeout(timer);
      await flushing;
      await flush();
    },

    async stop() {
      await this.flush();
      windows.clear();
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
