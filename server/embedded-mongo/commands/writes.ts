/**
 * Shared machinery of the write commands: waiting out write conflicts with open transactions (how MongoDB
 * blocks a plain write on a document a transaction holds), and the write-error bookkeeping of a batch.
 */
import type { Document } from "bson";
import type { WriteOptions } from "../engine/types";
import { isMongoCommandError, MongoCommandError } from "../errors";
import type { CommandContext } from "./context";
import { MAX_WRITE_BATCH_SIZE } from "./hello";

const CONFLICT_POLL_MS = 2;

export function isWriteConflict(error: unknown): boolean {
  return isMongoCommandError(error) && error.code === 112;
}

export function writeOptions(ctx: CommandContext): WriteOptions | undefined {
  return ctx.txn ? { txn: ctx.txn } : undefined;
}

export function maxTimeExpired(): MongoCommandError {
  return new MongoCommandError("MaxTimeMSExpired", "operation exceeded time limit");
}

/**
 * Runs `attempt` (which must re-read whatever it depends on) until it stops hitting write conflicts with an
 * open transaction. Inside a transaction a conflict is final (the caller reports it as transient).
 */
export async function retryOnConflict<T>(ctx: CommandContext, attempt: () => T): Promise<T> {
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (ctx.txn || !isWriteConflict(error)) throw error;
      if (ctx.deadline !== undefined && Date.now() >= ctx.deadline) throw maxTimeExpired();
      const wait = ctx.deadline === undefined ? CONFLICT_POLL_MS : Math.min(CONFLICT_POLL_MS, ctx.deadline - Date.now());
      await ctx.server.sleep(Math.max(wait, 0));
    }
  }
}

export function checkBatchSize(kind: string, count: number): void {
  if (count < 1 || count > MAX_WRITE_BATCH_SIZE) {
    throw new MongoCommandError(
      "InvalidLength",
      `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH_SIZE}. Got ${count} operations.`,
    );
  }
  void kind;
}

/** Collects per-statement errors; inside a transaction a write conflict fails the whole command instead. */
export class WriteErrors {
  readonly list: Document[] = [];

  constructor(private readonly ctx: CommandContext) {}

  /** Records `error` for statement `index`, or rethrows it when it is not a per-document error. */
  record(error: unknown, index: number): void {
    if (!isMongoCommandError(error)) throw error;
    if (this.ctx.txn && isWriteConflict(error)) throw error;
    if (error.code === 50) throw error; // MaxTimeMSExpired ends the command
    this.list.push(error.toWriteError(index));
  }

  addTo(reply: Document): Document {
    if (this.list.length > 0) reply.writeErrors = this.list;
    return reply;
  }
}

/**
 * Runs `step(0..count-1)` inside engine batches (one SQLite transaction for many documents). `step` records
 * its own errors and returns false to stop the batch (ordered writes); it lets write conflicts escape.
 * Outside a transaction a conflicting step is retried, with `retry` true, once the conflict clears, so it must
 * re-read what it depends on then.
 */
export async function runSteps(
  ctx: CommandContext,
  count: number,
  step: (index: number, retry: boolean) => boolean,
): Promise<void> {
  let i = 0;
  while (i < count) {
    let conflictAt = -1;
    let stopped = false;
    ctx.engine.batch(() => {
      for (; i < count; i++) {
        try {
          if (!step(i, false)) {
            stopped = true;
            return;
          }
        } catch (error) {
          if (ctx.txn || !isWriteConflict(error)) throw error;
          conflictAt = i;
          return;
        }
      }
    });
    if (stopped) return;
    if (conflictAt >= 0) {
      const index = conflictAt;
      const proceed = await retryOnConflict(ctx, () => step(index, true));
      if (!proceed) return;
      i++;
    }
  }
}
