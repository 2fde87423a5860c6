/**
 * The storage engine: catalog, CRUD, indexes and transactions over store.ts (SQLite) and planner.ts.
 *
 * Transactions keep their writes in memory (an overlay keyed by encoded `_id`) and apply them in one SQLite
 * transaction per database at commit. Conflicts are detected eagerly, first writer wins: a document written by
 * an open transaction is locked for everyone else, and a transaction may not write a document committed by
 * someone else after it began (we remember commit sequence numbers of written documents while any
 * transaction is open).
 *
 * Snapshot reads use copy-on-write pre-images: just after a committed change to a document (plain write or
 * another transaction's commit), every open transaction that has neither written that document nor saved it
 * yet keeps the bytes it had before (null when it was absent). A transaction's snapshot is taken when it
 * begins (its first statement), so every open transaction predates every change still to come. Reads in a
 * transaction see own writes, then pre-images, then committed rows. Why this and not row versions in SQLite:
 * the common path (no open transaction) stays exactly as it was (one `activeTxns.size` test per write), and
 * memory is bounded by what others change while a transaction is open (60 s lifetime, sessions.ts); the
 * bytes of one pre-image are shared by every transaction that saved it.
 *
 * A collection a transaction creates gets its tables at once but stays out of `db.colls` and the catalog
 * table (`txn.created`, `uncommitted`) until commit publishes it with its documents in one SQLite
 * transaction; an abort drops its tables. Nobody else may create that namespace meanwhile (WriteConflict).
 */
import { deserialize, serialize } from "bson";
import { MongoCommandError } from "../errors";
import { compileFilter, type Matcher } from "../query/match";
import { isSimpleCollation, sortDocuments, typeRank, TypeRank, valuesEqual } from "../query/compare";
import { formatValue } from "./format";
import { bytesToHex, documentKeys, encodeValue, prefixSuccessor } from "./keys";
import { validateDbName, validateNamespace } from "./names";
import { boundsImplyFilter, planQuery, type Plan } from "./planner";
import { RawBson, type ResultDocument } from "../rawBson";
import {
  createCollState,
  databaseSize,
  dropCollState,
  ID_INDEX_SPEC,
  indexStatements,
  listDatabaseFiles,
  makeIndexState,
  openDatabase,
  removeDatabaseFiles,
  saveCatalog,
  type CollState,
  type DbState,
  type IndexState,
} from "./store";
import type {
  CollectionInfo,
  DatabaseInfo,
  Document,
  EngineOptions,
  FindOptions,
  IndexSpec,
  Namespace,
  QueryPlanInfo,
  StorageEngine,
  Transaction,
  WriteOptions,
} from "./types";

export const MAX_BSON_SIZE = 16 * 1024 * 1024;

interface OverlayEntry {
  idk: Uint8Array;
  doc: Document | null;
  bytes: Uint8Array | null;
  /** Order of first write, so inserts come out in insertion order. */
  order: number;
}

/** A document as a transaction's snapshot saw it, saved just before someone else changed it. */
interface PreImage {
  /** Natural-order position of the row, so snapshot reads keep insertion order. */
  rid: number;
  idk: Uint8Array;
  /** BSON at the snapshot; null when the document did not exist then. */
  bytes: Uint8Array | null;
  /** Decoded once for matching (never handed out: results are decoded afresh from `bytes`). */
  decoded?: Document;
}

class EngineTransaction implements Transaction {
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

interface Row {
  rid: number;
  idk: Uint8Array;
  doc: Uint8Array;
  k?: Uint8Array;
}

const nsKeyOf = (ns: Namespace) => `${ns.db}.${ns.coll}`;

interface IndexChange {
  index: IndexState;
  before: Uint8Array[];
  after: { keys: Uint8Array[]; values: unknown[][]; multikey: boolean };
}

function sameKeys(a: Uint8Array[], b: Uint8Array[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (Buffer.compare(a[i] as Uint8Array, b[i] as Uint8Array) !== 0) return false;
  return true;
}

function isConstraintError(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}

function copyDoc<T>(value: T): T {
  return deserialize(serialize(value as Document)) as T;
}

export class SqliteStorageEngine implements StorageEngine {
  private readonly dataDir: string | null;
  private readonly dbs = new Map<string, DbState>();
  private closed = false;
  private batchDepth = 0;
  private readonly batchDbs = new Set<DbState>();

  // ---- transaction bookkeeping -----------------------------------------------------------------------
  private seq = 0;
  private txnCounter = 0;
  private readonly activeTxns = new Set<EngineTransaction>();
  /** "ns\0idkHex" → the open transaction that wrote it. */
  private readonly writers = new Map<string, EngineTransaction>();
  /** "ns\0idkHex" → commit sequence of the last write, tracked only while transactions are open. */
  private readonly lastWrite = new Map<string, number>();
  /** ns key → the open transaction that created the collection (nobody else may create it meanwhile). */
  private readonly uncommitted = new Map<string, EngineTransaction>();

  constructor(options: EngineOptions) {
    if (options.memory) {
      this.dataDir = null;
    } else {
      if (!options.dataDir) throw new MongoCommandError("InvalidOptions", "dataDir is required unless memory is true");
      this.dataDir = options.dataDir;
      for (const name of listDatabaseFiles(this.dataDir)) this.dbs.set(name, openDatabase(name, this.dataDir));
    }
  }

  // ---- catalog -------------------------------------------------------------------------------------------

  private getDb(name: string, create: boolean): DbState | undefined {
    this.assertOpen();
    const existing = this.dbs.get(name);
    if (existing || !create) return existing;
    validateDbName(name);
    const db = openDatabase(name, this.dataDir);
    this.dbs.set(name, db);
    return db;
  }

  private getColl(ns: Namespace): CollState | undefined {
    return this.getDb(ns.db, false)?.colls.get(ns.coll);
  }

  /** The collection as `txn` sees it: one it created itself, else the committed one. */
  private visibleColl(ns: Namespace, txn: EngineTransaction | undefined): CollState | undefined {
    return txn?.created.get(nsKeyOf(ns)) ?? this.getColl(ns);
  }

  private ensureColl(ns: Namespace, txn?: EngineTransaction): { coll: CollState; created: boolean } {
    const existing = this.visibleColl(ns, txn);
    if (existing) return { coll: existing, created: false };
    validateNamespace(ns, true);
    return { coll: this.newColl(ns, {}, txn), created: true };
  }

  /** Creates a collection, committed at once outside a transaction, or as part of `txn`. */
  private newColl(ns: Namespace, options: Document, txn: EngineTransaction | undefined): CollState {
    const nsKey = nsKeyOf(ns);
    const owner = this.uncommitted.get(nsKey);
    if (owner && owner !== txn) {
      // MongoDB's catalog write conflict: a plain write waits (the command layer retries) until the creating
      // transaction ends; another transaction is aborted.
      if (txn) throw this.conflict(txn);
      throw new MongoCommandError("WriteConflict", `Collection ${nsKey} is being created by an open transaction. :: Please retry your operation.`);
    }
    if (txn && !this.dbs.has(ns.db)) txn.createdDbs.add(ns.db);
    const db = this.getDb(ns.db, true) as DbState;
    let coll: CollState | undefined;
    this.write(db, true, () => {
      coll = createCollState(db, ns.coll, options, txn !== undefined);
    });
    if (txn) {
      txn.created.set(nsKey, coll as CollState);
      this.uncommitted.set(nsKey, txn);
    }
    return coll as CollState;
  }

  private txnOf(txn: Transaction | undefined): EngineTransaction | undefined {
    return txn ? this.asTxn(txn) : undefined;
  }

  private collectionInfo(coll: CollState): CollectionInfo {
    return {
      name: coll.name,
      type: "collection",
      options: deserialize(coll.optionsBytes),
      info: { readOnly: false, uuid: coll.uuid },
      idIndex: { v: 2, key: { _id: 1 }, name: "_id_" },
    };
  }

  listDatabases(): DatabaseInfo[] {
    this.assertOpen();
    // A database holding only a collection an open transaction created does not exist for anyone yet.
    const pendingDbs = new Set([...this.uncommitted.keys()].map((nsKey) => nsKey.slice(0, nsKey.indexOf("."))));
    return [...this.dbs.values()]
      .filter((db) => db.colls.size > 0 || !pendingDbs.has(db.name))
      .map((db) => ({ name: db.name, sizeOnDisk: databaseSize(db), empty: db.colls.size === 0 }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  dropDatabase(name: string): void {
    const db = this.getDb(name, false);
    if (!db) return;
    // Transactions creating collections here lose them (MongoDB would make the drop wait for them instead).
    for (const [nsKey, owner] of [...this.uncommitted]) {
      if (!nsKey.startsWith(`${name}.`)) continue;
      owner.createdDbs.delete(name);
      this.finish(owner, "aborted");
    }
    if (this.activeTxns.size > 0) this.forgetPreImages((nsKey) => nsKey.startsWith(`${name}.`));
    this.dbs.delete(name);
    this.batchDbs.delete(db);
    db.sqlite.close(false);
    if (db.path) removeDatabaseFiles(db.path);
  }

  listCollections(db: string, txnArg?: Transaction): CollectionInfo[] {
    const state = this.getDb(db, false);
    if (!state) return [];
    const own = [...(this.txnOf(txnArg)?.created.values() ?? [])].filter((c) => c.db === state);
    return [...state.colls.values(), ...own].map((c) => this.collectionInfo(c)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  getCollection(ns: Namespace, txnArg?: Transaction): CollectionInfo | undefined {
    const coll = this.visibleColl(ns, this.txnOf(txnArg));
    return coll ? this.collectionInfo(coll) : undefined;
  }

  createCollection(ns: Namespace, options: Document = {}, txnArg?: Transaction): CollectionInfo {
    const txn = this.txnOf(txnArg);
    validateNamespace(ns, true);
    if (options.capped === true) {
      throw new MongoCommandError("CommandNotSupported", "capped collections are not supported by the embedded server");
    }
    if (this.visibleColl(ns, txn)) throw new MongoCommandError("NamespaceExists", `Collection ${ns.db}.${ns.coll} already exists.`);
    return this.collectionInfo(this.newColl(ns, copyDoc(options), txn));
  }

  dropCollection(ns: Namespace): boolean {
    const coll = this.getColl(ns);
    if (!coll) return false;
    this.write(coll.db, true, () => dropCollState(coll));
    if (this.activeTxns.size > 0) this.forgetPreImages((nsKey) => nsKey === nsKeyOf(ns));
    return true;
  }

  renameCollection(from: Namespace, to: Namespace, options: { dropTarget?: boolean } = {}): void {
    const source = this.getColl(from);
    if (!source) throw new MongoCommandError("NamespaceNotFound", `Source collection ${from.db}.${from.coll} does not exist`);
    validateNamespace(to, true);
    if (this.uncommitted.has(nsKeyOf(to))) {
      throw new MongoCommandError("WriteConflict", `Collection ${nsKeyOf(to)} is being created by an open transaction. :: Please retry your operation.`);
    }
    if (from.db === to.db && from.coll === to.coll) {
      throw new MongoCommandError("IllegalOperation", "Can't rename a collection to itself");
    }
    const target = this.getColl(to);
    if (target) {
      if (!options.dropTarget) throw new MongoCommandError("NamespaceExists", "target namespace exists");
      this.dropCollection(to);
    }
    if (this.activeTxns.size > 0) this.forgetPreImages((nsKey) => nsKey === nsKeyOf(from) || nsKey === nsKeyOf(to));
    if (from.db === to.db) {
      this.write(source.db, true, () => {
        source.db.colls.delete(source.name);
        source.name = to.coll;
        source.db.colls.set(to.coll, source);
        saveCatalog(source);
      });
      return;
    }
    // Across databases (different SQLite files): copy, then drop the source.
    const created = this.createCollection(to, deserialize(source.optionsBytes));
    void created;
    const dest = this.getColl(to) as CollState;
    this.createIndexes(to, source.indexes.filter((i) => i.table !== null).map((i) => copyDoc(i.spec)));
    this.batch(() => {
      for (const row of source.db.sqlite.query(`SELECT idk, doc FROM ${source.table} ORDER BY rid`).iterate() as IterableIterator<Row>) {
        this.insertRow(dest, row.idk, row.doc, deserialize(row.doc));
      }
    });
    this.dropCollection(from);
  }

  // ---- write plumbing ------------------------------------------------------------------------------------

  /**
   * Runs `fn` atomically on `db`: a SAVEPOINT (a transaction of its own outside `batch`) rolled back if `fn`
   * throws. Single-statement writes skip it (`atomic` false): SQLite makes one statement atomic already.
   */
  private write(db: DbState, needsSavepoint: boolean, fn: () => void): void {
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

  private serializeDoc(doc: Document): Uint8Array {
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

  private validateId(id: unknown): void {
    if (id === undefined) throw new MongoCommandError("InvalidIdField", "can't use a undefined for _id");
    if (Array.isArray(id)) throw new MongoCommandError("BadValue", "can't use an array for _id");
    if (id instanceof RegExp || typeRank(id) === TypeRank.RegExp) throw new MongoCommandError("BadValue", "can't use a regex for _id");
  }

  private duplicateKey(coll: CollState, index: IndexState, values: unknown[]): MongoCommandError {
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

  /** Keys `doc` contributes to `index`, or none when a partial/sparse index skips it. */
  private keysFor(index: IndexState, doc: Document): { keys: Uint8Array[]; values: unknown[][]; multikey: boolean } {
    if (index.partialMatcher && !index.partialMatcher(doc)) return { keys: [], values: [], multikey: false };
    const dk = documentKeys(doc, index.parts);
    if (index.sparse && dk.allMissing) return { keys: [], values: [], multikey: false };
    return dk;
  }

  private addIndexKeys(coll: CollState, index: IndexState, doc: Document, rid: number, known?: ReturnType<SqliteStorageEngine["keysFor"]>): void {
    const { keys, values, multikey } = known ?? this.keysFor(index, doc);
    if (keys.length === 0) return;
    const st = indexStatements(coll, index);
    if (multikey && !index.multikey) {
      index.multikey = true;
      saveCatalog(coll);
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as Uint8Array;
      if (index.unique && st.findKey.get(key, rid)) throw this.duplicateKey(coll, index, values[i] as unknown[]);
      st.insertKey.run(key, rid);
    }
  }

  private removeIndexKeys(coll: CollState, index: IndexState, doc: Document, rid: number): void {
    const { keys } = this.keysFor(index, doc);
    const st = indexStatements(coll, index);
    for (const key of keys) st.deleteKey.run(key, rid);
  }

  private insertRow(coll: CollState, idk: Uint8Array, bytes: Uint8Array, doc: Document): void {
    let rid: number;
    try {
      rid = Number(coll.insert.run(idk, bytes).lastInsertRowid);
    } catch (error) {
      if (isConstraintError(error)) throw this.duplicateKey(coll, coll.indexes[0] as IndexState, [doc._id]);
      throw error;
    }
    for (let i = 1; i < coll.indexes.length; i++) this.addIndexKeys(coll, coll.indexes[i] as IndexState, doc, rid);
  }

  /** Secondary indexes whose keys (or multikey state) differ between two versions of a document. */
  private indexChanges(coll: CollState, oldDoc: Document, doc: Document): IndexChange[] {
    const changes: IndexChange[] = [];
    for (let i = 1; i < coll.indexes.length; i++) {
      const index = coll.indexes[i] as IndexState;
      const before = this.keysFor(index, oldDoc);
      const after = this.keysFor(index, doc);
      if (sameKeys(before.keys, after.keys) && (index.multikey || !after.multikey)) continue;
      changes.push({ index, before: before.keys, after });
    }
    return changes;
  }

  private replaceRow(coll: CollState, rid: number, oldDoc: Document, bytes: Uint8Array, doc: Document, known?: IndexChange[]): void {
    for (const { index, before, after } of known ?? this.indexChanges(coll, oldDoc, doc)) {
      const st = indexStatements(coll, index);
      for (const key of before) st.deleteKey.run(key, rid);
      this.addIndexKeys(coll, index, doc, rid, after);
    }
    coll.update.run(bytes, rid);
  }

  private deleteRow(coll: CollState, rid: number, oldDoc: Document): void {
    for (let i = 1; i < coll.indexes.length; i++) this.removeIndexKeys(coll, coll.indexes[i] as IndexState, oldDoc, rid);
    coll.remove.run(rid);
  }

  private committedRow(coll: CollState, idk: Uint8Array): { rid: number; doc: Uint8Array } | null {
    return coll.byIdk.get(idk) as { rid: number; doc: Uint8Array } | null;
  }

  // ---- transactional conflict checks ---------------------------------------------------------------------

  private lockKey(coll: CollState, idk: Uint8Array): string {
    return `${coll.db.name}.${coll.name}\0${bytesToHex(idk)}`;
  }

  /** Outside a transaction: a document written by an open transaction is locked until it ends. */
  private checkUnlocked(coll: CollState, idk: Uint8Array): string | undefined {
    if (this.activeTxns.size === 0) return undefined;
    const key = this.lockKey(coll, idk);
    if (this.writers.has(key)) {
      throw new MongoCommandError(
        "WriteConflict",
        "Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.",
      );
    }
    return key;
  }

  /** After a committed change outside a transaction; `before` is the document's prior BSON (null: absent). */
  private noteCommitted(key: string | undefined, coll: CollState, idk: Uint8Array, rid: number, before: Uint8Array | null): void {
    if (key === undefined || this.activeTxns.size === 0) return;
    this.lastWrite.set(key, ++this.seq);
    this.savePreImages(nsKeyOf({ db: coll.db.name, coll: coll.name }), bytesToHex(idk), { idk, rid, bytes: before });
  }

  /** Gives every open transaction that has not seen this document change yet its state before the change. */
  private savePreImages(nsKey: string, hex: string, preImage: PreImage): void {
    for (const txn of this.activeTxns) {
      if (txn.writes.get(nsKey)?.has(hex)) continue;
      let saved = txn.preImages.get(nsKey);
      if (!saved) {
        saved = new Map();
        txn.preImages.set(nsKey, saved);
      }
      if (!saved.has(hex)) saved.set(hex, preImage);
    }
  }

  /** Catalog changes are not versioned: a dropped or renamed collection's pre-images must not resurface. */
  private forgetPreImages(matches: (nsKey: string) => boolean): void {
    for (const txn of this.activeTxns) for (const nsKey of [...txn.preImages.keys()]) if (matches(nsKey)) txn.preImages.delete(nsKey);
  }

  transactionStats(): { open: number; preImages: number } {
    let preImages = 0;
    for (const txn of this.activeTxns) for (const saved of txn.preImages.values()) preImages += saved.size;
    return { open: this.activeTxns.size, preImages };
  }

  private asTxn(txn: Transaction): EngineTransaction {
    if (!(txn instanceof EngineTransaction)) throw new MongoCommandError("NoSuchTransaction", "Transaction is not known to this engine");
    if (txn.state === "committed") throw new MongoCommandError("TransactionCommitted", `Transaction ${txn.id} has been committed.`);
    if (txn.state !== "active") {
      throw new MongoCommandError("NoSuchTransaction", `Transaction ${txn.id} has been aborted.`, { errorLabels: ["TransientTransactionError"] });
    }
    return txn;
  }

  private conflict(txn: EngineTransaction): MongoCommandError {
    this.finish(txn, "aborted");
    return new MongoCommandError(
      "WriteConflict",
      "Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.",
      { errorLabels: ["TransientTransactionError"] },
    );
  }

  private finish(txn: EngineTransaction, state: "committed" | "aborted"): void {
    txn.state = state;
    for (const [nsKey, coll] of txn.created) {
      this.write(coll.db, true, () => dropCollState(coll));
      this.uncommitted.delete(nsKey);
    }
    txn.created.clear();
    if (state === "aborted") {
      for (const name of txn.createdDbs) {
        const db = this.dbs.get(name);
        const pending = [...this.uncommitted.keys()].some((nsKey) => nsKey.startsWith(`${name}.`));
        if (db && db.colls.size === 0 && !pending) this.dropDatabase(name);
      }
    }
    txn.createdDbs.clear();
    for (const [nsKey, entries] of txn.writes) {
      for (const hex of entries.keys()) {
        const key = `${nsKey}\0${hex}`;
        if (this.writers.get(key) === txn) this.writers.delete(key);
      }
    }
    txn.preImages.clear();
    this.activeTxns.delete(txn);
    if (this.activeTxns.size === 0) this.lastWrite.clear();
  }

  /** The document with encoded id `idk` as `txn` sees it. */
  private txnVisible(txn: EngineTransaction, coll: CollState, idk: Uint8Array, hex: string): Document | null {
    const entry = txn.writes.get(`${coll.db.name}.${coll.name}`)?.get(hex);
    if (entry) return entry.doc;
    const row = this.committedRow(coll, idk);
    return row ? deserialize(row.doc) : null;
  }

  /**
   * Unique constraints against the latest committed data (minus what the txn overwrote) plus the txn's own
   * writes, as MongoDB checks them. A collision with a key that someone else changed after our snapshot (a
   * document now holding it that did not then, or one that held it then and no longer does) is a
   * WriteConflict in MongoDB, not a DuplicateKey: the transaction's retry will see the new state.
   */
  private txnUniqueCheck(txn: EngineTransaction, coll: CollState, hex: string, doc: Document): void {
    const overlay = txn.writes.get(`${coll.db.name}.${coll.name}`);
    const saved = txn.preImages.get(`${coll.db.name}.${coll.name}`);
    for (let i = 1; i < coll.indexes.length; i++) {
      const index = coll.indexes[i] as IndexState;
      if (!index.unique) continue;
      const { keys, values } = this.keysFor(index, doc);
      const st = indexStatements(coll, index);
      for (let n = 0; n < keys.length; n++) {
        const key = keys[n] as Uint8Array;
        const keyHex = bytesToHex(key);
        for (const row of st.findKeyIds.all(key) as { idk: Uint8Array }[]) {
          const otherHex = bytesToHex(row.idk);
          if (otherHex === hex || overlay?.has(otherHex)) continue;
          const then = saved?.get(otherHex);
          if (then && !(then.bytes && this.hasKey(index, (then.decoded ??= deserialize(then.bytes)), keyHex))) throw this.conflict(txn);
          throw this.duplicateKey(coll, index, values[n] as unknown[]);
        }
        if (saved) {
          for (const [otherHex, then] of saved) {
            if (otherHex === hex || !then.bytes || overlay?.has(otherHex)) continue;
            if (this.hasKey(index, (then.decoded ??= deserialize(then.bytes)), keyHex)) throw this.conflict(txn);
          }
        }
        if (overlay) {
          for (const [otherHex, entry] of overlay) {
            if (otherHex === hex || !entry.doc) continue;
            if (this.hasKey(index, entry.doc, keyHex)) {
              throw this.duplicateKey(coll, index, values[n] as unknown[]);
            }
          }
        }
      }
    }
  }

  private hasKey(index: IndexState, doc: Document, keyHex: string): boolean {
    return this.keysFor(index, doc).keys.some((k) => bytesToHex(k) === keyHex);
  }

  private txnWrite(
    txnArg: Transaction,
    coll: CollState,
    idk: Uint8Array,
    kind: "insert" | "replace" | "delete",
    doc: Document | null,
    bytes: Uint8Array | null,
  ): boolean {
    const txn = this.asTxn(txnArg);
    const hex = bytesToHex(idk);
    const key = this.lockKey(coll, idk);
    const owner = this.writers.get(key);
    if (owner && owner !== txn) throw this.conflict(txn);
    const last = this.lastWrite.get(key);
    if (last !== undefined && last > txn.startSeq) throw this.conflict(txn);
    const visible = this.txnVisible(txn, coll, idk, hex);
    if (kind === "insert" && visible) throw this.duplicateKey(coll, coll.indexes[0] as IndexState, [(doc as Document)._id]);
    if (kind !== "insert" && !visible) return false;
    if (doc) this.txnUniqueCheck(txn, coll, hex, doc);
    const nsKey = `${coll.db.name}.${coll.name}`;
    let overlay = txn.writes.get(nsKey);
    if (!overlay) {
      overlay = new Map();
      txn.writes.set(nsKey, overlay);
    }
    const previous = overlay.get(hex);
    overlay.set(hex, { idk, doc: doc ? deserialize(bytes as Uint8Array) : null, bytes, order: previous?.order ?? txn.nextOrder() });
    this.writers.set(key, txn);
    return true;
  }

  // ---- writes --------------------------------------------------------------------------------------------

  insertOne(ns: Namespace, doc: Document, options: WriteOptions = {}): void {
    this.validateId(doc._id);
    const bytes = this.serializeDoc(doc);
    const txn = this.txnOf(options.txn);
    const { coll } = this.ensureColl(ns, txn);
    const idk = encodeValue(doc._id);
    if (options.txn) {
      this.txnWrite(options.txn, coll, idk, "insert", doc, bytes);
      return;
    }
    const key = this.checkUnlocked(coll, idk);
    // Stored bytes, not `doc`, are what secondary keys come from: no aliasing with the caller's object.
    const stored = coll.indexes.length > 1 ? deserialize(bytes) : doc;
    this.write(coll.db, coll.indexes.length > 1, () => this.insertRow(coll, idk, bytes, stored));
    this.noteCommitted(key, coll, idk, 0, null);
  }

  replaceOne(ns: Namespace, id: unknown, doc: Document, options: WriteOptions = {}): void {
    if (doc._id !== undefined && !valuesEqual(doc._id, id)) {
      throw new MongoCommandError("ImmutableField", "After applying the update, the (immutable) field '_id' was found to have been altered");
    }
    const full = doc._id === undefined ? { _id: id, ...doc } : doc;
    const bytes = this.serializeDoc(full);
    const coll = this.visibleColl(ns, this.txnOf(options.txn));
    if (!coll) return;
    const idk = encodeValue(id);
    if (options.txn) {
      this.txnWrite(options.txn, coll, idk, "replace", full, bytes);
      return;
    }
    const key = this.checkUnlocked(coll, idk);
    const row = this.committedRow(coll, idk);
    if (!row) return;
    if (coll.indexes.length === 1) {
      this.write(coll.db, false, () => coll.update.run(bytes, row.rid));
    } else {
      const oldDoc = deserialize(row.doc);
      const stored = deserialize(bytes);
      // The common update leaves every secondary key alone: then it is one UPDATE, atomic without a savepoint.
      const changes = this.indexChanges(coll, oldDoc, stored);
      this.write(coll.db, changes.length > 0, () => this.replaceRow(coll, row.rid, oldDoc, bytes, stored, changes));
    }
    this.noteCommitted(key, coll, idk, row.rid, row.doc);
  }

  deleteOne(ns: Namespace, id: unknown, options: WriteOptions = {}): boolean {
    const coll = this.visibleColl(ns, this.txnOf(options.txn));
    if (!coll) return false;
    const idk = encodeValue(id);
    if (options.txn) return this.txnWrite(options.txn, coll, idk, "delete", null, null);
    const key = this.checkUnlocked(coll, idk);
    const row = this.committedRow(coll, idk);
    if (!row) return false;
    const needsOld = coll.indexes.length > 1;
    this.write(coll.db, needsOld, () => this.deleteRow(coll, row.rid, needsOld ? deserialize(row.doc) : {}));
    this.noteCommitted(key, coll, idk, row.rid, row.doc);
    return true;
  }

  // ---- reads ---------------------------------------------------------------------------------------------

  private scanStatement(coll: CollState, plan: Plan, bounded: { lo: boolean; hi: boolean }) {
    const dir = plan.direction === 1 ? "ASC" : "DESC";
    if (plan.stage === "COLLSCAN") return coll.db.sqlite.query(`SELECT rid, idk, doc FROM ${coll.table} ORDER BY rid ${dir}`);
    const index = plan.index as IndexState;
    const where: string[] = [];
    if (index.table === null) {
      if (bounded.lo) where.push("idk >= ?");
      if (bounded.hi) where.push("idk < ?");
      return coll.db.sqlite.query(
        `SELECT rid, idk, doc, idk AS k FROM ${coll.table}${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY idk ${dir}`,
      );
    }
    if (bounded.lo) where.push("x.k >= ?");
    if (bounded.hi) where.push("x.k < ?");
    return coll.db.sqlite.query(
      `SELECT c.rid AS rid, c.idk AS idk, c.doc AS doc, x.k AS k FROM ${index.table} x JOIN ${coll.table} c ON c.rid = x.rid` +
        `${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY x.k ${dir}, x.rid ${dir}`,
    );
  }

  /**
   * Streams the rows a plan visits, in plan order, until `visit` returns false. Descending index scans
   * reverse each run of equal keys so ties stay in natural order.
   */
  private scan(coll: CollState, plan: Plan, stats: { keys: number }, visit: (row: Row) => boolean): void {
    if (plan.stage === "COLLSCAN") {
      for (const row of this.scanStatement(coll, plan, { lo: false, hi: false }).iterate() as IterableIterator<Row>) {
        if (!visit(row)) return;
      }
      return;
    }
    const index = plan.index as IndexState;
    const seen = index.multikey ? new Set<number>() : null;
    const intervals = plan.direction === 1 ? plan.intervals : [...plan.intervals].reverse();
    for (const interval of intervals) {
      const params: Uint8Array[] = [];
      if (interval.lo) params.push(interval.lo);
      if (interval.hi) params.push(interval.hi);
      const stmt = this.scanStatement(coll, plan, { lo: interval.lo !== null, hi: interval.hi !== null });
      let group: Row[] = [];
      const flush = (): boolean => {
        for (let i = group.length - 1; i >= 0; i--) if (!visit(group[i] as Row)) return false;
        group = [];
        return true;
      };
      for (const row of stmt.iterate(...params) as IterableIterator<Row>) {
        stats.keys++;
        if (seen) {
          if (seen.has(row.rid)) continue;
          seen.add(row.rid);
        }
        if (plan.direction === 1) {
          if (!visit(row)) return;
          continue;
        }
        if (group.length > 0 && Buffer.compare(group[0]?.k as Uint8Array, row.k as Uint8Array) !== 0 && !flush()) return;
        group.push(row);
      }
      if (plan.direction === -1 && !flush()) return;
    }
  }

  /**
   * The pre-images a plan could match. On the `_id_` index the intervals bound the encoded `_id` itself, and
   * keys are prefix-free, so a point interval holds exactly one key: look it up instead of walking them all.
   */
  private *preImagesInPlan(saved: Map<string, PreImage>, plan: Plan): Iterable<[string, PreImage]> {
    if (plan.stage !== "IXSCAN" || (plan.index as IndexState).table !== null) {
      yield* saved;
      return;
    }
    const points = plan.intervals.every((i) => i.lo && i.hi && Buffer.compare(prefixSuccessor(i.lo), i.hi) === 0);
    if (points && plan.intervals.length < saved.size) {
      for (const interval of plan.intervals) {
        const hex = bytesToHex(interval.lo as Uint8Array);
        const then = saved.get(hex);
        if (then) yield [hex, then];
      }
      return;
    }
    for (const entry of saved) {
      const idk = entry[1].idk;
      if (plan.intervals.some((i) => (!i.lo || Buffer.compare(idk, i.lo) >= 0) && (!i.hi || Buffer.compare(idk, i.hi) < 0))) yield entry;
    }
  }

  /**
   * `raw`: results go straight into a reply, so when nothing in memory needs them (no sort here, no
   * transaction's own writes or snapshot to merge) they stay as stored BSON (ADR 0023).
   */
  private execute(ns: Namespace, filter: Document, options: FindOptions, mode: "find" | "raw" | "count" | "plan") {
    const txn = options.txn ? this.asTxn(options.txn) : undefined;
    const coll = this.visibleColl(ns, txn);
    const matcher: Matcher = compileFilter(filter ?? {}, { let: options.let, collation: options.collation });
    const overlay = coll && txn ? txn.writes.get(nsKeyOf(ns)) : undefined;
    const saved = coll && txn ? txn.preImages.get(nsKeyOf(ns)) : undefined;
    if (!coll) {
      return { docs: [] as Document[], count: 0, info: { stage: "COLLSCAN", docsExamined: 0, keysExamined: 0 } as QueryPlanInfo };
    }
    const plan = planQuery(coll.indexes, filter ?? {}, options);
    const hasSort = options.sort !== undefined && Object.keys(options.sort).length > 0;
    const simple = isSimpleCollation(options.collation);
    const snapshotted = saved !== undefined && saved.size > 0;
    // Rows the transaction sees differently (own writes, snapshot pre-images) are skipped in the scan and
    // matched separately: an index finds them by their latest keys, not by the keys the transaction sees.
    const overlaid = (overlay !== undefined && overlay.size > 0) || snapshotted;
    const providesSort = plan.providesSort && simple && !overlaid;
    const needSort = hasSort && !providesSort;
    const skip = Math.max(0, options.skip ?? 0);
    const limit = Math.abs(options.limit ?? 0);
    const stopAfter = !needSort && !overlaid && limit > 0 ? skip + limit : Number.POSITIVE_INFINITY;
    const stats = { keys: 0, docs: 0 };
    const matched: { rid: number; doc: Document }[] = [];
    let count = 0;
    const keepDocs = mode === "find" || mode === "raw" || needSort || overlaid;
    const passBytes = mode === "raw" && !needSort && !overlaid;
    // The index bounds already prove the filter: the stored document need not be decoded at all.
    const exact = (passBytes || (mode === "count" && !overlaid)) && boundsImplyFilter(plan, filter ?? {}, options.collation);
    const rawMatched = matched as { rid: number; doc: ResultDocument }[];
    this.scan(coll, plan, stats, (row) => {
      if (overlaid) {
        const hex = bytesToHex(row.idk);
        if (overlay?.has(hex) || saved?.has(hex)) return true;
      }
      stats.docs++;
      if (exact) {
        count++;
        if (passBytes) rawMatched.push({ rid: row.rid, doc: new RawBson(row.doc) });
        return count < stopAfter;
      }
      const doc = deserialize(row.doc);
      if (!matcher(doc)) return true;
      count++;
      if (passBytes) rawMatched.push({ rid: row.rid, doc: new RawBson(row.doc) });
      else if (keepDocs) matched.push({ rid: row.rid, doc });
      return count < stopAfter;
    });
    if (snapshotted) {
      for (const [hex, then] of this.preImagesInPlan(saved, plan)) {
        if (then.bytes === null || overlay?.has(hex)) continue;
        then.decoded ??= deserialize(then.bytes);
        stats.docs++;
        if (matcher(then.decoded)) {
          count++;
          matched.push({ rid: then.rid, doc: deserialize(then.bytes) });
        }
      }
      // Natural order, which a collection scan promises and index-scan sorts use to break ties.
      if (!needSort && plan.stage === "COLLSCAN") matched.sort((a, b) => (a.rid - b.rid) * plan.direction);
    }
    if (overlay !== undefined && overlay.size > 0) {
      const extra = [...overlay.values()].filter((e) => e.doc !== null).sort((a, b) => a.order - b.order);
      for (const entry of extra) {
        const doc = deserialize(entry.bytes as Uint8Array);
        if (matcher(doc)) {
          count++;
          matched.push({ rid: Number.MAX_SAFE_INTEGER, doc });
        }
      }
    }
    const info: QueryPlanInfo = {
      stage: plan.stage,
      ...(plan.index ? { indexName: plan.index.name } : {}),
      docsExamined: stats.docs,
      keysExamined: stats.keys,
    };
    let docs: Document[] = [];
    if (keepDocs) {
      if (needSort) {
        if (plan.stage === "IXSCAN" || snapshotted) matched.sort((a, b) => a.rid - b.rid);
        docs = sortDocuments(
          matched.map((m) => m.doc),
          options.sort as Record<string, unknown>,
          options.collation,
        );
      } else {
        docs = matched.map((m) => m.doc);
      }
      docs = limit > 0 ? docs.slice(skip, skip + limit) : docs.slice(skip);
    }
    const total = limit > 0 ? Math.max(0, Math.min(count - skip, limit)) : Math.max(0, count - skip);
    return { docs, count: total, info };
  }

  find(ns: Namespace, filter: Document, options: FindOptions = {}): Document[] {
    return this.execute(ns, filter, options, "find").docs;
  }

  findForReply(ns: Namespace, filter: Document, options: FindOptions = {}): ResultDocument[] {
    return this.execute(ns, filter, options, "raw").docs;
  }

  count(ns: Namespace, filter: Document, options: FindOptions = {}): number {
    return this.execute(ns, filter, options, "count").count;
  }

  plan(ns: Namespace, filter: Document, options: FindOptions = {}): QueryPlanInfo {
    return this.execute(ns, filter, options, "plan").info;
  }

  // ---- indexes -------------------------------------------------------------------------------------------

  private normalizeSpec(spec: IndexSpec): IndexSpec {
    if (!spec || typeof spec !== "object" || !spec.key || typeof spec.key !== "object" || Object.keys(spec.key).length === 0) {
      throw new MongoCommandError("FailedToParse", "Index key pattern must be a non-empty object");
    }
    for (const [field, dir] of Object.entries(spec.key)) {
      if (typeof dir === "string") {
        throw new MongoCommandError("CommandNotSupported", `Index type '${dir}' is not supported by the embedded server (field ${field})`);
      }
      const n = Number(dir);
      if (!Number.isFinite(n) || n === 0) {
        throw new MongoCommandError("CannotCreateIndex", `Values in the index key pattern can't be 0 or non-numeric: ${formatValue(spec.key)}`);
      }
    }
    const key: Record<string, 1 | -1> = {};
    for (const [field, dir] of Object.entries(spec.key)) key[field] = Number(dir) < 0 ? -1 : 1;
    const name = typeof spec.name === "string" && spec.name.length > 0 ? spec.name : Object.entries(key).map(([k, v]) => `${k}_${v}`).join("_");
    const { v: _v, key: _key, name: _name, ...rest } = copyDoc(spec);
    const out: IndexSpec = { v: 2, key, name, ...rest };
    if (out.unique === false) delete out.unique;
    if (out.sparse === false) delete out.sparse;
    if (out.partialFilterExpression !== undefined) {
      if (out.partialFilterExpression === null || typeof out.partialFilterExpression !== "object") {
        throw new MongoCommandError("CannotCreateIndex", "partialFilterExpression must be an object");
      }
      compileFilter(out.partialFilterExpression);
    }
    if (name === "_id_" || (Object.keys(key).length === 1 && key._id !== undefined)) {
      if (name === "_id_" && !(Object.keys(key).length === 1 && key._id === 1)) {
        throw new MongoCommandError("BadValue", "The index name '_id_' is reserved for the _id index");
      }
    }
    return out;
  }

  createIndexes(ns: Namespace, specs: IndexSpec[], writeOptions: WriteOptions = {}) {
    const txn = this.txnOf(writeOptions.txn);
    if (txn) this.checkIndexableInTxn(ns, txn);
    const { coll, created } = this.ensureColl(ns, txn);
    const before = coll.indexes.length;
    const options = (s: IndexSpec) => {
      const { v: _v, key: _k, name: _n, ...rest } = s;
      return rest;
    };
    const toCreate: IndexSpec[] = [];
    for (const raw of specs) {
      const spec = this.normalizeSpec(raw);
      if (Object.keys(spec.key).length === 1 && spec.key._id === 1 && spec.name === "_id_") continue;
      const sameName = [...coll.indexes.map((i) => i.spec), ...toCreate].find((s) => s.name === spec.name);
      const sameKey = [...coll.indexes.map((i) => i.spec), ...toCreate].find((s) => valuesEqual(s.key, spec.key));
      if (sameName) {
        if (!valuesEqual(sameName.key, spec.key)) {
          throw new MongoCommandError(
            "IndexKeySpecsConflict",
            `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${formatValue(spec)}, existing index: ${formatValue(sameName)}`,
          );
        }
        if (!valuesEqual(options(sameName), options(spec))) {
          throw new MongoCommandError(
            "IndexOptionsConflict",
            `An equivalent index already exists with the same name but different options. Requested index: ${formatValue(spec)}, existing index: ${formatValue(sameName)}`,
          );
        }
        continue;
      }
      if (sameKey && valuesEqual(options(sameKey), options(spec))) {
        throw new MongoCommandError("IndexOptionsConflict", `Index already exists with a different name: ${sameKey.name}`);
      }
      if (sameKey && sameKey.name === "_id_") {
        throw new MongoCommandError("BadValue", "The _id index cannot be created with different options");
      }
      toCreate.push(spec);
    }
    if (toCreate.length > 0) {
      this.write(coll.db, true, () => {
        const added: IndexState[] = [];
        try {
          for (const spec of toCreate) {
            const table = `x${coll.cid}_${coll.nextIndexId++}`;
            coll.db.sqlite.run(`CREATE TABLE ${table} (k BLOB NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (k, rid)) WITHOUT ROWID`);
            const index = makeIndexState(spec, table, false);
            coll.indexes.push(index);
            added.push(index);
            for (const row of coll.db.sqlite.query(`SELECT rid, doc FROM ${coll.table} ORDER BY rid`).all() as Row[]) {
              this.addIndexKeys(coll, index, deserialize(row.doc), row.rid);
            }
          }
          saveCatalog(coll);
        } catch (error) {
          coll.indexes = coll.indexes.filter((i) => !added.includes(i));
          throw error;
        }
      });
    }
    const result: { createdCollectionAutomatically: boolean; numIndexesBefore: number; numIndexesAfter: number; note?: string } = {
      createdCollectionAutomatically: created,
      numIndexesBefore: before,
      numIndexesAfter: coll.indexes.length,
    };
    if (toCreate.length === 0) result.note = "all indexes already exist";
    return result;
  }

  /** MongoDB 4.4+: in a transaction, only a missing collection or an empty one the transaction created. */
  private checkIndexableInTxn(ns: Namespace, txn: EngineTransaction): void {
    const nsKey = nsKeyOf(ns);
    const own = txn.created.get(nsKey);
    if (!own && this.getColl(ns)) {
      throw new MongoCommandError("OperationNotSupportedInTransaction", `Cannot create new indexes on existing collection ${nsKey} in a multi-document transaction.`);
    }
    if (own && [...(txn.writes.get(nsKey)?.values() ?? [])].some((e) => e.doc !== null)) {
      throw new MongoCommandError("OperationNotSupportedInTransaction", `Cannot create new indexes on non-empty collection ${nsKey} in a multi-document transaction.`);
    }
  }

  listIndexes(ns: Namespace, txnArg?: Transaction): IndexSpec[] {
    const coll = this.visibleColl(ns, this.txnOf(txnArg));
    if (!coll) throw new MongoCommandError("NamespaceNotFound", `ns does not exist: ${ns.db}.${ns.coll}`);
    return coll.indexes.map((i) => (i.table === null ? copyDoc(ID_INDEX_SPEC) : copyDoc(i.spec)));
  }

  dropIndexes(ns: Namespace, names: string[] | "*" | Document): { nIndexesWas: number } {
    const coll = this.getColl(ns);
    if (!coll) throw new MongoCommandError("NamespaceNotFound", `ns not found ${ns.db}.${ns.coll}`);
    const was = coll.indexes.length;
    let victims: IndexState[];
    if (names === "*") {
      victims = coll.indexes.filter((i) => i.table !== null);
    } else if (Array.isArray(names)) {
      victims = names.map((name) => {
        if (name === "_id_") throw new MongoCommandError("InvalidOptions", "cannot drop _id index");
        const index = coll.indexes.find((i) => i.name === name);
        if (!index) throw new MongoCommandError("IndexNotFound", `index not found with name [${name}]`);
        return index;
      });
    } else {
      const index = coll.indexes.find((i) => valuesEqual(i.key, names));
      if (!index) throw new MongoCommandError("IndexNotFound", `can't find index with key: ${formatValue(names)}`);
      if (index.table === null) throw new MongoCommandError("InvalidOptions", "cannot drop _id index");
      victims = [index];
    }
    if (victims.length > 0) {
      this.write(coll.db, true, () => {
        for (const v of victims) coll.db.sqlite.run(`DROP TABLE IF EXISTS ${v.table}`);
        coll.indexes = coll.indexes.filter((i) => !victims.includes(i));
        saveCatalog(coll);
      });
    }
    return { nIndexesWas: was };
  }

  // ---- transactions --------------------------------------------------------------------------------------

  beginTransaction(): Transaction {
    this.assertOpen();
    const txn = new EngineTransaction(`txn-${++this.txnCounter}`, this.seq);
    this.activeTxns.add(txn);
    return txn;
  }

  commitTransaction(txnArg: Transaction): void {
    const txn = this.asTxn(txnArg);
    // Collections first (outside the data transaction) so the in-memory catalog never holds rolled-back ones.
    const work: { coll: CollState; entries: OverlayEntry[] }[] = [];
    for (const [nsKey, entries] of txn.writes) {
      const dot = nsKey.indexOf(".");
      const ns = { db: nsKey.slice(0, dot), coll: nsKey.slice(dot + 1) };
      const list = [...entries.values()].sort((a, b) => a.order - b.order);
      const coll = txn.created.get(nsKey) ?? (list.some((e) => e.doc) ? this.ensureColl(ns).coll : this.getColl(ns));
      if (coll) work.push({ coll, entries: list });
    }
    const created = [...txn.created.values()];
    const dbs = [...new Set([...work.map((w) => w.coll.db), ...created.map((c) => c.db)])];
    const begun: DbState[] = [];
    const changed: { coll: CollState; idk: Uint8Array; rid: number; before: Uint8Array | null }[] = [];
    try {
      for (const db of dbs) {
        db.sqlite.run(db.inBatch ? "SAVEPOINT txn" : "BEGIN IMMEDIATE");
        begun.push(db);
      }
      // Catalog rows in the same SQLite transaction as the documents: the collection, its indexes and its
      // documents appear together.
      for (const coll of created) {
        coll.uncommitted = undefined;
        saveCatalog(coll);
      }
      for (const { coll, entries } of work) {
        for (const entry of entries) {
          const row = this.committedRow(coll, entry.idk);
          if (row || entry.doc !== null) changed.push({ coll, idk: entry.idk, rid: row?.rid ?? 0, before: row?.doc ?? null });
          if (entry.doc === null) {
            if (row) this.deleteRow(coll, row.rid, deserialize(row.doc));
          } else if (row) {
            this.replaceRow(coll, row.rid, deserialize(row.doc), entry.bytes as Uint8Array, deserialize(entry.bytes as Uint8Array));
          } else {
            this.insertRow(coll, entry.idk, entry.bytes as Uint8Array, deserialize(entry.bytes as Uint8Array));
          }
        }
      }
      for (const db of begun) db.sqlite.run(db.inBatch ? "RELEASE txn" : "COMMIT");
    } catch (error) {
      for (const coll of created) coll.uncommitted = true;
      for (const db of begun) {
        if (db.inBatch) {
          db.sqlite.run("ROLLBACK TO txn");
          db.sqlite.run("RELEASE txn");
        } else {
          db.sqlite.run("ROLLBACK");
        }
      }
      this.finish(txn, "aborted");
      throw error;
    }
    for (const coll of created) {
      coll.db.colls.set(coll.name, coll);
      this.uncommitted.delete(nsKeyOf({ db: coll.db.name, coll: coll.name }));
    }
    txn.created.clear();
    this.finish(txn, "committed");
    if (this.activeTxns.size === 0) return;
    for (const { coll, idk, rid, before } of changed) {
      this.lastWrite.set(this.lockKey(coll, idk), ++this.seq);
      this.savePreImages(nsKeyOf({ db: coll.db.name, coll: coll.name }), bytesToHex(idk), { idk, rid, bytes: before });
    }
  }

  abortTransaction(txnArg: Transaction): void {
    if (!(txnArg instanceof EngineTransaction) || txnArg.state !== "active") return;
    this.finish(txnArg, "aborted");
  }

  // ---- lifecycle -----------------------------------------------------------------------------------------

  private assertOpen(): void {
    if (this.closed) throw new MongoCommandError("InternalError", "storage engine is closed");
  }

  close(): void {
    if (this.closed) return;
    for (const txn of [...this.activeTxns]) this.finish(txn, "aborted");
    for (const db of this.dbs.values()) {
      if (db.inBatch) db.sqlite.run("COMMIT");
      if (db.path) db.sqlite.run("PRAGMA wal_checkpoint(TRUNCATE)");
      db.sqlite.close(false);
    }
    this.dbs.clear();
    this.closed = true;
  }
}
