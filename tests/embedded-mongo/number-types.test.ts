// Numbers keep the BSON type the client sent — int32, int64, double, decimal128 — when stored by inserts,
// replacements and $set/$inc, and `$type` tells them apart (manual: "BSON Types", "$type").
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { Decimal128, Double, Int32, Long } from "mongodb";
import { useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

test("insert keeps Double(42) a double and Long(37) an int64; $type finds them (manual: $type)", async () => {
  const coll = mongo.current.db().collection<Doc>("numbers_insert");
  await coll.insertOne({ _id: 1, d: new Double(42), l: Long.fromNumber(37), i: new Int32(5), n: 7, f: 2.5, m: new Decimal128("1") });
  expect(await coll.countDocuments({ d: { $type: "double" } })).toBe(1);
  expect(await coll.countDocuments({ l: { $type: "long" } })).toBe(1);
  expect(await coll.countDocuments({ i: { $type: "int" } })).toBe(1);
  expect(await coll.countDocuments({ d: { $type: "int" } })).toBe(0);
  // Equality and ranges still compare numbers across types; an index serves them in the number bracket.
  await coll.createIndex({ d: 1 });
  expect(await coll.countDocuments({ d: 42 })).toBe(1);
  expect(await coll.countDocuments({ l: { $gte: 37, $lt: 38 } })).toBe(1);

  const raw = await mongo.current.db().collection<Doc>("numbers_insert").findOne({ _id: 1 }, { promoteValues: false });
  expect(raw!.d).toBeInstanceOf(Double);
  expect(raw!.l).toBeInstanceOf(Long);
  expect(raw!.i).toBeInstanceOf(Int32);
  const big = await mongo.current.db().collection<Doc>("numbers_insert").findOne({ _id: 1 }, { useBigInt64: true });
  expect(big!.l).toBe(37n);
});

test("$set, $inc and replacements keep the sent numeric types (manual: $set, $inc)", async () => {
  const coll = mongo.current.db().collection<Doc>("numbers_update");
  await coll.insertOne({ _id: 1, a: 1 });
  await coll.updateOne({ _id: 1 }, { $set: { d: new Double(42), l: Long.fromNumber(37), "sub.x": new Double(1) } });
  await coll.updateOne({ _id: 1 }, { $inc: { l: 1 } });
  const raw = await coll.findOne({ _id: 1 }, { promoteValues: false });
  expect([raw!.a, raw!.d, raw!.l, raw!.sub.x].map((v: Doc) => v.constructor)).toEqual([Int32, Double, Long, Double]);
  expect(await coll.countDocuments({ d: { $type: "double" }, l: { $type: "long" }, "sub.x": { $type: "double" } })).toBe(1);
  expect((await coll.findOne({ _id: 1 }, { useBigInt64: true }))!.l).toBe(38n);

  await coll.replaceOne({ _id: 1 }, { d: new Double(3), l: Long.fromNumber(4) });
  expect(await coll.countDocuments({ d: { $type: "double" }, l: { $type: "long" } })).toBe(1);
});

test("aggregation arithmetic still works on stored doubles and int64s", async () => {
  const coll = mongo.current.db().collection<Doc>("numbers_math");
  await coll.insertMany([{ p: new Double(10) }, { p: Long.fromNumber(5) }, { p: 2.5 }]);
  expect(await coll.aggregate([{ $group: { _id: null, total: { $sum: "$p" } } }]).toArray()).toEqual([{ _id: null, total: 17.5 }]);
  expect(await coll.countDocuments({ $expr: { $gte: [{ $add: ["$p", 1] }, 6] } })).toBe(2);
  expect(await coll.countDocuments({ p: { $mod: [5, 0] } })).toBe(2);
});
