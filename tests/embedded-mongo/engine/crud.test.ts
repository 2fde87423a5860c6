import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { calculateObjectSize, Decimal128, Long, ObjectId } from "bson";
import { createStorageEngine } from "../../../server/embedded-mongo/engine";
import type { StorageEngine } from "../../../server/embedded-mongo/engine/types";
import { MongoCommandError } from "../../../server/embedded-mongo/errors";
import { errorOf } from "./support";

const ns = { db: "test", coll: "users" };
let engine: StorageEngine;

beforeEach(() => {
  engine = createStorageEngine({ memory: true });
});
afterEach(() => engine.close());

describe("catalog", () => {
  test("collections are created implicitly by inserts and listed with a UUID", () => {
    engine.insertOne(ns, { _id: 1 });
    const [info] = engine.listCollections("test");
    expect(info?.name).toBe("users");
    expect(info?.info.uuid).toBeDefined();
    expect(engine.listDatabases().map((d) => d.name)).toEqual(["test"]);
  });

  test("createCollection keeps options and refuses duplicates with NamespaceExists", () => {
    engine.createCollection(ns, { validator: { a: { $exists: true } } });
    expect(engine.getCollection(ns)?.options).toEqual({ validator: { a: { $exists: true } } });
    expect(errorOf(() => engine.createCollection(ns)).code).toBe(48);
  });

  test("invalid database and collection names are InvalidNamespace", () => {
    for (const bad of [
      { db: "", coll: "x" },
      { db: "a.b", coll: "x" },
      { db: "a/b", coll: "x" },
      { db: "a b", coll: "x" },
      { db: "a$", coll: "x" },
      { db: "ok", coll: "" },
      { db: "ok", coll: "a$b" },
      { db: "ok", coll: "system.users" },
    ]) {
      expect(errorOf(() => engine.createCollection(bad)).code).toBe(73);
      expect(errorOf(() => engine.insertOne(bad, { _id: 1 })).code).toBe(73);
    }
    engine.createCollection({ db: "ok", coll: "with.dots" });
    expect(engine.getCollection({ db: "ok", coll: "with.dots" })).toBeDefined();
  });

  test("dropCollection and dropDatabase remove data", () => {
    engine.insertOne(ns, { _id: 1 });
    expect(engine.dropCollection(ns)).toBe(true);
    expect(engine.dropCollection(ns)).toBe(false);
    expect(engine.find(ns, {})).toEqual([]);
    engine.insertOne(ns, { _id: 1 });
    engine.dropDatabase("test");
    expect(engine.listDatabases()).toEqual([]);
    expect(engine.find(ns, {})).toEqual([]);
  });

  test("renameCollection within and across databases keeps documents and indexes", () => {
    engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", unique: true }]);
    engine.insertOne(ns, { _id: 1, email: "a" });
    engine.renameCollection(ns, { db: "test", coll: "people" });
    expect(engine.getCollection(ns)).toBeUndefined();
    expect(engine.find({ db: "test", coll: "people" }, { email: "a" })).toEqual([{ _id: 1, email: "a" }]);
    engine.renameCollection({ db: "test", coll: "people" }, { db: "other", coll: "people" });
    expect(engine.find({ db: "other", coll: "people" }, {})).toEqual([{ _id: 1, email: "a" }]);
    expect(engine.listIndexes({ db: "other", coll: "people" }).map((i) => i.name)).toEqual(["_id_", "email_1"]);
    expect(errorOf(() => engine.renameCollection(ns, { db: "test", coll: "x" })).code).toBe(26);
    engine.insertOne({ db: "test", coll: "x" }, { _id: 1 });
    engine.insertOne({ db: "test", coll: "y" }, { _id: 2 });
    expect(errorOf(() => engine.renameCollection({ db: "test", coll: "x" }, { db: "test", coll: "y" })).code).toBe(48);
    engine.renameCollection({ db: "test", coll: "x" }, { db: "test", coll: "y" }, { dropTarget: true });
    expect(engine.find({ db: "test", coll: "y" }, {})).toEqual([{ _id: 1 }]);
  });
});

describe("CRUD", () => {
  test("find returns copies in insertion order; callers cannot mutate stored documents", () => {
    const doc = { _id: 1, nested: { a: 1 } };
    engine.insertOne(ns, doc);
    doc.nested.a = 99;
    engine.insertOne(ns, { _id: 0, nested: { a: 2 } });
    const [first] = engine.find(ns, {});
    expect(first).toEqual({ _id: 1, nested: { a: 1 } });
    (first?.nested as { a: number }).a = 42;
    expect(engine.find(ns, { _id: 1 })[0]).toEqual({ _id: 1, nested: { a: 1 } });
    expect(engine.find(ns, {}).map((d) => d._id)).toEqual([1, 0]);
  });

  test("filter, sort, skip and limit", () => {
    for (let i = 0; i < 10; i++) engine.insertOne(ns, { _id: i, n: i % 3, s: `v${9 - i}` });
    expect(engine.find(ns, { n: 1 }).map((d) => d._id)).toEqual([1, 4, 7]);
    expect(engine.find(ns, {}, { sort: { s: 1 }, limit: 3 }).map((d) => d._id)).toEqual([9, 8, 7]);
    expect(engine.find(ns, {}, { sort: { n: -1 }, skip: 1, limit: 2 }).map((d) => d._id)).toEqual([5, 8]);
    expect(engine.find(ns, { n: { $gte: 1 } }, { sort: { n: 1, _id: -1 } }).map((d) => d._id)).toEqual([7, 4, 1, 8, 5, 2]);
    expect(engine.count(ns, { n: 0 })).toBe(4);
    expect(engine.count(ns, { n: 0 }, { skip: 1, limit: 2 })).toBe(2);
    expect(engine.count({ db: "test", coll: "missing" }, {})).toBe(0);
  });

  test("ties in a sort keep insertion order", () => {
    for (let i = 0; i < 6; i++) engine.insertOne(ns, { _id: 10 - i, k: i % 2 });
    expect(engine.find(ns, {}, { sort: { k: 1 } }).map((d) => d._id)).toEqual([10, 8, 6, 9, 7, 5]);
    expect(engine.find(ns, {}, { sort: { k: -1 } }).map((d) => d._id)).toEqual([9, 7, 5, 10, 8, 6]);
  });

  test("replaceOne and deleteOne address documents by _id of any BSON type", () => {
    const oid = new ObjectId();
    engine.insertOne(ns, { _id: oid, v: 1 });
    engine.insertOne(ns, { _id: { a: 1, b: 2 }, v: 2 });
    engine.insertOne(ns, { _id: Long.fromNumber(7), v: 3 });
    engine.replaceOne(ns, new ObjectId(oid.toHexString()), { _id: oid, v: 10 });
    engine.replaceOne(ns, { a: 1, b: 2 }, { _id: { a: 1, b: 2 }, v: 20 });
    expect(engine.find(ns, {}).map((d) => d.v)).toEqual([10, 20, 3]);
    // 7 as a double is the same _id as Long(7).
    expect(engine.deleteOne(ns, 7)).toBe(true);
    expect(engine.deleteOne(ns, 7)).toBe(false);
    expect(engine.count(ns, {})).toBe(2);
  });

  test("duplicate _id is E11000 on _id_, also across numeric types", () => {
    engine.insertOne(ns, { _id: 5 });
    const error = errorOf(() => engine.insertOne(ns, { _id: Decimal128.fromString("5.0") }));
    expect(error.code).toBe(11000);
    expect(error.message).toBe("E11000 duplicate key error collection: test.users index: _id_ dup key: { _id: Decimal128(\"5.0\") }");
    expect(error.extra.keyPattern).toEqual({ _id: 1 });
  });

  test("replaceOne may not change _id", () => {
    engine.insertOne(ns, { _id: 1 });
    expect(errorOf(() => engine.replaceOne(ns, 1, { _id: 2 })).code).toBe(66);
  });

  test("invalid _id values are refused", () => {
    expect(errorOf(() => engine.insertOne(ns, { _id: [1, 2] })).message).toBe("can't use an array for _id");
    expect(errorOf(() => engine.insertOne(ns, { _id: /x/ })).message).toBe("can't use a regex for _id");
    expect(errorOf(() => engine.insertOne(ns, { _id: undefined })).code).toBe(53);
  });

  test("documents over 16 MiB are BSONObjectTooLarge; exactly at the limit is accepted", () => {
    const overhead = calculateObjectSize({ _id: 1, s: "" });
    const fits = { _id: 1, s: "x".repeat(16 * 1024 * 1024 - overhead) };
    expect(calculateObjectSize(fits)).toBe(16 * 1024 * 1024);
    engine.insertOne(ns, fits);
    const error = errorOf(() => engine.insertOne(ns, { _id: 2, s: "x".repeat(16 * 1024 * 1024) }));
    expect(error.code).toBe(10334);
    expect(error.message).toMatch(/^object to insert too large\. size in bytes: \d+, max size: 16777216$/);
    expect(engine.count(ns, {})).toBe(1);
  });

  test("batch applies writes together and keeps those that did not fail", () => {
    engine.insertOne(ns, { _id: 2 });
    engine.batch(() => {
      for (const id of [1, 2, 3]) {
        try {
          engine.insertOne(ns, { _id: id });
        } catch (error) {
          expect((error as MongoCommandError).code).toBe(11000);
        }
      }
    });
    expect(engine.find(ns, {}, { sort: { _id: 1 } }).map((d) => d._id)).toEqual([1, 2, 3]);
  });
});

describe("query errors", () => {
  test("unknown operators are BadValue naming the operator", () => {
    engine.insertOne(ns, { _id: 1 });
    expect(errorOf(() => engine.find(ns, { a: { $foo: 1 } })).message).toBe("unknown operator: $foo");
    expect(errorOf(() => engine.find(ns, { $foo: 1 })).message).toBe("unknown top level operator: $foo");
    expect(errorOf(() => engine.find(ns, { $where: "this.a == 1" })).code).toBe(2);
    expect(errorOf(() => engine.find(ns, { $expr: { $nope: [1] } })).code).toBe(168);
  });

  test("$expr sees let variables", () => {
    engine.insertOne(ns, { _id: 1, qty: 5 });
    engine.insertOne(ns, { _id: 2, qty: 50 });
    expect(engine.find(ns, { $expr: { $gt: ["$qty", "$$min"] } }, { let: { min: 10 } }).map((d) => d._id)).toEqual([2]);
  });

  test("an unknown hint is BadValue", () => {
    engine.insertOne(ns, { _id: 1 });
    expect(errorOf(() => engine.find(ns, {}, { hint: "nope_1" })).code).toBe(2);
    expect(errorOf(() => engine.find(ns, {}, { hint: { nope: 1 } })).code).toBe(2);
  });
});
