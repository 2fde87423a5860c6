/** The catalog: databases and collections, created, listed, dropped and renamed. */
import { serialize } from "bson";
import { deserialize } from "../bson-numbers";
import { MongoCommandError } from "../errors";
import { validateNamespace } from "./names";
import {
  createCollState,
  databaseSize,
  dropCollState,
  removeDatabaseFiles,
  saveCatalog,
  type CollState,
  type DbState,
} from "./store";
import type { CollectionInfo, DatabaseInfo, Document, IndexSpec, Namespace, Transaction, WriteOptions } from "./types";
import { copyDoc, EngineTransaction, nsKeyOf, type Row } from "./engine-base";
import { EngineConflicts } from "./engine-conflicts";

export abstract class EngineCatalog extends EngineConflicts {
  /** Defined with the indexes: a rename across databases copies them. */
  abstract createIndexes(ns: Namespace, specs: IndexSpec[], writeOptions?: WriteOptions): { numIndexesAfter: number };

  protected ensureColl(ns: Namespace, txn?: EngineTransaction): { coll: CollState; created: boolean } {
    const existing = this.visibleColl(ns, txn);
    if (existing) return { coll: existing, created: false };
    validateNamespace(ns, true);
    return { coll: this.newColl(ns, {}, txn), created: true };
  }

  /** Creates a collection, committed at once outside a transaction, or as part of `txn`. */
  protected newColl(ns: Namespace, options: Document, txn: EngineTransaction | undefined): CollState {
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

  protected collectionInfo(coll: CollState): CollectionInfo {
    const options = deserialize(coll.optionsBytes);
    // As listCollections shows a view: no uuid, no _id index, read-only.
    if (options.viewOn !== undefined) return { name: coll.name, type: "view", options, info: { readOnly: true } };
    return {
      name: coll.name,
      type: "collection",
      options,
      info: { readOnly: false, uuid: coll.uuid },
      idIndex: { v: 2, key: { _id: 1 }, name: "_id_" },
    };
  }

  setCollectionOptions(ns: Namespace, options: Document): void {
    const coll = this.getColl(ns);
    if (!coll) throw new MongoCommandError("NamespaceNotFound", `ns does not exist: ${ns.db}.${ns.coll}`);
    this.write(coll.db, true, () => {
      coll.optionsBytes = serialize(options);
      saveCatalog(coll);
    });
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
}
