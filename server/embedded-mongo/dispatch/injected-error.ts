/** The reply of a command failed by the failCommand fail point, with the error labels MongoDB would add. */
import type { Document } from "bson";
import { codeNameOf, TRANSIENT_TRANSACTION_ERROR } from "../errors";
import type { FailCommandAction } from "../fail-points";
import { TOPOLOGY_COUNTER } from "../command-helpers/server-identity";
import { toNumber } from "../command-helpers/fields";
import type { ServerContext } from "../server-context";
import { sessionKeyOf } from "../sessions";
import { commandTable } from "./command-table";
import { TXN_CONTROL } from "./transaction-rules";

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

const RETRYABLE_WRITE_ERROR = "RetryableWriteError";
const UNKNOWN_COMMIT_RESULT = "UnknownTransactionCommitResult";
/** MaxTimeMSExpired and ExceededTimeLimit: a commit that timed out may or may not have happened. */
const TIME_LIMIT_CODES = new Set([50, 262]);
/** Write concern failures after which a commit's outcome is unknown (MongoDB's error_labels.cpp). */
const UNKNOWN_COMMIT_WC_CODES = new Set([50, 262, 64, 79, 100]);

/** A retryable write (txnNumber outside a transaction) or a commit/abort: where RetryableWriteError applies. */
function isRetryableContext(name: string, cmd: Document): boolean {
  if (TXN_CONTROL.has(name)) return true;
  return cmd.txnNumber !== undefined && cmd.autocommit === undefined && commandTable.get(name)?.retryableWrite === true;
}

/**
 * The labels MongoDB puts on a reply carrying a writeConcernError (the command itself ran): RetryableWriteError
 * for a retryable code on a retryable write or commit/abort, so the driver retries it, and for a commit
 * UnknownTransactionCommitResult when it may or may not have been applied.
 */
export function writeConcernErrorLabels(name: string, cmd: Document, writeConcernError: Document): string[] {
  const code = toNumber(writeConcernError.code) ?? 0;
  const labels: string[] = [];
  if (isRetryableContext(name, cmd) && RETRYABLE_CODES.has(code)) labels.push(RETRYABLE_WRITE_ERROR);
  if (name === "commitTransaction" && (labels.length > 0 || UNKNOWN_COMMIT_WC_CODES.has(code))) labels.push(UNKNOWN_COMMIT_RESULT);
  return labels;
}

/** The reply of a command failed by the failCommand fail point, labelled as MongoDB labels that error. */
export function injectedError(server: ServerContext, failure: FailCommandAction, name: string, cmd: Document): Document {
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
  // An error injected with explicit errorLabels stands for a failure whose labels tell the client what to do
  // (retry the statement, the commit or the whole transaction): the transaction stays, as on MongoDB, where
  // failCommand fires before the statement touches the transaction.
  if (!failure.errorLabels && inTransaction && session && cmd.startTransaction === undefined && session.txn?.txnNumber === toNumber(cmd.txnNumber)) {
    server.sessions.abortTransaction(session);
  }
  let labels: string[];
  if (failure.errorLabels) {
    labels = [...failure.errorLabels];
  } else {
    labels = [];
    if (isRetryableContext(name, cmd) && RETRYABLE_CODES.has(code)) labels.push(RETRYABLE_WRITE_ERROR);
    if (name === "commitTransaction" && (labels.includes(RETRYABLE_WRITE_ERROR) || TIME_LIMIT_CODES.has(code))) labels.push(UNKNOWN_COMMIT_RESULT);
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
