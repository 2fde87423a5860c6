/**
 * MongoDB's rules around a command that is a statement of a multi-document transaction (autocommit: false) or a
 * retryable write (txnNumber outside a transaction): which txnNumber may start, continue or retry what.
 */
import type { Document } from "bson";
import {
  labelWriteConflictTransient,
  MongoCommandError,
  noSuchTransaction,
  notInTransaction,
  transactionTooOld,
  writeConcernInTransaction,
} from "../errors";
import type { Transaction } from "../engine/types";
import type { Command, CommandContext, ServerContext } from "../server-context";
import { TxnState, type Session, type SessionTransaction } from "../sessions";

/** The commands that end a transaction rather than run in it. */
export const TXN_CONTROL = new Set(["commitTransaction", "abortTransaction"]);

export function enterTransaction(
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

export async function runInTransaction(
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

export async function runRetryableWrite(
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
  if (previous && txnNumber === previous.txnNumber && previous.state !== "running") {
    const reply = server.sessions.replyOf(previous);
    if (reply) return reply;
    // Its reply was dropped to bound memory: as MongoDB answers a retry whose history is gone.
    throw new MongoCommandError(
      "IncompleteTransactionHistory",
      `Incomplete history detected for transaction ${txnNumber} on session ${session.key}`,
    );
  }
  server.sessions.startRetryableWrite(session, txnNumber);
  const reply = await command.run(cmd, ctx);
  server.clock.tick();
  server.sessions.rememberReply(session, txnNumber, reply);
  return reply;
}
