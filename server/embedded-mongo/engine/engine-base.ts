/**
 * The storage engine's state (databases, open transactions) and the plumbing every section uses: atomic
 * writes on one SQLite file, BSON size and _id checks, duplicate-key errors. The engine is built in layers,
 * one file per section of what was one class: base → rows → conflicts → catalog → writes → reads → indexes →
 * engine.ts (transactions, lifecycle); see engine.ts for the design.
 */
import { serialize } from "bson";
import { deserialize } from "../bson-numbers";
import { MongoCommandError } from "../errors";
import { typeRank, TypeRank } from "../query/compare";
import { formatValue } from "./format";
import { validateDbName } from "./names";
import { listDatabaseFiles, openDatabase, type CollState, type DbState, type IndexState } from "./store";
import type { Document, EngineOptions, Namespace, Transaction } from "./types";

export const MAX_BSON_SIZE = 16 * 1024 * 1024;

export interface OverlayEntry {
  idk: Uint8Array;
  doc: Document | null;
  bytes: Uint8Array | null;
  /** Order of first write, so inserts come out in insertion order. */
  order: number;
}

/** A document as a transaction's snapshot saw it, saved just before someone else changed it. */
export interface PreImage {
  /** Natural-order position of the row, so snapshot reads keep insertion order. */
  rid: number;
  idk: Uint8Array;
  /** BSON at the snapshot; null when the document did not exist then. */
  bytes: Uint8Array | null;
  /** Decoded once for matching (never handed out: results are decoded afresh from `bytes`). */
  decoded?: Document;
}

export class EngineTransaction implements Transaction {
  state: "active" | "committed" | "aborted" = "active";
  /** ns key → encoded-_id hex → final state of the document in this transaction. */
  readonly writes = new Map<string, Map<string, OverlayEntry>>();
  /** ns key → encoded-_id hex → the document at this transaction's snapshot (see the module comment). */
  readonly preImages = new Map<string, Map<string, PreImage>>();
  /** ns key → collections this transaction created: invisible to others until commit, dropped by abort. */
  readonly created = new Map<string, CollState>();
  /** Databases that came into being for those collections: an abort that leaves them empty drops them. */
  readonly createdDbs = new Set<string>();
  private counter = 0;
  constructor(
    readonly id: string,
    readonly startSeq: number,
  ) {}
  nextOrder(): number {
    return this.counter++;
  }
}

export interface Row {
  rid: number;
  idk: Uint8Array;
  doc: Uint8Array;
  k?: Uint8Array;
}

export const nsKeyOf = (ns: Namespace) => `${ns.db}.${ns.coll}`;

/** The keys one document contributes to one index. */
export interface DocumentIndexKeys {
  keys: Uint8Array[];
  values: unknown[][];
  multikey: boolean;
}

export interface IndexChange {
  index: IndexState;
  before: Uint8Array[];
  after: DocumentIndexKeys;
}

export function sameKeys(a: Uint8Array[], b: Uint8Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (Buffer.compare(a[i] as Uint8Array, b[i] as Uint8Array) !== 0) return false;
  return true;
}

export function isConstraintError(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}

export function copyDoc<T>(value: T): T {
  return deserialize(serialize(value as Document)) as T;
}

export abstract class EngineBase {
  protected readonly dataDir: string | null;
  protected readonly dbs = new Map<string, DbState>();
  protected closed = false;
  protected batchDepth = 0;
  protected readonly batchDbs = new Set<DbState>();

  // ---- transaction bookkeeping -----------------------------------------------------------------------
  protected seq = 0;
  protected txnCounter = 0;
  protected readonly activeTxns = new Set<EngineTransaction>();
  /** "ns\0idkHex" → the open transaction that wrote it. */
  protected readonly writers = new Map<string, EngineTransaction>();
  /** "ns\0idkHex" → commit sequence of the last write, tracked only while transactions are open. */
  protected readonly lastWrite = new Map<string, number>();
  /** ns key → the open transaction that created the collection (nobody else may create it meanwhile). */
  protected readonly uncommitted = new Map<string, EngineTransaction>();

  constructor(options: EngineOptions) {
    if (options.memory) {
      this.dataDir = null;
    } else {
      if (!options.dataDir) throw new MongoCommandError("InvalidOptions", "dataDir is required unless memory is true");
      this.dataDir = options.dataDir;
      for (const name of listDatabaseFiles(this.dataDir)) this.dbs.set(name, openDatabase(name, this.dataDir));
    }
  }

  protected getDb(name: string, create: boolean): DbState | undefined {
    this.assertOpen();
    const existing = this.dbs.get(name);
    if (existing || !create) return existing;
    validateDbName(name);
    const db = openDatabase(name, this.dataDir);
    this.dbs.set(name, db);
    return db;
  }

  protected getColl(ns: Namespace): CollState | undefined {
    return this.getDb(ns.db, false)?.colls.get(ns.coll);
  }

  /** The collection as `txn` sees it: one it created itself, else the committed one. */
  protected visibleColl(ns: Namespace, txn: EngineTransaction | undefined): CollState | undefined {
    return txn?.created.get(nsKeyOf(ns)) ?? this.getColl(ns);
  }

  protected txnOf(txn: Transaction | undefined): EngineTransaction | undefined {
    return txn ? this.asTxn(txn) : undefined;
  }

  protected asTxn(txn: Transaction): EngineTransaction {
    if (!(txn instanceof EngineTransaction)) throw new MongoCommandError("NoSuchTransaction", "Transaction is not known to this engine");
    if (txn.state === "committed") throw new MongoCommandError("TransactionCommitted", `Transaction ${txn.id} has been committed.`);
    if (txn.state !== "active") {
      throw new MongoCommandError("NoSuchTransaction", `Transaction ${txn.id} has been aborted.`, { errorLabels: ["TransientTransactionError"] });
    }
    return txn;
  }

  /**
   * Runs `fn` atomically on `db`: a SAVEPOINT (a transaction of its own outside `batch`) rolled back if `fn`
   * throws. Single-statement writes skip it (`atomic` false): SQLite makes one statement atomic already.
   */
  protected write(db: DbState, needsSavepoint: boolean, fn: () => void): void {
    if (this.batchDepth > 0 && !db.inBatch) {
      db.sqlite.run("BEGIN");
      db.inBatch = true;
      this.batchDbs.add(db);
    }
    if (!needsSavepoint) {
      fn();
      return;
    }
    db.savepoint.run();
    try {
      fn();
    } catch (error) {
      db.rollbackTo.run();
      db.release.run();
      throw error;
    }
    db.release.run();
  }

  batch<T>(fn: () => T): T {
    this.assertOpen();
    this.batchDepth++;
    try {
      return fn();
    } finally {
      this.batchDepth--;
      if (this.batchDepth === 0) {
        for (const db of this.batchDbs) {
          if (db.inBatch) {
            db.inBatch = false;
            db.sqlite.run("COMMIT");
          }
        }
        this.batchDbs.clear();
      }
    }
  }

  protected serializeDoc(doc: Document): Uint8Array {
    let bytes: Uint8Array;
    try {
      bytes = serialize(doc, { checkKeys: false, ignoreUndefined: false });
    } catch (error) {
      throw new MongoCommandError("BadValue", error instanceof Error ? error.message : String(error), { cause: error });
    }
    if (bytes.length > MAX_BSON_SIZE) {
      throw new MongoCommandError("BSONObjectTooLarge", `object to insert too large. size in bytes: ${bytes.length}, max size: ${MAX_BSON_SIZE}`);
    }
    return bytes;
  }

  protected validateId(id: unknown): void {
    if (id === undefined) throw new MongoCommandError("InvalidIdField", "can't use a undefined for _id");
    if (Array.isArray(id)) throw new MongoCommandError("BadValue", "can't use an array for _id");
    if (id instanceof RegExp || typeRank(id) === TypeRank.RegExp) throw new MongoCommandError("BadValue", "can't use a regex for _id");
  }

  protected duplicateKey(coll: CollState, index: IndexState, values: unknown[]): MongoCommandError {
    const keyValue: Document = {};
    index.fields.forEach((f, i) => {
      keyValue[f.path] = values[i] === undefined ? null : values[i];
    });
    const shown = Object.entries(keyValue)
      .map(([k, v]) => `${k}: ${formatValue(v)}`)
      .join(", ");
    return new MongoCommandError(
      "DuplicateKey",
      `E11000 duplicate key error collection: ${coll.db.name}.${coll.name} index: ${index.name} dup key: { ${shown} }`,
      { extra: { keyPattern: copyDoc(index.key), keyValue } },
    );
  }

  protected assertOpen(): void {
    if (this.closed) throw new MongoCommandError("InternalError", "storage engine is closed");
  }
}
