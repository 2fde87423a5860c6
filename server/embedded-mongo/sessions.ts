/**
 * Logical sessions: each `lsid` the driver sends has a record holding its multi-document transaction (by
 * txnNumber) and the reply of its latest retryable write, so a retried write is answered, not re-applied.
 *
 * Memory a client can pin here is bounded (manual: "Retryable Writes", "Server Sessions"): a session id is a
 * 16-byte UUID or refused, a session keeps the reply of its latest retryable write only (MongoDB keeps the
 * latest txnNumber's statements), stored as BSON bytes and counted against `maxRetryableWriteBytes` across all
 * sessions; past that the oldest kept replies are dropped, and a retry of one of them gets
 * IncompleteTransactionHistory, as MongoDB answers a retry whose history is gone.
 */
import { BSON, type Document } from "bson";
import { deserialize } from "./bson-numbers";
import type { StorageEngine, Transaction } from "./engine/types";
import { MongoCommandError } from "./errors";

/** hello advertises this; idle sessions are forgotten after it. */
export const LOGICAL_SESSION_TIMEOUT_MINUTES = 30;
/** MongoDB's transactionLifetimeLimitSeconds default: older open transactions are aborted. */
export const TRANSACTION_LIFETIME_MS = 60_000;
/** MongoDB's maxSessions default: past it, an lsid the server does not know yet is refused. */
export const DEFAULT_MAX_SESSIONS = 1_000_000;
/** Bytes of remembered retryable-write replies all sessions may hold together. */
export const DEFAULT_MAX_RETRYABLE_WRITE_BYTES = 64 * 1024 * 1024;
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
  /** Highest txnNumber seen for retryable writes and its remembered reply. */
  retryable: RetryableWrite | undefined;
}

export interface RetryableWrite {
  readonly txnNumber: number;
  /** "running" until the write replies; "forgotten" once its reply was dropped to stay within the bound. */
  state: "running" | "done" | "forgotten";
  /** The reply as BSON (without operationTime/$clusterTime), while kept. */
  reply: Uint8Array | undefined;
}

/** BSON binary subtype 4: the UUID a session id must be. */
const UUID_SUBTYPE = 4;
const BIN_DATA_TYPE_NAMES: Record<number, string> = {
  0: "general",
  1: "function",
  2: "binary (old)",
  3: "UUID (old)",
  4: "UUID",
  5: "MD5",
  6: "encrypt",
  7: "column",
  8: "sensitive",
  128: "Custom",
};

interface BinaryLike {
  _bsontype: "Binary";
  sub_type: number;
  buffer: Uint8Array;
  position: number;
}

function isBinary(value: unknown): value is BinaryLike {
  return value !== null && typeof value === "object" && (value as { _bsontype?: unknown })._bsontype === "Binary";
}

function uuidBytes(id: BinaryLike): Uint8Array {
  return id.buffer.subarray(0, id.position);
}

/** The key of a well-formed lsid, or undefined (commands that only look sessions up ignore other ids). */
export function sessionKeyOf(lsid: unknown): string | undefined {
  if (!lsid || typeof lsid !== "object") return undefined;
  const id = (lsid as { id?: unknown }).id;
  if (!isBinary(id) || id.sub_type !== UUID_SUBTYPE || id.position !== 16) return undefined;
  return Buffer.from(uuidBytes(id)).toString("hex");
}

/**
 * The key of a command's `lsid`, checked as MongoDB's IDL parses it (LogicalSessionFromClient: `id` a UUID,
 * `uid` optional): anything else is refused, so a client cannot make the server keep large ids.
 */
export function requireSessionKey(lsid: unknown): string {
  const where = "OperationSessionInfo.lsid";
  if (lsid === null || typeof lsid !== "object" || Array.isArray(lsid) || "_bsontype" in lsid) {
    throw new MongoCommandError("TypeMismatch", `BSON field '${where}' is the wrong type '${bsonTypeName(lsid)}', expected type 'object'`);
  }
  for (const field of Object.keys(lsid)) {
    if (field !== "id" && field !== "uid") throw new MongoCommandError("Location40415", `BSON field '${where}.${field}' is an unknown field.`);
  }
  const id = (lsid as { id?: unknown }).id;
  if (id === undefined) throw new MongoCommandError("Location40414", `BSON field '${where}.id' is missing but a required field`);
  if (!isBinary(id)) {
    throw new MongoCommandError("TypeMismatch", `BSON field '${where}.id' is the wrong type '${bsonTypeName(id)}', expected type 'binData'`);
  }
  if (id.sub_type !== UUID_SUBTYPE) {
    const name = BIN_DATA_TYPE_NAMES[id.sub_type] ?? String(id.sub_type);
    throw new MongoCommandError("TypeMismatch", `BSON field '${where}.id' is the wrong binData type '${name}', expected type 'UUID'`);
  }
  if (id.position !== 16) throw new MongoCommandError("InvalidUUID", "uuid must be a 16-byte binary field with UUID (4) subtype");
  return Buffer.from(uuidBytes(id)).toString("hex");
}

function bsonTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "string") return "string";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "double";
  if (typeof value === "boolean") return "bool";
  if (value instanceof Date) return "date";
  if (typeof value === "object") {
    const type = (value as { _bsontype?: string })._bsontype;
    if (type === "Binary") return "binData";
    if (type) return type.toLowerCase();
    return "object";
  }
  return typeof value;
}

export interface SessionLimits {
  maxSessions?: number;
  maxRetryableWriteBytes?: number;
}

export class SessionManager {
  readonly #sessions = new Map<string, Session>();
  #lastFullReap = 0;
  /** Sessions holding a remembered reply, oldest first (Map keeps insertion order), and their bytes. */
  readonly #kept = new Map<Session, number>();
  #keptBytes = 0;
  readonly maxSessions: number;
  readonly maxRetryableWriteBytes: number;

  constructor(
    private readonly engine: StorageEngine,
    limits: SessionLimits | number = {},
    /** Told about sessions forgotten by a sweep, so their cursors go too. */
    private readonly onForgotten: (keys: string[]) => void = () => undefined,
  ) {
    const given = typeof limits === "number" ? { maxSessions: limits } : limits;
    this.maxSessions = given.maxSessions ?? DEFAULT_MAX_SESSIONS;
    this.maxRetryableWriteBytes = given.maxRetryableWriteBytes ?? DEFAULT_MAX_RETRYABLE_WRITE_BYTES;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** serverStatus: how many retryable-write replies are kept, and their bytes. */
  get retryableWriteStats(): { replies: number; bytes: number } {
    return { replies: this.#kept.size, bytes: this.#keptBytes };
  }

  /** A retryable write with this txnNumber starts: the session's previous reply is no longer needed. */
  startRetryableWrite(session: Session, txnNumber: number): void {
    this.#forgetReply(session);
    session.retryable = { txnNumber, state: "running", reply: undefined };
  }

  /**
   * Keeps `reply` for a retry of the session's running write (if it still is the latest one), dropping the
   * oldest kept replies to stay within `maxRetryableWriteBytes`.
   */
  rememberReply(session: Session, txnNumber: number, reply: Document): void {
    const record = session.retryable;
    if (record?.txnNumber !== txnNumber || record.state !== "running") return;
    const { operationTime: _o, $clusterTime: _c, ...rest } = reply;
    const bytes = BSON.serialize(rest, { ignoreUndefined: true });
    if (bytes.length > this.maxRetryableWriteBytes) {
      record.state = "forgotten";
      return;
    }
    record.state = "done";
    record.reply = bytes;
    this.#kept.set(session, bytes.length);
    this.#keptBytes += bytes.length;
    for (const [oldest] of this.#kept) {
      if (this.#keptBytes <= this.maxRetryableWriteBytes) break;
      this.#forgetReply(oldest);
      if (oldest.retryable) oldest.retryable.state = "forgotten";
    }
  }

  /** The remembered reply of a retried write, decoded afresh (the caller adds to it). */
  replyOf(record: RetryableWrite): Document | undefined {
    return record.reply ? deserialize(record.reply) : undefined;
  }

  #forgetReply(session: Session): void {
    const bytes = this.#kept.get(session);
    if (bytes === undefined) return;
    this.#kept.delete(session);
    this.#keptBytes -= bytes;
    if (session.retryable) session.retryable.reply = undefined;
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
    this.#forgetReply(session);
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
    this.#kept.clear();
    this.#keptBytes = 0;
  }
}
