/**
 * Runs one command: looks it up, checks its arguments, applies the session / transaction / retryable-write
 * rules around it and shapes the reply (ok, operationTime, $clusterTime) or the error as MongoDB 7.0 does.
 */
import { Binary, Long, type Document } from "bson";
import { isMongoCommandError, MongoCommandError } from "../errors";
import { CLOSE_CONNECTION } from "../fail-points";
import { requireSessionKey } from "../sessions";
import type { Command, ServerContext } from "../server-context";
import { checkFields, toNumber } from "../command-helpers/fields";
import { looseNumbers } from "../bson-numbers";
import { evaluateLetVariables } from "../query/match";
import { commandTable } from "./command-table";
import { injectedError, writeConcernErrorLabels } from "./injected-error";
import { enterTransaction, runInTransaction, runRetryableWrite, TXN_CONTROL } from "./transaction-rules";
import { unsatisfiableWriteConcernError } from "./write-concern";

export async function dispatchCommand(
  server: ServerContext,
  cmd: Document,
  db: string,
  connectionId: number,
): Promise<Document> {
  const name = Object.keys(cmd)[0] ?? "";
  loosenArguments(cmd);
  const found = commandTable.get(name);
  // As mongod without enableTestCommands: test commands do not exist, so one client cannot break the others.
  const command = found?.testOnly && !server.testCommandsEnabled ? undefined : found;
  server.failPoints.rememberAppName(connectionId, name, cmd);
  const failure = server.failPoints.failCommand(name, connectionId);
  if (failure) {
    if (failure.blockTimeMS > 0) await server.sleep(failure.blockTimeMS);
    if (failure.closeConnection) return { [CLOSE_CONNECTION]: true } as Document;
  }
  let reply: Document;
  if (failure?.errorCode !== undefined) {
    reply = injectedError(server, failure, name, cmd);
  } else if (nestedDeeperThan(cmd, MAX_BSON_DEPTH)) {
    // Refused before anything recurses over it: mingo's filter compilation alone grows steeply with depth.
    reply = new MongoCommandError("Overflow", `BSONObj exceeded maximum nested object depth: ${MAX_BSON_DEPTH}`).toReply();
  } else if (!command) {
    reply = new MongoCommandError("CommandNotFound", `no such command: '${name}'`).toReply();
  } else {
    try {
      reply = await runCommand(server, command, name, cmd, db, connectionId);
      if (reply.ok === undefined) reply.ok = 1;
    } catch (error) {
      reply = errorReply(error);
    }
  }
  if (failure?.writeConcernError && failure.errorCode === undefined) {
    // A copy: the reply may be the one remembered for a retryable write, whose retry must not see this error.
    reply = { ...reply, writeConcernError: { ...failure.writeConcernError } };
    const labels = failure.errorLabels ? [...failure.errorLabels] : writeConcernErrorLabels(name, cmd, failure.writeConcernError);
    if (labels.length > 0) reply.errorLabels = [...new Set([...((reply.errorLabels as string[] | undefined) ?? []), ...labels])];
  } else if (reply.ok === 1 && reply.writeConcernError === undefined) {
    const unsatisfiable = unsatisfiableWriteConcernError(name, cmd);
    if (unsatisfiable) {
      reply.writeConcernError = unsatisfiable;
      const labels = writeConcernErrorLabels(name, cmd, unsatisfiable);
      if (labels.length > 0) reply.errorLabels = labels;
    }
  }
  const operationTime = server.clock.now();
  reply.operationTime = operationTime;
  reply.$clusterTime = {
    clusterTime: operationTime,
    signature: { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.ZERO },
  };
  return reply;
}

/** Fields holding documents a command stores: inserts, replacement/operator updates (not pipelines). */
const STORED_FIELDS = new Set(["documents", "update", "u"]);

/**
 * Requests are decoded keeping integral doubles and int64s exact (bson-numbers.ts) so documents are stored with
 * the types the client sent; every other argument (limits, flags, txnNumber, pipelines) is given to the
 * commands as plain JS numbers, as they have always read them.
 */
function loosenArguments(cmd: Document): void {
  for (const key of Object.keys(cmd)) {
    // Inserted documents and update documents; a pipeline update computes in mingo, so it is loosened.
    if (key === "documents" || (STORED_FIELDS.has(key) && !Array.isArray(cmd[key]))) continue;
    if (key === "updates" && Array.isArray(cmd.updates)) {
      for (const statement of cmd.updates as unknown[]) if (isNestable(statement)) loosenArguments(statement);
      continue;
    }
    cmd[key] = looseNumbers(cmd[key]);
  }
}

/** MongoDB refuses BSON nested deeper than this in any message it receives. */
const MAX_BSON_DEPTH = 200;

function nestedDeeperThan(value: unknown, limit: number, depth = 1): boolean {
  if (depth > limit) return true;
  const children = Array.isArray(value) ? value : isNestable(value) ? Object.values(value) : undefined;
  if (!children) return false;
  for (const child of children) {
    if (child !== null && typeof child === "object" && nestedDeeperThan(child, limit, depth + 1)) return true;
  }
  return false;
}

/** Plain documents (not bson values such as ObjectId or Binary, whose fields are not BSON nesting). */
function isNestable(value: unknown): value is Document {
  return value !== null && typeof value === "object" && !("_bsontype" in value) && !(value instanceof Date) && !(value instanceof Uint8Array) && !(value instanceof RegExp);
}

export function errorReply(error: unknown): Document {
  if (isMongoCommandError(error)) return error.toReply();
  const message = error instanceof Error ? error.message : String(error);
  return new MongoCommandError("InternalError", message).toReply();
}

async function runCommand(
  server: ServerContext,
  command: Command,
  name: string,
  cmd: Document,
  db: string,
  connectionId: number,
): Promise<Document> {
  if (!db) throw new MongoCommandError("InvalidNamespace", "OP_MSG requests require a $db argument");
  if (command.adminOnly && db !== "admin") {
    throw new MongoCommandError("Unauthorized", `${name} may only be run against the admin database.`);
  }
  if (command.fields) {
    checkFields(cmd, command.fields, command.name, { generic: true, skip: name });
    // MongoDB's IDL parsers take a null optional field as absent (checkFields lets it through): handlers
    // then never meet a null where they expect a type.
    for (const key of Object.keys(command.fields)) if (cmd[key] === null) delete cmd[key];
  }
  if (isLetDocument(cmd.let)) cmd.let = evaluateLetVariables(cmd.let);

  const maxTimeMS = cmd.maxTimeMS === undefined ? 0 : toNumber(cmd.maxTimeMS);
  if (maxTimeMS === undefined || maxTimeMS < 0 || !Number.isInteger(maxTimeMS) || maxTimeMS > 0x7fffffff) {
    throw new MongoCommandError("BadValue", "maxTimeMS must be a non-negative integer");
  }
  const deadline = maxTimeMS > 0 ? Date.now() + maxTimeMS : undefined;

  const sessionKey = cmd.lsid === undefined ? undefined : requireSessionKey(cmd.lsid);
  // Ending sessions must work when the cache is full, and never creates one.
  const session =
    sessionKey === undefined ? undefined : name === "endSessions" ? server.sessions.peek(sessionKey) : server.sessions.get(sessionKey);
  const txnNumber = toNumber(cmd.txnNumber);
  const base = { server, engine: server.engine, db, connectionId, session, deadline };

  if (cmd.autocommit !== undefined && !TXN_CONTROL.has(name)) {
    const txn = enterTransaction(server, session, txnNumber, cmd, name, command);
    return runInTransaction(server, command, cmd, { ...base, txn: txn.engineTxn }, session!, txn);
  }

  if (txnNumber !== undefined && session && command.retryableWrite) {
    return runRetryableWrite(server, command, cmd, { ...base, txn: undefined }, session, txnNumber);
  }

  const reply = await command.run(cmd, { ...base, txn: undefined });
  if (command.writes) server.clock.tick();
  return reply;
}

function isLetDocument(value: unknown): value is Document {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !("_bsontype" in value);
}

