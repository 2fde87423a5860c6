/**
 * hello / isMaster: presents the server as the primary of a single-node replica set running MongoDB 7.0, so the
 * driver discovers it from a plain `mongodb://host:port/` URI and enables sessions, transactions and retryable
 * writes. Supports the awaitable form (topologyVersion + maxAwaitTimeMS) the driver's monitor streams.
 */
import { ObjectId, type Document } from "bson";
import { MongoCommandError } from "../errors";
import type { Command, CommandContext } from "../server-context";
import { bsonTypeName, isNumeric, toNumber } from "../command-helpers/fields";
import { helloReply, TOPOLOGY_COUNTER } from "../command-helpers/server-identity";

/** Longest single wait a timer can express; a longer maxAwaitTimeMS waits this long and answers. */
const MAX_TIMER_MS = 0x7fffffff;

/**
 * How long an awaitable hello waits before answering (0: answer now), after checking its arguments as
 * MongoDB's hello command does: topologyVersion and maxAwaitTimeMS come together, maxAwaitTimeMS is a
 * non-negative integer, the counter is non-negative and never ahead of the server's for the same process.
 * A topologyVersion from another process (or an older counter) is answered at once: the client is behind.
 */
export function awaitableHelloWait(cmd: Document, ctx: CommandContext): number {
  const { topologyVersion, maxAwaitTimeMS } = cmd;
  const hasVersion = topologyVersion !== undefined && topologyVersion !== null;
  const hasMaxAwait = maxAwaitTimeMS !== undefined && maxAwaitTimeMS !== null;
  if (!hasVersion || !hasMaxAwait) {
    if (hasVersion || hasMaxAwait) {
      throw new MongoCommandError(
        "Location31368",
        hasVersion
          ? "A request with a 'topologyVersion' must include 'maxAwaitTimeMS'"
          : "A request with 'maxAwaitTimeMS' must include a 'topologyVersion'",
      );
    }
    return 0;
  }
  const { processId, counter } = parseTopologyVersion(topologyVersion);
  if (!isNumeric(maxAwaitTimeMS)) {
    throw new MongoCommandError(
      "TypeMismatch",
      `BSON field 'hello.maxAwaitTimeMS' is the wrong type '${bsonTypeName(maxAwaitTimeMS)}', expected types '[long, int, decimal, double]'`,
    );
  }
  const wait = toNumber(maxAwaitTimeMS);
  if (wait === undefined || !Number.isFinite(wait) || !Number.isInteger(wait)) {
    throw new MongoCommandError("BadValue", "maxAwaitTimeMS must be an integer");
  }
  if (wait < 0) throw new MongoCommandError("Location31373", "maxAwaitTimeMS must be a non-negative integer");
  if (counter < 0) throw new MongoCommandError("Location31372", "topologyVersion must have a non-negative counter");
  if (!processId.equals(ctx.server.processId)) return 0;
  const current = TOPOLOGY_COUNTER.toNumber();
  if (counter > current) {
    throw new MongoCommandError(
      "Location31382",
      "Received a topology version with the same process ID and a higher counter than the server's current topology version",
    );
  }
  // Nothing about this single node ever changes: a client that is up to date simply waits out its time.
  return counter === current ? Math.min(wait, MAX_TIMER_MS) : 0;
}

function parseTopologyVersion(value: unknown): { processId: ObjectId; counter: number } {
  if (bsonTypeName(value) !== "object") {
    throw new MongoCommandError(
      "TypeMismatch",
      `BSON field 'hello.topologyVersion' is the wrong type '${bsonTypeName(value)}', expected type 'object'`,
    );
  }
  const { processId, counter } = value as Document;
  if (processId === undefined) throw new MongoCommandError("Location40414", "BSON field 'TopologyVersion.processId' is missing but a required field");
  if (counter === undefined) throw new MongoCommandError("Location40414", "BSON field 'TopologyVersion.counter' is missing but a required field");
  if (!(processId instanceof ObjectId)) {
    throw new MongoCommandError(
      "TypeMismatch",
      `BSON field 'TopologyVersion.processId' is the wrong type '${bsonTypeName(processId)}', expected type 'objectId'`,
    );
  }
  const n = toNumber(counter);
  if (n === undefined || !isNumeric(counter) || !Number.isInteger(n)) {
    throw new MongoCommandError(
      "TypeMismatch",
      `BSON field 'TopologyVersion.counter' is the wrong type '${bsonTypeName(counter)}', expected type 'long'`,
    );
  }
  return { processId, counter: n };
}

async function run(cmd: Document, ctx: CommandContext, legacy: boolean): Promise<Document> {
  const wait = awaitableHelloWait(cmd, ctx);
  if (wait > 0) await ctx.server.sleep(wait);
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
