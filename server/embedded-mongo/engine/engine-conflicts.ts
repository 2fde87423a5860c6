/**
 * Transactional conflict checks: write locks held by open transactions, commit sequence numbers, the
 * copy-on-write pre-images behind snapshot reads, and a transaction's own writes (its overlay).
 */
import { deserialize } from "../bson-numbers";
import { MongoCommandError } from "../errors";
import { bytesToHex } from "./keys";
import { dropCollState, indexStatements, type CollState, type IndexState } from "./store";
import type { Document, Transaction } from "./types";
import { EngineTransaction, nsKeyOf, type PreImage } from "./engine-base";
import { EngineRows } from "./engine-rows";

export abstract class EngineConflicts extends EngineRows {
  /** Defined by the catalog: an aborted transaction drops the databases it brought into being. */
  abstract dropDatabase(name: string): void;

  protected lockKey(coll: CollState, idk: Uint8Array): string {
    return `${coll.db.name}.${coll.name}\0${bytesToHex(idk)}`;
  }

  /** Outside a transaction: a document written by an open transaction is locked until it ends. */
  protected checkUnlocked(coll: CollState, idk: Uint8Array): string | undefined {
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
  protected noteCommitted(key: string | undefined, coll: CollState, idk: Uint8Array, rid: number, before: Uint8Array | null): void {
    if (key === undefined || this.activeTxns.size === 0) return;
    this.lastWrite.set(key, ++this.seq);
    this.savePreImages(nsKeyOf({ db: coll.db.name, coll: coll.name }), bytesToHex(idk), { idk, rid, bytes: before });
  }

  /** Gives every open transaction that has not seen this document change yet its state before the change. */
  protected savePreImages(nsKey: string, hex: string, preImage: PreImage): void {
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
  protected forgetPreImages(matches: (nsKey: string) => boolean): void {
    for (const txn of this.activeTxns) for (const nsKey of [...txn.preImages.keys()]) if (matches(nsKey)) txn.preImages.delete(nsKey);
  }

  transactionStats(): { open: number; preImages: number } {
    let preImages = 0;
    for (const txn of this.activeTxns) for (const saved of txn.preImages.values()) preImages += saved.size;
    return { open: this.activeTxns.size, preImages };
  }

  protected conflict(txn: EngineTransaction): MongoCommandError {
    this.finish(txn, "aborted");
    return new MongoCommandError(
      "WriteConflict",
      "Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.",
      { errorLabels: ["TransientTransactionError"] },
    );
  }

  protected finish(txn: EngineTransaction, state: "committed" | "aborted"): void {
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
  protected txnVisible(txn: EngineTransaction, coll: CollState, idk: Uint8Array, hex: string): Document | null {
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
  protected txnUniqueCheck(txn: EngineTransaction, coll: CollState, hex: string, doc: Document): void {
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

  protected hasKey(index: IndexState, doc: Document, keyHex: string): boolean {
    return this.keysFor(index, doc).keys.some((k) => bytesToHex(k) === keyHex);
  }

  protected txnWrite(
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
}
