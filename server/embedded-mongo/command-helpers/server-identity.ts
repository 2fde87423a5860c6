/**
 * How the server presents itself: MongoDB 7.0, the primary of a single-node replica set. Shared by hello, the
 * legacy OP_QUERY handshake, buildInfo/serverStatus and the error labels that carry a topologyVersion.
 */
import { Long, type Document } from "bson";
import { LOGICAL_SESSION_TIMEOUT_MINUTES } from "../sessions";
import { MAX_BSON_OBJECT_SIZE, MAX_MESSAGE_SIZE_BYTES } from "../wire/protocol";
import type { CommandContext } from "../server-context";

export const SERVER_VERSION = "7.0.14";
export const MAX_WIRE_VERSION = 21;
export const MAX_WRITE_BATCH_SIZE = 100_000;
export const TOPOLOGY_COUNTER = Long.fromNumber(6);

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
