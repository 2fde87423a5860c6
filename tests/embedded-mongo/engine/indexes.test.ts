import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { ObjectId } from "bson";
import { createStorageEngine } from "../../../server/embedded-mongo/engine";
import type { StorageEngine } from "../../../server/embedded-mongo/engine/types";
import { errorOf } from "./support";

const ns = { db: "test", coll: "users" };
let engine: StorageEngine;

beforeEach(() => {
  engine = createStorageEngine({ memory: true });
});
afterEach(() => engine.close());

function seed(n: number): void {
  engine.batch(() => {
    for (let i = 0; i < n; i++) {
      engine.insertOne(ns, { _id: i, email: `u${i}@x.org`, age: i % 100, city: i % 2 ? "Paris" : "Oslo", score: i });
    }
  });
}

describe("index management", () => {
  test("createIndexes / listIndexes / dropIndexes with MongoDB's conflicts", () => {
    const r = engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", unique: true }]);
    expect(r).toEqual({ createdCollectionAutomatically: true, numIndexesBefore: 1, numIndexesAfter: 2 });
    expect(engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", unique: true }]).note).toBe("all indexes already exist");
    expect(errorOf(() => engine.createIndexes(ns, [{ key: { other: 1 }, name: "email_1" }])).code).toBe(86);
    expect(errorOf(() => engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", sparse: true }])).code).toBe(85);
    expect(errorOf(() => engine.createIndexes(ns, [{ key: { email: 1 }, name: "mail", unique: true }])).code).toBe(85);
    expect(engine.listIndexes(ns)).toEqual([
      { v: 2, key: { _id: 1 }, name: "_id_" },
      { v: 2, key: { email: 1 }, name: "email_1", unique: true },
    ]);
    expect(errorOf(() => engine.dropIndexes(ns, ["nope"])).code).toBe(27);
    expect(errorOf(() => engine.dropIndexes(ns, ["_id_"])).code).toBe(72);
    expect(engine.dropIndexes(ns, "*")).toEqual({ nIndexesWas: 2 });
    expect(engine.listIndexes(ns).map((i) => i.name)).toEqual(["_id_"]);
    expect(errorOf(() => engine.listIndexes({ db: "test", coll: "none" })).code).toBe(26);
  });

  test("a unique index cannot be built over existing duplicates, and leaves no trace", () => {
    engine.insertOne(ns, { _id: 1, email: "a" });
    engine.insertOne(ns, { _id: 2, email: "a" });
    expect(errorOf(() => engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", unique: true }])).code).toBe(11000);
    expect(engine.listIndexes(ns).map((i) => i.name)).toEqual(["_id_"]);
    engine.insertOne(ns, { _id: 3, email: "a" });
  });
});

describe("unique constraints", () => {
  test("single field: E11000 with MongoDB's message, keyPattern and keyValue", () => {
    engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", unique: true }]);
    engine.insertOne(ns, { _id: 1, email: "a@b.c" });
    const error = errorOf(() => engine.insertOne(ns, { _id: 2, email: "a@b.c" }));
    expect(error.code).toBe(11000);
    expect(error.message).toBe('E11000 duplicate key error collection: test.users index: email_1 dup key: { email: "a@b.c" }');
    expect(error.extra).toEqual({ keyPattern: { email: 1 }, keyValue: { email: "a@b.c" } });
    expect(engine.count(ns, {})).toBe(1);
    // replacing into a taken value fails and leaves the document unchanged
    engine.insertOne(ns, { _id: 3, email: "z" });
    expect(errorOf(() => engine.replaceOne(ns, 3, { _id: 3, email: "a@b.c" })).code).toBe(11000);
    expect(engine.find(ns, { _id: 3 })).toEqual([{ _id: 3, email: "z" }]);
    expect(engine.find(ns, { email: "z" })).toEqual([{ _id: 3, email: "z" }]);
    // freeing a value by delete makes it available
    engine.deleteOne(ns, 1);
    engine.insertOne(ns, { _id: 4, email: "a@b.c" });
  });

  test("missing fields index as null: two documents without the field conflict", () => {
    engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", unique: true }]);
    engine.insertOne(ns, { _id: 1 });
    const error = errorOf(() => engine.insertOne(ns, { _id: 2 }));
    expect(error.message).toBe("E11000 duplicate key error collection: test.users index: email_1 dup key: { email: null }");
  });

  test("compound unique", () => {
    engine.createIndexes(ns, [{ key: { org: 1, email: 1 }, name: "org_1_email_1", unique: true }]);
    const org = new ObjectId("650000000000000000000001");
    engine.insertOne(ns, { _id: 1, org, email: "a" });
    engine.insertOne(ns, { _id: 2, org: new ObjectId(), email: "a" });
    const error = errorOf(() => engine.insertOne(ns, { _id: 3, org, email: "a" }));
    expect(error.message).toBe(
      "E11000 duplicate key error collection: test.users index: org_1_email_1 dup key: { org: ObjectId('650000000000000000000001'), email: \"a\" }",
    );
    expect(error.extra.keyValue).toEqual({ org, email: "a" });
  });

  test("sparse unique ignores documents missing the field", () => {
    engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1", unique: true, sparse: true }]);
    engine.insertOne(ns, { _id: 1 });
    engine.insertOne(ns, { _id: 2 });
    engine.insertOne(ns, { _id: 3, email: "a" });
    expect(errorOf(() => engine.insertOne(ns, { _id: 4, email: "a" })).code).toBe(11000);
    // null is a value, not a missing field
    engine.insertOne(ns, { _id: 5, email: null });
    expect(errorOf(() => engine.insertOne(ns, { _id: 6, email: null })).code).toBe(11000);
  });

  test("partial unique only constrains documents matching the filter", () => {
    engine.createIndexes(ns, [
      { key: { email: 1 }, name: "email_1", unique: true, partialFilterExpression: { deleted: false } },
    ]);
    engine.insertOne(ns, { _id: 1, email: "a", deleted: true });
    engine.insertOne(ns, { _id: 2, email: "a", deleted: true });
    engine.insertOne(ns, { _id: 3, email: "a", deleted: false });
    expect(errorOf(() => engine.insertOne(ns, { _id: 4, email: "a", deleted: false })).code).toBe(11000);
    expect(errorOf(() => engine.replaceOne(ns, 1, { _id: 1, email: "a", deleted: false })).code).toBe(11000);
    engine.replaceOne(ns, 3, { _id: 3, email: "a", deleted: true });
    engine.replaceOne(ns, 1, { _id: 1, email: "a", deleted: false });
  });

  test("unique multikey: each array element is a key", () => {
    engine.createIndexes(ns, [{ key: { tags: 1 }, name: "tags_1", unique: true }]);
    engine.insertOne(ns, { _id: 1, tags: ["a", "b", "a"] });
    expect(errorOf(() => engine.insertOne(ns, { _id: 2, tags: ["c", "b"] })).message).toContain('dup key: { tags: "b" }');
  });
});

describe("queries use indexes", () => {
  test("equality on _id reads one key", () => {
    seed(500);
    expect(engine.plan(ns, { _id: 42 })).toEqual({ stage: "IXSCAN", indexName: "_id_", docsExamined: 1, keysExamined: 1 });
    expect(engine.find(ns, { _id: 42 })[0]?.email).toBe("u42@x.org");
  });

  test("equality, $in and range on an indexed field examine only matching keys", () => {
    seed(1000);
    engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1" }, { key: { age: 1 }, name: "age_1" }]);
    expect(engine.plan(ns, { email: "u7@x.org" })).toEqual({ stage: "IXSCAN", indexName: "email_1", docsExamined: 1, keysExamined: 1 });
    const inPlan = engine.plan(ns, { email: { $in: ["u1@x.org", "u2@x.org", "nope"] } });
    expect(inPlan).toMatchObject({ stage: "IXSCAN", indexName: "email_1", docsExamined: 2 });
    expect(engine.find(ns, { age: { $gte: 10, $lt: 13 } }).length).toBe(30);
    expect(engine.plan(ns, { age: { $gte: 10, $lt: 13 } })).toEqual({ stage: "IXSCAN", indexName: "age_1", docsExamined: 30, keysExamined: 30 });
    expect(engine.plan(ns, { age: { $gt: 97 } })).toMatchObject({ docsExamined: 20 });
    // other types never match a numeric range (type bracketing)
    engine.insertOne(ns, { _id: "s", age: "99" });
    expect(engine.find(ns, { age: { $gt: 98 } }).length).toBe(10);
    expect(engine.plan(ns, { city: "Paris" })).toMatchObject({ stage: "COLLSCAN", docsExamined: 1001 });
  });

  test("a compound index serves its prefix and provides sort order", () => {
    seed(1000);
    engine.createIndexes(ns, [{ key: { city: 1, score: -1 }, name: "city_1_score_-1" }]);
    expect(engine.plan(ns, { city: "Oslo" })).toMatchObject({ stage: "IXSCAN", indexName: "city_1_score_-1", docsExamined: 500 });
    const top = engine.find(ns, { city: "Oslo" }, { sort: { score: -1 }, limit: 3 });
    expect(top.map((d) => d.score)).toEqual([998, 996, 994]);
    expect(engine.plan(ns, { city: "Oslo" }, { sort: { score: -1 }, limit: 3 }).docsExamined).toBe(3);
    expect(engine.plan(ns, { city: "Oslo", score: { $lt: 10 } })).toMatchObject({ docsExamined: 5, keysExamined: 5 });
  });

  test("multikey indexes find documents by any element without duplicates", () => {
    engine.createIndexes(ns, [{ key: { tags: 1 }, name: "tags_1" }]);
    engine.insertOne(ns, { _id: 1, tags: ["red", "blue"] });
    engine.insertOne(ns, { _id: 2, tags: ["blue"] });
    engine.insertOne(ns, { _id: 3, tags: "red" });
    engine.insertOne(ns, { _id: 4, tags: [] });
    expect(engine.find(ns, { tags: "red" }).map((d) => d._id)).toEqual([1, 3]);
    expect(engine.find(ns, { tags: { $in: ["red", "blue"] } }).map((d) => d._id).sort()).toEqual([1, 2, 3]);
    expect(engine.plan(ns, { tags: "blue" })).toMatchObject({ stage: "IXSCAN", docsExamined: 2 });
    // a range with both bounds on a multikey field may be satisfied by different elements
    engine.insertOne(ns, { _id: 5, n: [1, 10] });
    engine.createIndexes(ns, [{ key: { n: 1 }, name: "n_1" }]);
    expect(engine.find(ns, { n: { $gt: 5, $lt: 3 } }).map((d) => d._id)).toEqual([5]);
  });

  test("dotted paths into arrays of documents are indexed", () => {
    engine.createIndexes(ns, [{ key: { "items.sku": 1 }, name: "items.sku_1" }]);
    engine.insertOne(ns, { _id: 1, items: [{ sku: "A" }, { sku: "B" }] });
    engine.insertOne(ns, { _id: 2, items: [{ sku: "C" }] });
    expect(engine.find(ns, { "items.sku": "B" }).map((d) => d._id)).toEqual([1]);
    expect(engine.plan(ns, { "items.sku": "B" })).toMatchObject({ stage: "IXSCAN", docsExamined: 1 });
  });

  test("partial and sparse indexes are only used when they hold every match", () => {
    seed(100);
    engine.createIndexes(ns, [
      { key: { email: 1 }, name: "email_active", partialFilterExpression: { age: { $lt: 50 } } },
      { key: { nick: 1 }, name: "nick_1", sparse: true },
    ]);
    expect(engine.plan(ns, { email: "u1@x.org" }).stage).toBe("COLLSCAN");
    expect(engine.plan(ns, { email: "u1@x.org", age: { $lt: 50 } })).toMatchObject({ stage: "IXSCAN", indexName: "email_active" });
    expect(engine.find(ns, { nick: null }).length).toBe(100);
    expect(engine.plan(ns, { nick: null }).stage).toBe("COLLSCAN");
    expect(engine.plan(ns, { nick: "x" })).toMatchObject({ stage: "IXSCAN", indexName: "nick_1" });
  });

  test("hint forces an index or a collection scan", () => {
    seed(50);
    engine.createIndexes(ns, [{ key: { age: 1 }, name: "age_1" }]);
    expect(engine.plan(ns, { _id: 3 }, { hint: "age_1" })).toMatchObject({ stage: "IXSCAN", indexName: "age_1", keysExamined: 50 });
    expect(engine.plan(ns, { age: 3 }, { hint: { $natural: 1 } })).toMatchObject({ stage: "COLLSCAN", docsExamined: 50 });
    expect(engine.find(ns, {}, { hint: { $natural: -1 }, limit: 2 }).map((d) => d._id)).toEqual([49, 48]);
    expect(engine.find(ns, { age: 3 }, { hint: { age: 1 } }).map((d) => d._id)).toEqual([3]);
  });

  test("index lookups stay flat as the collection grows", () => {
    engine.createIndexes(ns, [{ key: { email: 1 }, name: "email_1" }]);
    seed(20000);
    expect(engine.plan(ns, { email: "u19999@x.org" })).toEqual({ stage: "IXSCAN", indexName: "email_1", docsExamined: 1, keysExamined: 1 });
  });
});
