/** Secondary indexes: created (built over existing rows), listed and dropped. */
import { deserialize } from "../bson-numbers";
import { MongoCommandError } from "../errors";
import { compileFilter } from "../query/match";
import { valuesEqual } from "../query/compare";
import { formatValue } from "./format";
import { ID_INDEX_SPEC, makeIndexState, saveCatalog, type IndexState } from "./store";
import type { Document, IndexSpec, Namespace, Transaction, WriteOptions } from "./types";
import { copyDoc, EngineTransaction, nsKeyOf, type Row } from "./engine-base";
import { EngineReads } from "./engine-reads";

export abstract class EngineIndexes extends EngineReads {
  protected normalizeSpec(spec: IndexSpec): IndexSpec {
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
  protected checkIndexableInTxn(ns: Namespace, txn: EngineTransaction): void {
    const nsKey = nsKeyOf(ns);
    const own = txn.created.get(nsKey);
    if (!own && this.getColl(ns)) {
      throw new MongoCommandError("OperationNotSupportedInTransaction", `Cannot create new indexes on existing collection ${nsKey} in a multi-document transaction.`);
    }
    if (own && [...(txn.writes.get(nsKey)?.values() ?? [])].some((e) => e.doc !== null)) {
      throw new MongoCommandError("OperationNotSupportedInTransaction", `Cannot create new indexes on non-empty collection ${nsKey} in a multi-document transaction.`);
    }
  }

  /** Sets (or, with undefined, removes) options of one index, e.g. collMod's expireAfterSeconds; returns the old spec. */
  setIndexOptions(ns: Namespace, name: string, options: Document): IndexSpec {
    const coll = this.getColl(ns);
    if (!coll) throw new MongoCommandError("NamespaceNotFound", `ns does not exist: ${ns.db}.${ns.coll}`);
    const index = coll.indexes.find((i) => i.name === name);
    if (!index) throw new MongoCommandError("IndexNotFound", `cannot find index ${name} for ns ${ns.db}.${ns.coll}`);
    const before = copyDoc(index.spec);
    this.write(coll.db, true, () => {
      for (const [key, value] of Object.entries(options)) {
        if (value === undefined) delete index.spec[key];
        else index.spec[key] = value;
      }
      saveCatalog(coll);
    });
    return before;
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
}
