/** commitTransaction / abortTransaction with MongoDB's rules for txnNumber and transaction state. */
import { labelWriteConflictTransient, MongoCommandError, noSuchTransaction } from "../errors";
import { TxnState, type Session, type SessionTransaction } from "../sessions";
import type { Command, CommandContext } from "../server-context";
import { toNumber } from "../command-helpers/fields";

function targetTransaction(cmd: Record<string, unknown>, ctx: CommandContext): { session: Session; txn: SessionTransaction } {
  const session = ctx.session;
  const txnNumber = toNumber(cmd.txnNumber);
  if (!session || txnNumber === undefined) {
    throw new MongoCommandError("InvalidOptions", "Transaction commands require a logical session id and a txnNumber");
  }
  if (cmd.autocommit !== false) throw new MongoCommandError("InvalidOptions", "'autocommit' field must be false for transaction commands");
  const txn = session.txn;
  if (!txn || txn.txnNumber !== txnNumber) {
    if (txn && txnNumber < txn.txnNumber) {
      throw new MongoCommandError("TransactionTooOld", `Cannot commit transaction ${txnNumber} on session because a newer transaction ${txn.txnNumber} has already started`);
    }
    throw noSuchTransaction(`Given transaction number ${txnNumber} does not match any in-progress transactions.`);
  }
  return { session, txn };
}

export const commitTransaction: Command = {
  name: "commitTransaction",
  adminOnly: true,
  inTransaction: true,
  writes: true,
  fields: { recoveryToken: "object", commitTimestamp: "any" },
  run(cmd, ctx) {
    const { session, txn } = targetTransaction(cmd, ctx);
    if (txn.state === TxnState.committed) return { ok: 1 }; // retrying a successful commit succeeds
    if (txn.state === TxnState.aborted) throw noSuchTransaction(`Transaction with { txnNumber: ${txn.txnNumber} } has been aborted.`);
    try {
      ctx.engine.commitTransaction(txn.engineTxn);
    } catch (error) {
      ctx.server.sessions.abortTransaction(session);
      labelWriteConflictTransient(error);
      throw error;
    }
    txn.state = TxnState.committed;
    return { ok: 1 };
  },
};

export const abortTransaction: Command = {
  name: "abortTransaction",
  adminOnly: true,
  inTransaction: true,
  fields: { recoveryToken: "object" },
  run(cmd, ctx) {
    const { session, txn } = targetTransaction(cmd, ctx);
    if (txn.state === TxnState.committed) {
      throw new MongoCommandError("TransactionCommitted", "Transaction has been committed and cannot be aborted");
    }
    if (txn.state === TxnState.aborted) throw noSuchTransaction(`Transaction with { txnNumber: ${txn.txnNumber} } has been aborted.`);
    ctx.server.sessions.abortTransaction(session);
    return { ok: 1 };
  },
};
