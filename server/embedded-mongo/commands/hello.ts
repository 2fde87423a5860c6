/**
 * hello / isMaster: presents the server as the primary of a single-node replica set running MongoDB 7.0, so the
 * driver discovers it from a plain `mongodb://host:port/` URI and enables sessions, transactions and retryable
 * writes. Supports the awaitable form (topologyVersion + maxAwaitTimeMS) the driver's monitor streams.
 */
import type { Document } from "bson";
import type { Command, CommandContext } from "../server-context";
import { toNumber } from "../command-helpers/fields";
import { helloReply, isCurrentTopology } from "../command-helpers/server-identity";

async function run(cmd: Document, ctx: CommandContext, legacy: boolean): Promise<Document> {
  const maxAwaitTimeMS = toNumber(cmd.maxAwaitTimeMS);
  if (maxAwaitTimeMS !== undefined && maxAwaitTimeMS > 0 && isCurrentTopology(ctx, cmd.topologyVersion)) {
    // Nothing about this single node ever changes: the awaitable hello simply waits out its time.
    await ctx.server.sleep(maxAwaitTimeMS);
  }
  return helloReply(cmd, ctx, legacy);
}

export const hello: Command = {
  name: "hello",
  run: (cmd, ctx) => run(cmd, ctx, false),
};

export const isMaster: Command = {
  name: "isMaster",
  aliases: ["ismaster"],
  run: (cmd, ctx) => run(cmd, ctx, true),
};
