/**
 * hello / isMaster: presents the server as the primary of a single-node replica set running MongoDB 7.0, so the
 * driver discovers it from a plain `mongodb://host:port/` URI and enables sessions, transactions and retryable
 * writes. Supports the awaitable form (topologyVersion + maxAwaitTimeMS) the driver's monitor streams.
 */
import { Long, ObjectId, type Document } from "bson";
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE_BYTES } from "../wire/protocol";
import { LOGICAL_SESSION_TIMEOUT_MINUTES } from "../sessions";
import type { Command, CommandContext } from "./context";
import { toNumber } from "./fields";

export const MAX_WIRE_VERSION = 21;
export const MAX_WRITE_BATCH_SIZE = 100_000;
export const TOPOLOGY_COUNTER = Long.fromNumber(6);

function isCurrentTopology(ctx: CommandContext, topologyVersion: unknown): boolean {
  if (!topologyVersion || typeof topologyVersion !== "object") return false;
  const { processId, counter } = topologyVersion as { processId?: unknown; counter?: unknown };
  return (
    processId instanceof ObjectId &&
    processId.equals(ctx.server.processId) &&
    toNumber(counter) === TOPOLOGY_COUNTER.toNumber()
  );
}

export function helloReply(cmd: Document, ctx: CommandContext, legacy: boolean): Document {
  const { server } = ctx;
  const opTime = { ts: server.clock.now(), t: Long.ONE };
  const lastWriteDate = server.clock.lastWriteDate;
  const reply: Document = {
    topologyVersion: { processId: server.processId, counter: TOPOLOGY_COUNTER },
    hosts: [server.hostAndPort],
    setName: server.setName,
    setVersion: 1,
    [legacy ? "ismaster" : "isWritablePrimary"]: true,
    secondary: false,
    primary: server.hostAndPort,
    me: server.hostAndPort,
    electionId: server.electionId,
    lastWrite: { opTime, lastWriteDate, majorityOpTime: opTime, majorityWriteDate: lastWriteDate },
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: MAX_MESSAGE_SIZE_BYTES,
    maxWriteBatchSize: MAX_WRITE_BATCH_SIZE,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES,
    connectionId: ctx.connectionId,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
  };
  if (cmd.helloOk === true) reply.helloOk = true;
  return reply;
}

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
