/** Single-document writes: committed at once, or into the open transaction's overlay. */
import { deserialize } from "../bson-numbers";
import { MongoCommandError } from "../errors";
import { valuesEqual } from "../query/compare";
import { encodeValue } from "./keys";
import type { Document, Namespace, WriteOptions } from "./types";
import { EngineCatalog } from "./engine-catalog";

export abstract class EngineWrites extends EngineCatalog {
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
}
