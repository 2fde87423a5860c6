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
