/**
 * Runs one command: looks it up, checks its arguments, applies the session / transaction / retryable-write
 * rules around it and shapes the reply (ok, operationTime, $clusterTime) or the error as MongoDB 7.0 does.
 */
import { Binary, Long, type Document } from "bson";
import {
  codeNameOf,
  isMongoCommandError,
  labelWriteConflictTransient,
  MongoCommandError,
  noSuchTransaction,
  notInTransaction,
  TRANSIENT_TRANSACTION_ERROR,
  transactionTooOld,
  writeConcernInTransaction,
} from "../errors";
import { CLOSE_CONNECTION, type FailCommandAction } from "../failPoints";
import { sessionKeyOf, TxnState, type Session, type SessionTransaction } from "../sessions";
import type { Transaction } from "../engine/types";
import type { Command, CommandContext, ServerContext } from "./context";
import { checkFields, toNumber } from "./fields";
import { commandTable } from "./table";
import { TOPOLOGY_COUNTER } from "./hello";
import { evaluateLetVariables } from "../query/match";
import { unsatisfiableWriteConcernError } from "./writeConcern";

const TXN_CONTROL = new Set(["commitTransaction", "abortTransaction"]);

export async function dispatchCommand(
  server: ServerContext,
  cmd: Document,
  db: string,
  connectionId: number,
): Promise<Document> {
  const name = Object.keys(cmd)[0] ?? "";
  const command = commandTable.get(name);
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
  if (failure?.writeConcernError && failure.errorCode === undefined) reply.writeConcernError = { ...failure.writeConcernError };
  else if (reply.ok === 1 && reply.writeConcernError === undefined) {
    const unsatisfiable = unsatisfiableWriteConcernError(name, cmd);
    if (unsatisfiable) reply.writeConcernError = unsatisfiable;
  }
  const operationTime = server.clock.now();
  reply.operationTime = operationTime;
  reply.$clusterTime = {
    clusterTime: operationTime,
    signature: { hash: new Binary(Buffer.alloc(20), 0), keyId: Long.ZERO },
  };
  return reply;
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
  if (command.fields) checkFields(cmd, command.fields, command.name, { generic: true, skip: name });
  if (isLetDocument(cmd.let)) cmd.let = evaluateLetVariables(cmd.let);

  const maxTimeMS = cmd.maxTimeMS === undefined ? 0 : toNumber(cmd.maxTimeMS);
  if (maxTimeMS === undefined || maxTimeMS < 0 || !Number.isInteger(maxTimeMS) || maxTimeMS > 0x7fffffff) {
    throw new MongoCommandError("BadValue", "maxTimeMS must be a non-negative integer");
  }
  const deadline = maxTimeMS > 0 ? Date.now() + maxTimeMS : undefined;

  const sessionKey = sessionKeyOf(cmd.lsid);
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

function enterTransaction(
  server: ServerContext,
  session: Session | undefined,
  txnNumber: number | undefined,
  cmd: Document,
  name: string,
  command: Command,
): SessionTransaction {
  if (cmd.autocommit !== false) {
    throw new MongoCommandError("InvalidOptions", "autocommit field can only be specified as false");
  }
  if (!session) throw new MongoCommandError("InvalidOptions", "Transaction requires a logical session id (lsid)");
  if (txnNumber === undefined) {
    throw new MongoCommandError("InvalidOptions", "'autocommit' field requires a transaction number to also be specified");
  }
  const current = session.txn;
  if (cmd.startTransaction !== undefined) {
    if (cmd.startTransaction !== true) {
      throw new MongoCommandError("InvalidOptions", "startTransaction field can only be specified as true");
    }
    if (current && txnNumber < current.txnNumber) throw transactionTooOld(txnNumber, current.txnNumber);
    if (session.retryable && txnNumber < session.retryable.txnNumber) {
      throw transactionTooOld(txnNumber, session.retryable.txnNumber);
    }
    if (current && txnNumber === current.txnNumber) {
      throw new MongoCommandError(
        "ConflictingOperationInProgress",
        `Cannot start transaction ${txnNumber} on session ${session.key} because a transaction with the same number is in state ${current.state}`,
      );
    }
    if (!command.inTransaction) throw notInTransaction(name);
    if (cmd.writeConcern !== undefined) throw writeConcernInTransaction();
    server.sessions.abortTransaction(session);
    const txn: SessionTransaction = {
      txnNumber,
      state: TxnState.inProgress,
      engineTxn: server.engine.beginTransaction(),
      startedAt: Date.now(),
      statements: 0,
      readConcernLevel: String((cmd.readConcern as Document | undefined)?.level ?? "local"),
    };
    session.txn = txn;
    return txn;
  }
  if (!current || current.txnNumber !== txnNumber) {
    if (current && txnNumber < current.txnNumber) throw transactionTooOld(txnNumber, current.txnNumber);
    throw noSuchTransaction(
      `Given transaction number ${txnNumber} does not match any in-progress transactions. The active transaction number is ${current?.txnNumber ?? -1}`,
    );
  }
  if (current.state === TxnState.aborted) throw noSuchTransaction(`Transaction with { txnNumber: ${txnNumber} } has been aborted.`);
  if (current.state === TxnState.committed) {
    throw new MongoCommandError("TransactionCommitted", `Transaction with { txnNumber: ${txnNumber} } has been committed.`);
  }
  if (!command.inTransaction) throw notInTransaction(name);
  if (cmd.readConcern !== undefined) {
    throw new MongoCommandError("InvalidOptions", "Only the first command in a transaction may specify a readConcern");
  }
  if (cmd.writeConcern !== undefined) throw writeConcernInTransaction();
  return current;
}

async function runInTransaction(
  server: ServerContext,
  command: Command,
  cmd: Document,
  ctx: CommandContext,
  session: Session,
  txn: SessionTransaction,
): Promise<Document> {
  txn.statements++;
  try {
    const reply = await command.run(cmd, ctx);
    // A write error inside a transaction aborts it, as MongoDB does.
    if (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0) server.sessions.abortTransaction(session);
    return reply;
  } catch (error) {
    server.sessions.abortTransaction(session);
    labelWriteConflictTransient(error);
    throw error;
  } finally {
    if ((ctx.txn as Transaction).state === "aborted" && txn.state === TxnState.inProgress) {
      txn.state = TxnState.aborted;
    }
  }
}

async function runRetryableWrite(
  server: ServerContext,
  command: Command,
  cmd: Document,
  ctx: CommandContext,
  session: Session,
  txnNumber: number,
): Promise<Document> {
  const txn = session.txn;
  if (txn && txnNumber < txn.txnNumber) throw transactionTooOld(txnNumber, txn.txnNumber);
  if (txn && txn.txnNumber === txnNumber) {
    throw new MongoCommandError(
      "IncompleteTransactionHistory",
      `Cannot retry a retryable write that has been converted into a transaction`,
    );
  }
  if (txn?.state === TxnState.inProgress) server.sessions.abortTransaction(session);
  const previous = session.retryable;
  if (previous && txnNumber < previous.txnNumber) throw transactionTooOld(txnNumber, previous.txnNumber);
  if (previous && txnNumber === previous.txnNumber && previous.reply) {
    return structuredCloneReply(previous.reply);
  }
  session.retryable = { txnNumber, reply: undefined };
  const reply = await command.run(cmd, ctx);
  server.clock.tick();
  if (session.retryable?.txnNumber === txnNumber) session.retryable.reply = reply;
  return reply;
}

/** Replies are small plain documents; a shallow copy of the top level is enough since dispatch only adds fields. */
function structuredCloneReply(reply: Document): Document {
  const { operationTime: _o, $clusterTime: _c, ...rest } = reply;
  return { ...rest };
}

function isLetDocument(value: unknown): value is Document {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !("_bsontype" in value);
}

const STATE_CHANGE_CODES = new Set([91, 189, 10107, 11600, 11602, 13435, 13436]);
/** Codes after which MongoDB labels a retryable write (or commit/abort) RetryableWriteError. */
const RETRYABLE_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436, 63, 150, 134]);
/** Codes that, inside a transaction, make MongoDB add TransientTransactionError. */
const TRANSIENT_CODES = new Set([...RETRYABLE_CODES, 112, 251, 24]);
/**
 * For commitTransaction/abortTransaction MongoDB labels only errors that leave no trace: WriteConflict,
 * LockTimeout, snapshot errors and NoSuchTransaction (the latter only without a write concern error, since the
 * commit may then have happened). A "not primary" commit is UnknownTransactionCommitResult territory instead.
 */
const TXN_CONTROL_TRANSIENT_CODES = new Set([112, 24, 239, 246, 251]);

/** The reply of a command failed by the failCommand fail point, labelled as MongoDB labels that error. */
function injectedError(server: ServerContext, failure: FailCommandAction, name: string, cmd: Document): Document {
  const code = failure.errorCode!;
  const reply: Document = {
    ok: 0,
    errmsg: failure.errmsg ?? "Failing command via 'failCommand' failpoint",
    code,
    codeName: codeNameOf(code),
  };
  const inTransaction = cmd.autocommit === false && !TXN_CONTROL.has(name);
  const sessionKey = sessionKeyOf(cmd.lsid);
  const session = sessionKey === undefined ? undefined : server.sessions.peek(sessionKey);
  // A failed statement aborts its transaction, as any other error does; commit/abort keep it for the retry.
  if (inTransaction && session && cmd.startTransaction === undefined && session.txn?.txnNumber === toNumber(cmd.txnNumber)) {
    server.sessions.abortTransaction(session);
  }
  let labels: string[];
  if (failure.errorLabels) {
    labels = [...failure.errorLabels];
  } else {
    labels = [];
    const retryable = (TXN_CONTROL.has(name) || (cmd.txnNumber !== undefined && !inTransaction && commandTable.get(name)?.retryableWrite));
    if (retryable && RETRYABLE_CODES.has(code)) labels.push("RetryableWriteError");
    if (inTransaction && TRANSIENT_CODES.has(code)) labels.push(TRANSIENT_TRANSACTION_ERROR);
    const controlsTransaction = TXN_CONTROL.has(name) && cmd.autocommit === false;
    if (controlsTransaction && TXN_CONTROL_TRANSIENT_CODES.has(code) && !(code === 251 && failure.writeConcernError)) labels.push(TRANSIENT_TRANSACTION_ERROR);
  }
  if (labels.length > 0) reply.errorLabels = labels;
  // As MongoDB does for "not primary"/"shutting down" errors: the current topologyVersion tells the driver the
  // server's state did not actually change (a stale error), so it retries without re-discovering the topology.
  if (STATE_CHANGE_CODES.has(code)) reply.topologyVersion = { processId: server.processId, counter: TOPOLOGY_COUNTER };
  return reply;
}
