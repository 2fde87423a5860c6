/**
 * Server-side cursors: the rest of a result set kept between `find`/`aggregate` and the `getMore`s that drain
 * it. Results are materialised when the cursor opens, so later writes never shift a cursor's position.
 */
import { Long } from "bson";
import { MongoCommandError } from "./errors";
import { bsonSizeOf, type ResultDocument } from "./raw-bson";
import { MAX_BSON_OBJECT_SIZE } from "./wire/protocol";

/** MongoDB's default: an idle cursor is reaped after 10 minutes. */
export const CURSOR_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_FIRST_BATCH_SIZE = 101;
/** Cursors open at once before the least recently used one is killed (MongoDB has no such count limit). */
export const DEFAULT_MAX_OPEN_CURSORS = 10_000;
/**
 * Bytes of results all open cursors may hold together. MongoDB streams results from storage; we materialise
 * them when a cursor opens, so this bounds what idle cursors can pin in memory.
 */
export const DEFAULT_MAX_CURSOR_BYTES = 256 * 1024 * 1024;

export interface CursorLimits {
  maxOpenCursors?: number | undefined;
  maxBytes?: number | undefined;
}

export interface ServerCursor {
  readonly id: bigint;
  /** "db.collection" as reported in replies. */
  readonly ns: string;
  readonly docs: ResultDocument[];
  position: number;
  /** Hex of the owning logical session id, when opened inside one. */
  readonly sessionKey: string | undefined;
  /** Identifies the transaction (session key + txnNumber) the cursor belongs to. */
  readonly txnKey: string | undefined;
  readonly noCursorTimeout: boolean;
  lastUsed: number;
  /** BSON size of `docs`, charged against the server's cursor budget while the cursor is open. */
  readonly bytes: number;
}

export interface CursorReply {
  id: Long;
  ns: string;
  firstBatch?: ResultDocument[];
  nextBatch?: ResultDocument[];
}

export class CursorManager {
  /** In least-recently-used order: a cursor is moved to the end whenever it is used. */
  readonly #cursors = new Map<bigint, ServerCursor>();
  readonly #maxOpen: number;
  readonly #maxBytes: number;
  #bytes = 0;

  constructor(limits: CursorLimits = {}) {
    this.#maxOpen = limits.maxOpenCursors ?? DEFAULT_MAX_OPEN_CURSORS;
    this.#maxBytes = limits.maxBytes ?? DEFAULT_MAX_CURSOR_BYTES;
  }

  /** Bytes of results the open cursors hold. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Random positive 63-bit ids like MongoDB's (large enough that drivers keep them as Long). */
  #newId(): bigint {
    for (;;) {
      const bytes = crypto.getRandomValues(new Uint8Array(8));
      const id = (Buffer.from(bytes).readBigUInt64BE() & 0x7fffffffffffffffn) | (1n << 60n);
      if (!this.#cursors.has(id)) return id;
    }
  }

  get size(): number {
    return this.#cursors.size;
  }

  /**
   * Opens a cursor over `docs`, returning the first batch. The cursor is only registered when documents remain
   * after it (id 0 = exhausted), as MongoDB does.
   */
  open(
    ns: string,
    docs: ResultDocument[],
    options: { batchSize?: number; singleBatch?: boolean; sessionKey?: string; txnKey?: string; noCursorTimeout?: boolean },
  ): CursorReply {
    const batch = takeBatch(docs, 0, options.batchSize ?? DEFAULT_FIRST_BATCH_SIZE);
    if (options.singleBatch || batch.length >= docs.length) {
      return { id: Long.ZERO, ns, firstBatch: batch };
    }
    let bytes = 0;
    for (let i = batch.length; i < docs.length; i++) bytes += bsonSizeOf(docs[i]!);
    if (this.#bytes + bytes > this.#maxBytes) {
      throw new MongoCommandError(
        "ExceededMemoryLimit",
        `Cannot keep ${bytes} bytes of results for a cursor: open cursors already hold ${this.#bytes} bytes and the ` +
          `embedded server's limit is ${this.#maxBytes} bytes. Use a narrower query, a projection or a limit, or close idle cursors.`,
      );
    }
    // Like a timeout, but by count: the cursor unused for longest goes, and its next getMore gets CursorNotFound.
    while (this.#cursors.size >= this.#maxOpen) {
      const oldest = this.#cursors.keys().next();
      if (oldest.done) break;
      this.kill(oldest.value);
    }
    const id = this.#newId();
    this.#bytes += bytes;
    this.#cursors.set(id, {
      id,
      bytes,
      ns,
      docs,
      position: batch.length,
      sessionKey: options.sessionKey,
      txnKey: options.txnKey,
      noCursorTimeout: options.noCursorTimeout ?? false,
      lastUsed: Date.now(),
    });
    return { id: Long.fromBigInt(id), ns, firstBatch: batch };
  }

  getMore(id: bigint, ns: string, batchSize: number | undefined, sessionKey: string | undefined): CursorReply {
    const cursor = this.#cursors.get(id);
    if (!cursor) throw new MongoCommandError("CursorNotFound", `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw new MongoCommandError(
        "Unauthorized",
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    if (cursor.sessionKey !== undefined && sessionKey !== cursor.sessionKey) {
      throw new MongoCommandError(
        "Unauthorized",
        `Cannot run getMore on cursor ${id}, which was created in session ${cursor.sessionKey}, in session ${sessionKey ?? "none"}`,
      );
    }
    const batch = takeBatch(cursor.docs, cursor.position, batchSize && batchSize > 0 ? batchSize : Infinity);
    cursor.position += batch.length;
    cursor.lastUsed = Date.now();
    if (cursor.position >= cursor.docs.length) {
      this.kill(id);
      return { id: Long.ZERO, ns, nextBatch: batch };
    }
    this.#cursors.delete(id);
    this.#cursors.set(id, cursor);
    return { id: Long.fromBigInt(id), ns, nextBatch: batch };
  }

  has(id: bigint): boolean {
    return this.#cursors.has(id);
  }

  kill(id: bigint): boolean {
    const cursor = this.#cursors.get(id);
    if (!cursor) return false;
    this.#bytes -= cursor.bytes;
    return this.#cursors.delete(id);
  }

  killWhere(predicate: (cursor: ServerCursor) => boolean): void {
    for (const [id, cursor] of this.#cursors) if (predicate(cursor)) this.kill(id);
  }

  reapIdle(now = Date.now()): void {
    this.killWhere((c) => !c.noCursorTimeout && now - c.lastUsed > CURSOR_TIMEOUT_MS);
  }

  clear(): void {
    this.#cursors.clear();
    this.#bytes = 0;
  }
}

/** Up to `count` documents from `start`, capped (after the first) so a batch stays within 16 MiB as MongoDB's does. */
function takeBatch(docs: ResultDocument[], start: number, count: number): ResultDocument[] {
  const end = Math.min(docs.length, start + count);
  if (end - start <= 1) return docs.slice(start, end);
  let bytes = 0;
  for (let i = start; i < end; i++) {
    bytes += bsonSizeOf(docs[i]!);
    if (bytes > MAX_BSON_OBJECT_SIZE && i > start) return docs.slice(start, i);
  }
  return docs.slice(start, end);
}
