/**
 * The contract between the storage engine (`engine/`) and the command layer (`commands/`, wire protocol).
 *
 * The engine owns: durable storage in SQLite (one file per database under the data directory, WAL; or
 * in-memory), the catalog (databases, collections with options and UUIDs), indexes (unique, compound,
 * partial, sparse; used to answer equality/range filters and sorts without scanning), filter matching and
 * sort order with MongoDB's BSON comparison semantics, and transactions (isolation, write conflicts,
 * all-or-nothing commit).
 *
 * The command layer owns everything above: parsing commands and options, update operators, upserts,
 * projections, aggregation pipelines, document validation, cursors, sessions/txnNumber rules, replies.
 *
 * All engine calls are synchronous (bun:sqlite is synchronous; JavaScript runs one call at a time, so each
 * call is atomic with respect to other clients). Documents crossing this boundary are plain JS objects as
 * produced by `bson`'s `deserialize` with default options (ObjectId, Decimal128, Binary, Timestamp, Long,
 * UUID... stay `bson` class instances; int32/double become numbers). The engine never mutates a document it is
 * given nor lets callers mutate one it stores: it copies (or stores serialized BSON) on the way in and out.
 *
 * Every failure is a `MongoCommandError` (../errors.ts) with MongoDB's code and message.
 */
import type { MongoCommandError } from "../errors";
import type { ResultDocument } from "../raw-bson";

export type Document = Record<string, unknown>;

/** "db.collection" split in two; collection names may contain dots. */
export interface Namespace {
  db: string;
  coll: string;
}

export interface EngineOptions {
  /** Directory for `<db>.sqlite` files. Required unless `memory` is true. */
  dataDir?: string;
  /** Keep everything in memory (tests). */
  memory?: boolean;
}

export interface DatabaseInfo {
  name: string;
  sizeOnDisk: number;
  empty: boolean;
}

/** As listCollections returns it (minus the cursor wrapping). */
export interface CollectionInfo {
  name: string;
  /** A view is a catalog entry whose options hold `viewOn` and `pipeline`; it stores no documents. */
  type: "collection" | "view";
  /** Options given at creation (validator, validationLevel, validationAction, viewOn/pipeline, collation...). */
  options: Document;
  info: { readOnly: boolean; uuid?: unknown /* bson UUID */ };
  idIndex?: { v: 2; key: { _id: 1 }; name: "_id_" };
}

/** As listIndexes returns it: `{ v: 2, key, name, unique?, sparse?, partialFilterExpression?, ... }`. */
export interface IndexSpec {
  v?: number;
  key: Record<string, 1 | -1 | string>;
  name: string;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  collation?: Document;
  [option: string]: unknown;
}

export interface SortSpec {
  [path: string]: 1 | -1 | { $meta: string };
}

export interface FindOptions {
  /** MongoDB sort document; ties keep natural (insertion) order. */
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  /**
   * Index name or key pattern. An index that does not exist is an error (BadValue, "hint provided does not
   * correspond to an existing index"). `{ $natural: 1 | -1 }` forces a collection scan in that order.
   */
  hint?: string | Document;
  /** Collation document; `{ locale: "simple" }` or undefined = binary comparison. */
  collation?: Document;
  /** Variables for `$expr` in the filter (`let` option). */
  let?: Document;
  /** Read inside this transaction (its snapshot plus its own uncommitted writes). */
  txn?: Transaction;
  /** maxTimeMS as an absolute Date.now() time: the scan fails with MaxTimeMSExpired (50) past it. */
  deadline?: number;
}

/** What a query did, so tests and `explain`-like diagnostics can prove an index was used. */
export interface QueryPlanInfo {
  /** "COLLSCAN" or "IXSCAN" */
  stage: "COLLSCAN" | "IXSCAN";
  indexName?: string;
  docsExamined: number;
  keysExamined: number;
  /** What `explain` shows besides the counts: only from `engine.explain()`, absent when the collection does not exist. */
  detail?: {
    /** Documents that matched the filter (before skip/limit), and those the read returns. */
    nMatched: number;
    nReturned: number;
    direction: 1 | -1;
    /** The requested sort had to be applied in memory (an explain's SORT stage). */
    sortInMemory: boolean;
    index?: { keyPattern: Document; multikey: boolean; unique: boolean; sparse: boolean; partial: boolean };
  };
}

export interface WriteOptions {
  txn?: Transaction;
}

/**
 * A multi-document transaction of one logical session. Reads through it see a snapshot taken at
 * `beginTransaction` (documents inserted, changed or deleted by others afterwards keep their state at the
 * snapshot) plus its own writes; its writes are invisible to everyone else until `commit`. Catalog changes
 * (collections dropped, renamed, indexes) are not part of the snapshot. Writing a document that another open
 * transaction has written, or that was committed by someone else after this transaction's snapshot, throws
 * WriteConflict (112) with errorLabels ["TransientTransactionError"] (the engine then marks the transaction
 * aborted). A write outside any transaction to a document an open transaction has written throws
 * WriteConflict too (without the label); the command layer retries it until the transaction ends or
 * maxTimeMS expires, which is how MongoDB blocks such writes.
 */
export interface Transaction {
  readonly id: string;
  readonly state: "active" | "committed" | "aborted";
}

export interface StorageEngine {
  // ---- catalog -------------------------------------------------------------------------------------------
  listDatabases(): DatabaseInfo[];
  /** Drops every collection and the database file. No error if absent. */
  dropDatabase(db: string): void;
  /** With `txn`, also the collections that transaction created (nobody else sees them before it commits). */
  listCollections(db: string, txn?: Transaction): CollectionInfo[];
  /** Undefined when the collection does not exist (for `txn`, when given). */
  getCollection(ns: Namespace, txn?: Transaction): CollectionInfo | undefined;
  /**
   * Throws NamespaceExists (48) if present. Invalid names → InvalidNamespace (73). With `txn` the collection
   * is part of the transaction: invisible to others until it commits, dropped if it aborts. Creating a
   * collection (explicitly or by a first write) that an open transaction is creating throws WriteConflict
   * (112): transient and aborting for another transaction, retried by the command layer for a plain write.
   */
  createCollection(ns: Namespace, options?: Document, txn?: Transaction): CollectionInfo;
  /** Replaces a collection's options (collMod); NamespaceNotFound (26) when it does not exist. */
  setCollectionOptions(ns: Namespace, options: Document): void;
  /** Returns false if it did not exist. */
  dropCollection(ns: Namespace): boolean;
  /** NamespaceNotFound if `from` is missing; NamespaceExists if `to` exists and !dropTarget. */
  renameCollection(from: Namespace, to: Namespace, options?: { dropTarget?: boolean }): void;

  // ---- reads ---------------------------------------------------------------------------------------------
  /**
   * Documents of `ns` matching `filter` (full MongoDB query language; an unsupported operator throws a
   * MongoCommandError naming it), sorted/skipped/limited. A missing collection yields []. Uses an index for
   * equality/range/$in on indexed fields and for sorts when it can.
   */
  find(ns: Namespace, filter: Document, options?: FindOptions): Document[];
  /**
   * `find` for a reply that nothing else reads: documents may come back as their stored BSON (RawBson), byte
   * for byte as stored, which the wire encoder splices into the batch.
   */
  findForReply(ns: Namespace, filter: Document, options?: FindOptions): ResultDocument[];
  /** Same selection as `find` without materialising more than needed for the count. */
  count(ns: Namespace, filter: Document, options?: FindOptions): number;
  /**
   * `find`, `findForReply` and `count` for commands: a long scan pauses so other clients are served between
   * its chunks (outside transactions; see engine-reads.ts).
   */
  findYielding(ns: Namespace, filter: Document, options?: FindOptions): Promise<Document[]>;
  findForReplyYielding(ns: Namespace, filter: Document, options?: FindOptions): Promise<ResultDocument[]>;
  countYielding(ns: Namespace, filter: Document, options?: FindOptions): Promise<number>;
  /** How `find` would run (for tests / explain). */
  plan(ns: Namespace, filter: Document, options?: FindOptions): QueryPlanInfo;
  /** `plan` with what `explain` shows besides the counts (`detail`). */
  explain(ns: Namespace, filter: Document, options?: FindOptions): QueryPlanInfo;

  // ---- writes (each durable once the call returns; the collection is created implicitly) ---------------
  /**
   * Inserts one document. The caller has already ensured `_id` exists (first field) and names are valid.
   * Duplicate `_id` or unique-index violation → DuplicateKey (11000) with `keyPattern` and `keyValue`, and
   * the MongoDB message `E11000 duplicate key error collection: db.coll index: name dup key: { ... }`.
   */
  insertOne(ns: Namespace, doc: Document, options?: WriteOptions): void;
  /** Replaces the whole document whose `_id` equals `id`. Unique violations as for insertOne. */
  replaceOne(ns: Namespace, id: unknown, doc: Document, options?: WriteOptions): void;
  /** Deletes the document whose `_id` equals `id`; returns whether one was deleted. */
  deleteOne(ns: Namespace, id: unknown, options?: WriteOptions): boolean;
  /**
   * Runs `fn` (a sequence of the writes above) in one SQLite transaction for speed, e.g. a batch insert.
   * Writes that threw inside `fn` and were caught by `fn` do not roll back the others.
   */
  batch<T>(fn: () => T): T;

  // ---- indexes -------------------------------------------------------------------------------------------
  /** Creates the collection implicitly. Existing identical spec = no-op; same name/other key → IndexKeySpecsConflict (86); same key/other name or options → IndexOptionsConflict (85); existing data violating a new unique index → DuplicateKey. */
  /**
   * With `options.txn`: only on a missing collection or an empty one the transaction created, else
   * OperationNotSupportedInTransaction (263); the indexes commit with the transaction.
   */
  createIndexes(
    ns: Namespace,
    specs: IndexSpec[],
    options?: WriteOptions,
  ): { createdCollectionAutomatically: boolean; numIndexesBefore: number; numIndexesAfter: number; note?: string };
  /** NamespaceNotFound (26) when the collection does not exist. Always includes `_id_` first. */
  listIndexes(ns: Namespace, txn?: Transaction): IndexSpec[];
  /** Sets (undefined: removes) options of the named index; returns its spec before. IndexNotFound (27). */
  setIndexOptions(ns: Namespace, name: string, options: Document): IndexSpec;
  /** `"*"` drops all but `_id_`; an unknown name → IndexNotFound (27); dropping `_id_` → InvalidOptions (72). */
  dropIndexes(ns: Namespace, names: string[] | "*" | Document): { nIndexesWas: number };

  // ---- transactions --------------------------------------------------------------------------------------
  beginTransaction(): Transaction;
  /** Applies every write atomically and durably; throws (and applies nothing) if it cannot. */
  commitTransaction(txn: Transaction): void;
  abortTransaction(txn: Transaction): void;
  /** Open transactions and the snapshot pre-images they hold (diagnostics: serverStatus, leak tests). */
  transactionStats(): { open: number; preImages: number };

  /** Flushes and closes every SQLite handle. */
  close(): void;
}

export type EngineFactory = (options: EngineOptions) => StorageEngine;
export type { MongoCommandError };
