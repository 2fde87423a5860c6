// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { describe, expect, test } from "bun:test";
import { MongoServerError, ObjectId } from "mongodb";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

describe("insert and find", () => {
  test("documents come back as stored, with filter, projection, sort, skip and limit", async () => {
    const coll = mongo.current.db().collection<Doc>("people");
    const id = new ObjectId();
    await coll.insertOne({ _id: id, name: "Ada", age: 36, tags: ["math", "code"], address: { city: "London" } });
    await coll.insertMany([
      { name: "Grace", age: 85, tags: ["navy"], address: { city: "Arlington" } },
      { name: "Linus", age: 54, tags: ["code"], address: { city: "Portland" } },
      { name: "Margaret", age: 88, tags: ["space", "code"], address: { city: "Boston" } },
    ]);

    expect(await coll.findOne({ _id: id })).toEqual({
      _id: id,
      name: "Ada",
      age: 36,
      tags: ["math", "code"],
      address: { city: "London" },
    });
    const coders = await coll
      .find({ tags: "code" }, { projection: { _id: 0, name: 1, city: "$address.city" } })
      .sort({ age: -1 })
      .skip(1)
      .limit(1)
      .toArray();
    expect(coders).toEqual([{ name: "Linus", city: "Portland" }]);
    expect(await coll.find({ age: { $gt: 50, $lt: 86 } }).sort({ name: 1 }).map((d) => d.name).toArray()).toEqual([
      "Grace",
      "Linus",
    ]);
    expect(await coll.find({ "address.city": { $in: ["Boston", "London"] } }).sort({ age: 1 }).map((d) => d.name).toArray()).toEqual(["Ada", "Margaret"]);
  });

  test("the server generates _id when the driver does not and keeps it first", async () => {
    const coll = mongo.current.db().collection<Doc>("server_ids");
    await coll.insertOne({ x: 1, _id: 7 } as never);
    const doc = await coll.findOne({ x: 1 });
    expect(Object.keys(doc!)[0]).toBe("_id");
    expect(doc!._id).toBe(7);
  });

  test("invalid field names and oversized documents are refused as MongoDB refuses them", async () => {
    const coll = mongo.current.db().collection<Doc>("names");
    // `$`-prefixed names are stored since MongoDB 5.0 (fidelity-updates.test.ts); `$`-prefixed fields in _id are not.
    const dollar = await mongo.current.db().command({ insert: "names", documents: [{ _id: { $bad: 1 } }] });
    expect(dollar.writeErrors?.[0]?.code).toBe(52);
    const empty = await mongo.current.db().command({ insert: "names", documents: [{ "": 1 }] });
    expect(empty.writeErrors?.[0]?.code).toBe(56);
    const arrayId = await mongo.current.db().command({ insert: "names", documents: [{ _id: [1, 2] }] });
    expect(arrayId.writeErrors?.[0]?.code).toBe(53);
    const big = "x".repeat(16 * 1024 * 1024);
    await expect(coll.insertOne({ big })).rejects.toThrow();
    expect(await coll.countDocuments()).toBe(0);
  });
});

describe("update", () => {
  test("operators, multi, upsert, arrayFilters, pipeline and replacement updates", async () => {
    const coll = mongo.current.db().collection<Doc>("updates");
    await coll.insertMany([
      { _id: 1, n: 1, items: [{ k: "a", v: 1 }, { k: "b", v: 2 }] },
      { _id: 2, n: 2, items: [] },
      { _id: 3, n: 3, items: [] },
    ] as never[]);

    const one = await coll.updateOne({ _id: 1 } as never, { $inc: { n: 10 }, $push: { items: { k: "c", v: 3 } } } as Doc);
    expect([one.matchedCount, one.modifiedCount]).toEqual([1, 1]);
    const noop = await coll.updateOne({ _id: 1 } as never, { $set: { n: 11 } });
    expect([noop.matchedCount, noop.modifiedCount]).toEqual([1, 0]);

    const many = await coll.updateMany({ n: { $gte: 2 } }, { $set: { big: true } });
    expect([many.matchedCount, many.modifiedCount]).toEqual([3, 3]);

    await coll.updateOne({ _id: 1 } as never, { $set: { "items.$[e].v": 99 } }, { arrayFilters: [{ "e.k": "b" }] });
    expect((await coll.findOne({ _id: 1 } as never))!.items).toEqual([
      { k: "a", v: 1 },
      { k: "b", v: 99 },
      { k: "c", v: 3 },
    ]);

    await coll.updateOne({ _id: 2 } as never, [{ $set: { double: { $multiply: ["$n", 2] } } }]);
    expect((await coll.findOne({ _id: 2 } as never))!.double).toBe(4);

    await coll.replaceOne({ _id: 3 } as never, { replaced: true });
    expect(await coll.findOne({ _id: 3 } as never)).toEqual({ _id: 3, replaced: true } as never);

    const up = await coll.updateOne({ name: "new", kind: { $eq: "k" } }, { $set: { n: 5 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(up.upsertedCount).toBe(1);
    expect(await coll.findOne({ _id: up.upsertedId } as never)).toEqual({ _id: up.upsertedId, name: "new", kind: "k", n: 5, created: true } as never);
    const again = await coll.updateOne({ name: "new" }, { $set: { n: 6 }, $setOnInsert: { created: false } }, { upsert: true });
    expect([again.matchedCount, again.upsertedCount]).toEqual([1, 0]);
    expect((await coll.findOne({ name: "new" }))!.created).toBe(true);

    const replacedUpsert = await coll.replaceOne({ _id: 42 } as never, { fresh: 1 }, { upsert: true });
    expect(replacedUpsert.upsertedId).toBe(42 as never);
  });

  test("_id is immutable and unknown modifiers are refused", async () => {
    const coll = mongo.current.db().collection<Doc>("immutable");
    await coll.insertOne({ _id: 1, a: 1 } as never);
    const changed = await serverError(coll.updateOne({ _id: 1 } as never, { $set: { _id: 2 } } as never));
    expect(changed.code).toBe(66);
    const replaced = await serverError(coll.replaceOne({ _id: 1 } as never, { _id: 3, a: 2 } as never));
    expect(replaced.code).toBe(66);
    const unknown = await mongo.current.db().command({ update: "immutable", updates: [{ q: {}, u: { $frobnicate: { a: 1 } } }] });
    expect(unknown.writeErrors[0].code).toBe(9);
    expect(unknown.writeErrors[0].errmsg).toContain("$frobnicate");
    expect(await coll.findOne({ _id: 1 } as never)).toEqual({ _id: 1, a: 1 } as never);
  });
});

test("updates MongoDB refuses are refused, not silently skipped", async () => {
  const coll = mongo.current.db().collection<Doc>("typed_updates");
  await coll.insertOne({ _id: 1, s: "text", n: 1, list: [1] });
  expect((await serverError(coll.updateOne({ _id: 1 }, { $inc: { s: 1 } }))).code).toBe(14);
  expect((await serverError(coll.updateOne({ _id: 1 }, { $push: { n: 2 } } as never))).code).toBe(2);
  expect((await serverError(coll.updateOne({ _id: 1 }, { $set: { "s.deeper": 1 } }))).code).toBe(28);
  expect((await serverError(coll.updateOne({ _id: 1 }, { $set: { n: 2 }, $inc: { n: 1 } }))).code).toBe(40);
  await coll.updateOne({ _id: 1 }, { $addToSet: { list: { $each: [2, 2, 1, 3] } } });
  expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, s: "text", n: 1, list: [1, 2, 3] });
});

describe("delete, findAndModify, count, distinct", () => {
  test("delete with limit 1 and 0", async () => {
    const coll = mongo.current.db().collection<Doc>("deletes");
    await coll.insertMany([{ g: 1 }, { g: 1 }, { g: 1 }, { g: 2 }]);
    expect((await coll.deleteOne({ g: 1 })).deletedCount).toBe(1);
    expect((await coll.deleteMany({ g: 1 })).deletedCount).toBe(2);
    expect(await coll.countDocuments()).toBe(1);
  });

  test("findOneAndUpdate / Replace / Delete return the before or after document", async () => {
    const coll = mongo.current.db().collection<Doc>("fam");
    await coll.insertMany([{ _id: 1, q: 5 }, { _id: 2, q: 9 }] as never[]);
    const before = await coll.findOneAndUpdate({}, { $inc: { q: 1 } }, { sort: { q: -1 } });
    expect(before).toEqual({ _id: 2, q: 9 } as never);
    const after = await coll.findOneAndUpdate({ _id: 1 } as never, { $inc: { q: 1 } }, { returnDocument: "after", projection: { _id: 0 } });
    expect(after).toEqual({ q: 6 } as never);
    const upserted = await coll.findOneAndUpdate({ _id: 3 } as never, { $set: { q: 1 } }, { upsert: true, returnDocument: "after" });
    expect(upserted).toEqual({ _id: 3, q: 1 } as never);
    const raw = await mongo.current.db().command({ findAndModify: "fam", query: { _id: 4 }, update: { $set: { q: 0 } }, upsert: true });
    expect(raw.lastErrorObject).toEqual({ n: 1, updatedExisting: false, upserted: 4 });
    expect(raw.value).toBeNull();
    const replaced = await coll.findOneAndReplace({ _id: 3 } as never, { q: 100 }, { returnDocument: "after" });
    expect(replaced).toEqual({ _id: 3, q: 100 } as never);
    const removed = await coll.findOneAndDelete({ q: { $gte: 100 } });
    expect(removed).toEqual({ _id: 3, q: 100 } as never);
    expect(await coll.findOneAndDelete({ q: 12345 })).toBeNull();
  });

  test("count with query, skip and limit; distinct flattens arrays and sorts", async () => {
    const coll = mongo.current.db().collection<Doc>("counting");
    await coll.insertMany([{ t: ["a", "b"], n: 1 }, { t: "c", n: 2 }, { t: ["b"], n: 3 }, { n: 4 }]);
    expect(await coll.countDocuments({ n: { $gt: 1 } })).toBe(3);
    expect(await coll.countDocuments({}, { skip: 1, limit: 2 })).toBe(2);
    const counted = await mongo.current.db().command({ count: "counting", query: { n: { $lte: 3 } }, skip: 1 });
    expect(counted.n).toBe(2);
    expect(await coll.estimatedDocumentCount()).toBe(4);
    expect(await coll.distinct("t")).toEqual(["a", "b", "c"]);
    expect(await coll.distinct("n", { n: { $gt: 2 } })).toEqual([3, 4]);
  });
});

describe("aggregate", () => {
  test("group, lookup and let variables", async () => {
    const db = mongo.current.db();
    await db.collection<Doc>("orders").insertMany([
      { item: "a", qty: 2, price: 5 },
      { item: "b", qty: 1, price: 20 },
      { item: "a", qty: 3, price: 5 },
    ]);
    await db.collection<Doc>("items").insertMany([{ _id: "a", label: "Apple" }, { _id: "b", label: "Bread" }] as never[]);
    const totals = await db
      .collection<Doc>("orders")
      .aggregate([
        { $match: { qty: { $gte: 1 } } },
        { $group: { _id: "$item", total: { $sum: { $multiply: ["$qty", "$price"] } } } },
        { $lookup: { from: "items", localField: "_id", foreignField: "_id", as: "info" } },
        { $project: { _id: 0, label: { $first: "$info.label" }, total: 1, big: { $gt: ["$total", "$$threshold"] } } },
        { $sort: { label: 1 } },
      ], { let: { threshold: 22 } })
      .toArray();
    expect(totals).toEqual([
      { total: 25, label: "Apple", big: true },
      { total: 20, label: "Bread", big: false },
    ]);
  });

  test("$out replaces the target and $merge upserts into it", async () => {
    const db = mongo.current.db();
    const src = db.collection<Doc>("agg_src");
    await src.insertMany([{ _id: 1, v: 1 }, { _id: 2, v: 2 }] as never[]);
    await db.collection<Doc>("agg_out").insertOne({ _id: 99, stale: true } as never);
    await src.aggregate([{ $set: { v: { $add: ["$v", 10] } } }, { $out: "agg_out" }]).toArray();
    expect(await db.collection<Doc>("agg_out").find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, v: 11 }, { _id: 2, v: 12 }] as never[]);

    await db.collection<Doc>("agg_merge").insertOne({ _id: 1, v: 0, keep: "yes" } as never);
    await src.aggregate([{ $merge: { into: "agg_merge", whenMatched: "merge", whenNotMatched: "insert" } }]).toArray();
    expect(await db.collection<Doc>("agg_merge").find().sort({ _id: 1 }).toArray()).toEqual([
      { _id: 1, v: 1, keep: "yes" },
      { _id: 2, v: 2 },
    ] as never[]);
  });

  test("an unsupported stage or operator is an error naming it", async () => {
    const coll = mongo.current.db().collection<Doc>("agg_src");
    const stage = await serverError(coll.aggregate([{ $frobnicate: {} }]).toArray());
    expect(stage.message).toContain("$frobnicate");
    const expr = await serverError(coll.aggregate([{ $project: { x: { $frobnicate: 1 } } }]).toArray());
    expect(expr.message).toContain("$frobnicate");
    const query = await serverError(coll.find({ v: { $frobnicate: 1 } }).toArray());
    expect(query.message).toContain("$frobnicate");
  });
});

describe("catalog and indexes", () => {
  test("create with validator, listCollections, rename, drop, listDatabases, dropDatabase", async () => {
    const db = mongo.current.client.db("catalog_db");
    await db.createCollection("validated", { validator: { qty: { $gte: 0 } } });
    const bad = await serverError(db.collection<Doc>("validated").insertOne({ qty: -1 }));
    expect(bad.code).toBe(121);
    await db.collection<Doc>("validated").insertOne({ qty: -1 }, { bypassDocumentValidation: true });
    await db.collection<Doc>("plain").insertOne({ a: 1 });

    const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
    expect(names).toEqual(["plain", "validated"]);
    const filtered = await db.listCollections({ name: "validated" }).toArray();
    expect((filtered[0] as Doc).options.validator).toEqual({ qty: { $gte: 0 } });

    await db.collection<Doc>("plain").rename("renamed");
    expect((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort()).toEqual(["renamed", "validated"]);
    expect(await db.collection<Doc>("renamed").findOne({}, { projection: { _id: 0 } })).toEqual({ a: 1 });

    expect(await db.collection<Doc>("renamed").drop()).toBe(true);
    const dbs = await mongo.current.client.db("admin").admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain("catalog_db");
    await db.dropDatabase();
    const after = await mongo.current.client.db("admin").admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((d) => d.name)).not.toContain("catalog_db");
  });

  test("createIndexes, listIndexes, dropIndexes, and hint naming a missing index", async () => {
    const coll = mongo.current.db().collection<Doc>("indexed");
    await coll.insertMany([{ a: 1, b: 1 }, { a: 2, b: 2 }]);
    expect(await coll.createIndex({ a: 1 })).toBe("a_1");
    await coll.createIndexes([{ key: { b: -1 }, name: "b_desc", unique: true }]);
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(["_id_", "a_1", "b_desc"]);
    expect(await coll.find({ a: 2 }).hint("a_1").toArray()).toHaveLength(1);
    const missing = await serverError(coll.find({ a: 2 }).hint("nope_1").toArray());
    expect(missing.code).toBe(2);
    await coll.dropIndex("a_1");
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(["_id_", "b_desc"]);
    await coll.dropIndexes();
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(["_id_"]);
  });
});

describe("command validation", () => {
  test("unknown commands, unknown fields and wrong types are refused with MongoDB's codes", async () => {
    const db = mongo.current.db();
    const unknownCommand = await serverError(db.command({ frobnicate: 1 }));
    expect(unknownCommand.code).toBe(59);
    const unknownField = await serverError(db.command({ find: "x", foo: 1 }));
    expect(unknownField.code).toBe(40415);
    expect(unknownField.message).toBe("BSON field 'find.foo' is an unknown field.");
    const wrongType = await serverError(db.command({ find: "x", filter: "nope" }));
    expect(wrongType.code).toBe(14);
    const badLimit = await serverError(db.command({ delete: "x", deletes: [{ q: {}, limit: 5 }] }).then((r) => {
      if (r.writeErrors) throw new MongoServerError(r.writeErrors[0]);
    }));
    expect(badLimit.message).toContain("limit");
  });

  test("accepted options with an observable effect: collation, comment, let, maxTimeMS", async () => {
    const coll = mongo.current.db().collection<Doc>("opts");
    await coll.insertMany([{ s: "apple" }, { s: "Banana" }, { s: "cherry" }]);
    const sorted = await coll.find({}, { collation: { locale: "en", strength: 2 }, comment: "sorted", maxTimeMS: 5000 }).sort({ s: 1 }).map((d) => d.s).toArray();
    expect(sorted).toEqual(["apple", "Banana", "cherry"]);
    const binary = await coll.find({}).sort({ s: 1 }).map((d) => d.s).toArray();
    expect(binary).toEqual(["Banana", "apple", "cherry"]);
    const viaLet = await coll.find({ $expr: { $eq: ["$s", "$$wanted"] } }, { let: { wanted: "cherry" } }).toArray();
    expect(viaLet.map((d) => d.s)).toEqual(["cherry"]);
  });
});
