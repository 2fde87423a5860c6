import { cursorIdOf } from "../command-helpers/cursor-reply";
import { MongoCommandError } from "../errors";
import type { Command } from "../server-context";
import { toNumber } from "../command-helpers/fields";

export const getMore: Command = {
  name: "getMore",
  inTransaction: true,
  fields: {
    collection: { type: "string", required: true },
    batchSize: "number",
    term: "number",
    lastKnownCommittedOpTime: "object",
    includeQueryStatsMetrics: "bool",
  },
  run(cmd, ctx) {
    const id = cursorIdOf(cmd.getMore, "getMore.getMore");
    const batchSize = toNumber(cmd.batchSize);
    if (batchSize !== undefined && batchSize < 0) {
      throw new MongoCommandError("Location51024", `BatchSize value must be non-negative, but received: ${batchSize}`);
    }
    const cursor = ctx.server.cursors.getMore(
      id,
      `${ctx.db}.${String(cmd.collection)}`,
      batchSize,
      ctx.session?.key,
    );
    return { cursor: { nextBatch: cursor.nextBatch, id: cursor.id, ns: cursor.ns }, ok: 1 };
  },
};
