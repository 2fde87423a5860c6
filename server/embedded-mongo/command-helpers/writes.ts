/**
 * Shared machinery of the write commands: waiting out write conflicts with open transactions (how MongoDB
 * blocks a plain write on a document a transaction holds), the statement loop of a batch and its write errors.
 */
import type { Document } from "bson";
import type { FindOptions, Namespace, WriteOptions } from "../engine/types";
import { isMongoCommandError, maxTimeExpired, MongoCommandError } from "../errors";
import type { CommandContext } from "../server-context";
import { isPlainObject } from "./documents";
import { checkFields, toBool, type FieldSpec } from "./fields";
import { MAX_WRITE_BATCH_SIZE } from "./server-identity";

const CONFLICT_POLL_MS = 2;

export function isWriteConflict(error: unknown): boolean {
  return isMongoCommandError(error) && error.code === 112;
}

export function writeOptions(ctx: CommandContext): WriteOptions | undefined {
  return ctx.txn ? { txn: ctx.txn } : undefined;
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

export function checkBatchSize(count: number): void {
  if (count < 1 || count > MAX_WRITE_BATCH_SIZE) {
    throw new MongoCommandError(
      "InvalidLength",
      `Write batch sizes must be between 1 and ${MAX_WRITE_BATCH_SIZE}. Got ${count} operations.`,
    );
  }
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
 * Outside a transaction a conflicting step is retried once the conflict clears. `stale` tells a step that
 * other clients may have written since the caller read its documents (a wait happened, at this step or an
 * earlier one), so it must re-read what it depends on.
 */
export async function runSteps(
  ctx: CommandContext,
  count: number,
  step: (index: number, stale: boolean) => boolean,
): Promise<void> {
  let i = 0;
  let stale = false;
  while (i < count) {
    let conflictAt = -1;
    let stopped = false;
    ctx.engine.batch(() => {
      for (; i < count; i++) {
        try {
          if (!step(i, stale)) {
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
      stale = true;
      const index = conflictAt;
      const proceed = await retryOnConflict(ctx, () => step(index, true));
      if (!proceed) return;
      i++;
    }
  }
}

/**
 * Applies `write` to each document matching `query`, read once up front. After waiting out a conflict, each
 * remaining document is re-read and skipped when it is gone or no longer matches. Throws the first failure
 * (after the writes before it are kept, as MongoDB's multi-document writes do); returns how many documents
 * were written to (or found unchanged) by `write`.
 */
export async function writeEachMatch(
  ctx: CommandContext,
  n: Namespace,
  query: Document,
  findOptions: FindOptions,
  write: (doc: Document) => void,
): Promise<number> {
  const matches = await ctx.engine.findYielding(n, query, { ...findOptions, deadline: ctx.deadline });
  let visited = 0;
  let failure: unknown;
  await runSteps(ctx, matches.length, (i, stale) => {
    try {
      const current = stale
        ? ctx.engine.find(n, { $and: [{ _id: matches[i]!._id }, query] }, { ...findOptions, limit: 1 })[0]
        : matches[i];
      if (!current) return true;
      write(current);
      visited++;
      return true;
    } catch (error) {
      if (isWriteConflict(error) && !ctx.txn) throw error;
      failure = error;
      return false;
    }
  });
  if (failure !== undefined) throw failure;
  return visited;
}

/**
 * The statement loop of `update` and `delete`: each statement must be an object with `fields`; a failed one
 * becomes a write error, and an ordered batch stops there.
 */
export async function runStatements(
  cmd: Document,
  ctx: CommandContext,
  command: "update" | "delete",
  fields: Readonly<Record<string, FieldSpec>>,
  run: (statement: Document, index: number) => Promise<void>,
): Promise<WriteErrors> {
  const list = command === "update" ? "updates" : "deletes";
  const statements = cmd[list] as unknown[];
  checkBatchSize(statements.length);
  const ordered = cmd.ordered === undefined ? true : toBool(cmd.ordered);
  const errors = new WriteErrors(ctx);
  for (let index = 0; index < statements.length; index++) {
    try {
      const statement = statements[index];
      if (!isPlainObject(statement)) {
        throw new MongoCommandError("TypeMismatch", `BSON field '${command}.${list}' element is not an object`);
      }
      checkFields(statement, fields, `${command}.${list}`);
      await run(statement, index);
    } catch (error) {
      errors.record(error, index);
      if (ordered) break;
    }
  }
  return errors;
}
