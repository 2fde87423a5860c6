/**
 * The storage engine: catalog, CRUD, indexes and transactions over store.ts (SQLite) and planner.ts. One class
 * built in layers, a file per section: engine-base (state, atomic writes) → engine-rows → engine-conflicts →
 * engine-catalog → engine-writes → engine-reads → engine-indexes → this file (transactions, lifecycle).
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
import { deserialize } from "../bson-numbers";
import { bytesToHex } from "./keys";
import { saveCatalog, type CollState, type DbState } from "./store";
import type { StorageEngine, Transaction } from "./types";
import { EngineTransaction, nsKeyOf, type OverlayEntry } from "./engine-base";
import { EngineIndexes } from "./engine-indexes";

export { MAX_BSON_SIZE } from "./engine-base";

export class SqliteStorageEngine extends EngineIndexes implements StorageEngine {
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
