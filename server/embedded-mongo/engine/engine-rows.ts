/** Rows and their index keys: the SQLite writes behind every committed document change. */

import { documentKeys } from "./keys";
import { indexStatements, saveCatalog, type CollState, type IndexState } from "./store";
import type { Document } from "./types";
import { isConstraintError, sameKeys, type DocumentIndexKeys, type IndexChange } from "./engine-base";
import { EngineBase } from "./engine-base";

export abstract class EngineRows extends EngineBase {
  /** Keys `doc` contributes to `index`, or none when a partial/sparse index skips it. */
  protected keysFor(index: IndexState, doc: Document): DocumentIndexKeys {
    if (index.partialMatcher && !index.partialMatcher(doc)) return { keys: [], values: [], multikey: false };
    const dk = documentKeys(doc, index.parts);
    if (index.sparse && dk.allMissing) return { keys: [], values: [], multikey: false };
    return dk;
  }

  protected addIndexKeys(coll: CollState, index: IndexState, doc: Document, rid: number, known?: DocumentIndexKeys): void {
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

  protected removeIndexKeys(coll: CollState, index: IndexState, doc: Document, rid: number): void {
    const { keys } = this.keysFor(index, doc);
    const st = indexStatements(coll, index);
    for (const key of keys) st.deleteKey.run(key, rid);
  }

  protected insertRow(coll: CollState, idk: Uint8Array, bytes: Uint8Array, doc: Document): void {
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
  protected indexChanges(coll: CollState, oldDoc: Document, doc: Document): IndexChange[] {
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

  protected replaceRow(coll: CollState, rid: number, oldDoc: Document, bytes: Uint8Array, doc: Document, known?: IndexChange[]): void {
    for (const { index, before, after } of known ?? this.indexChanges(coll, oldDoc, doc)) {
      const st = indexStatements(coll, index);
      for (const key of before) st.deleteKey.run(key, rid);
      this.addIndexKeys(coll, index, doc, rid, after);
    }
    coll.update.run(bytes, rid);
  }

  protected deleteRow(coll: CollState, rid: number, oldDoc: Document): void {
    for (let i = 1; i < coll.indexes.length; i++) this.removeIndexKeys(coll, coll.indexes[i] as IndexState, oldDoc, rid);
    coll.remove.run(rid);
  }

  protected committedRow(coll: CollState, idk: Uint8Array): { rid: number; doc: Uint8Array } | null {
    return coll.byIdk.get(idk) as { rid: number; doc: Uint8Array } | null;
  }
}
