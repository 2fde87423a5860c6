/**
 * Logical sessions: each `lsid` the driver sends has a record holding its multi-document transaction (by
 * txnNumber) and the reply of its latest retryable write, so a retried write is answered, not re-applied.
 */
import type { Document } from "bson";
import type { StorageEngine, Transaction } from "./engine/types";
import { MongoCommandError } from "./errors";

/** hello advertises this; idle sessions are forgotten after it. */
export const LOGICAL_SESSION_TIMEOUT_MINUTES = 30;
/** MongoDB's transactionLifetimeLimitSeconds default: older open transactions are aborted. */
export const TRANSACTION_LIFETIME_MS = 60_000;
/** MongoDB's maxSessions default: past it, an lsid the server does not know yet is refused. */
export const DEFAULT_MAX_SESSIONS = 1_000_000;
/** At the cap, expired sessions are looked for at most this often (a sweep walks every session). */
const FULL_CACHE_REAP_INTERVAL_MS = 1_000;

export const TxnState = {
  inProgress: "inProgress",
  committed: "committed",
  aborted: "aborted",
} as const;
export type TxnState = (typeof TxnState)[keyof typeof TxnState];

export interface SessionTransaction {
  readonly txnNumber: number;
  state: TxnState;
  readonly engineTxn: Transaction;
  readonly startedAt: number;
  /** Whether any statement ran: commit of an empty transaction still succeeds. */
  statements: number;
  /** The transaction's read concern level, given by its first statement ("local" when none). */
  readonly readConcernLevel: string;
}

export interface Session {
  readonly key: string;
  lastUse: number;
  txn: SessionTransaction | undefined;
  /** Highest txnNumber seen for retryable writes and its reply (undefined while running). */
  retryable: { txnNumber: number; reply: Document | undefined } | undefined;
}

export function sessionKeyOf(lsid: unknown): string | undefined {
  if (!lsid || typeof lsid !== "object") return undefined;
  const id = (lsid as { id?: unknown }).id as { buffer?: Uint8Array; toString?: (enc: string) => string } | undefined;
  if (!id) return undefined;
  if (id.buffer instanceof Uint8Array) return Buffer.from(id.buffer).toString("hex");
  return String(id);
}

export class SessionManager {
  readonly #sessions = new Map<string, Session>();
  #lastFullReap = 0;

  constructor(
    private readonly engine: StorageEngine,
    private readonly maxSessions = DEFAULT_MAX_SESSIONS,
    /** Told about sessions forgotten by a sweep, so their cursors go too. */
    private readonly onForgotten: (keys: string[]) => void = () => undefined,
  ) {}

  get size(): number {
    return this.#sessions.size;
  }

  /** The session for `key`, created on first use; throws TooManyLogicalSessions when the cache is full. */
  get(key: string): Session {
    let session = this.#sessions.get(key);
    if (!session) {
      if (this.#sessions.size >= this.maxSessions) this.#makeRoom();
      session = { key, lastUse: Date.now(), txn: undefined, retryable: undefined };
      this.#sessions.set(key, session);
    }
    session.lastUse = Date.now();
    return session;
  }

  #makeRoom(): void {
    const now = Date.now();
    if (now - this.#lastFullReap >= FULL_CACHE_REAP_INTERVAL_MS) {
      this.#lastFullReap = now;
      const forgotten = this.reap(now);
      if (forgotten.length > 0) this.onForgotten(forgotten);
    }
    if (this.#sessions.size >= this.maxSessions) {
      throw new MongoCommandError(
        "TooManyLogicalSessions",
        "Unable to add session into the cache because the number of active sessions is too high",
      );
    }
  }

  /** Every session the server holds ($listLocalSessions). */
  all(): IterableIterator<Session> {
    return this.#sessions.values();
  }

  peek(key: string): Session | undefined {
    return this.#sessions.get(key);
  }

  /** Aborts the session's open transaction, if any. */
  abortTransaction(session: Session): void {
    const txn = session.txn;
    if (!txn || txn.state !== TxnState.inProgress) return;
    txn.state = TxnState.aborted;
    if (txn.engineTxn.state === "active") this.engine.abortTransaction(txn.engineTxn);
  }

  end(key: string): void {
    const session = this.#sessions.get(key);
    if (!session) return;
    this.abortTransaction(session);
    this.#sessions.delete(key);
  }

  /** Aborts transactions past their lifetime and forgets idle sessions; returns the keys of forgotten ones. */
  reap(now = Date.now()): string[] {
    const forgotten: string[] = [];
    for (const session of this.#sessions.values()) {
      const txn = session.txn;
      if (txn?.state === TxnState.inProgress && now - txn.startedAt > TRANSACTION_LIFETIME_MS) {
        this.abortTransaction(session);
      }
      if (now - session.lastUse > LOGICAL_SESSION_TIMEOUT_MINUTES * 60_000) {
        this.end(session.key);
        forgotten.push(session.key);
      }
    }
    return forgotten;
  }

  abortAll(): void {
    for (const session of this.#sessions.values()) this.abortTransaction(session);
    this.#sessions.clear();
  }
}
