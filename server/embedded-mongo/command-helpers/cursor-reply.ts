/** The first batch of a command's cursor, and cursor ids as commands receive them. */
import { Long, type Document } from "bson";
import { MongoCommandError } from "../errors";
import type { ResultDocument } from "../raw-bson";
import type { CommandContext } from "../server-context";

export function cursorReply(
  ctx: CommandContext,
  namespace: string,
  docs: ResultDocument[],
  options: { batchSize?: number; singleBatch?: boolean; noCursorTimeout?: boolean },
): Document {
  const cursor = ctx.server.cursors.open(namespace, docs, {
    batchSize: options.batchSize,
    singleBatch: options.singleBatch,
    noCursorTimeout: options.noCursorTimeout,
    sessionKey: ctx.session?.key,
  });
  return { cursor: { firstBatch: cursor.firstBatch, id: cursor.id, ns: cursor.ns }, ok: 1 };
}

export function cursorIdOf(value: unknown, field: string): bigint {
  if (value instanceof Long) return value.toBigInt();
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  throw new MongoCommandError("TypeMismatch", `BSON field '${field}' is the wrong type, expected type 'long'`);
}
