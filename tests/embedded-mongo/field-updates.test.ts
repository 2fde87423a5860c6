// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { Decimal128, Long, MongoServerError } from "mongodb";
import { useTestMongo } from "../helpers/embedded-mongo";

// $set / $unset / $inc on plain paths run on a direct path (commands/fieldUpdate.ts); everything else on
// mingo. Both must give MongoDB 7.0's results.
const mongo = useTestMongo();

function coll(name: string) {
  return mongo.current.db().collection<Doc>(name);
}

async function codeOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    if (error instanceof MongoServerError) return error.code as number;
    throw error;
  }
}

test("$set creates intermediate documents and adds new fields in field-name order", async () => {
  await coll("order").insertOne({ _id: 1, z: 0 });
  await coll("order").updateOne({ _id: 1 }, { $set: { m: 1, b: 2, "c.y": 3, "c.x": 4, "n.10": 5, "n.9": 6 } });
  const doc = await coll("order").findOne({ _id: 1 });
  expect(doc).toEqual({ _id: 1, z: 0, b: 2, c: { x: 4, y: 3 }, m: 1, n: { "9": 6, "10": 5 } });
  expect(Object.keys(doc)).toEqual(["_id", "z", "b", "c", "m", "n"]);
  expect(Object.keys(doc.c)).toEqual(["x", "y"]);
  expect(Object.keys(doc.n)).toEqual(["9", "10"]);
});

test("nModified counts only real changes: same value, $inc by 0 and $unset of a missing field are no-ops", async () => {
  await coll("noop").insertOne({ _id: 1, n: 5, o: { a: [1, { b: 2 }] } });
  const same = await coll("noop").updateOne({ _id: 1 }, { $set: { n: 5, o: { a: [1, { b: 2 }] } } });
  expect([same.matchedCount, same.modifiedCount]).toEqual([1, 0]);
  expect((await coll("noop").updateOne({ _id: 1 }, { $inc: { n: 0 } })).modifiedCount).toBe(0);
  expect((await coll("noop").updateOne({ _id: 1 }, { $unset: { missing: "", "deep.missing": "" } })).modifiedCount).toBe(0);
  expect((await coll("noop").updateOne({ _id: 1 }, { $set: { n: 5.5 } })).modifiedCount).toBe(1);
  expect(await coll("noop").findOne({ _id: 1 })).toEqual({ _id: 1, n: 5.5, o: { a: [1, { b: 2 }] } });
});

test("$inc creates missing fields and adds; $unset removes a dotted leaf and keeps its parent", async () => {
  await coll("inc").insertOne({ _id: 1, n: 1, o: { k: 1, j: 2 } });
  await coll("inc").updateOne({ _id: 1 }, { $inc: { n: 2.5, "o.k": -1, "p.q": 7 }, $unset: { "o.j": "" } });
  expect(await coll("inc").findOne({ _id: 1 })).toEqual({ _id: 1, n: 3.5, o: { k: 0 }, p: { q: 7 } });
});

test("array-index paths, Long targets and refusals behave as MongoDB's", async () => {
  await coll("mixed").insertOne({ _id: 1, list: [1, 2], big: Long.fromString("9007199254740993"), s: "x" });
  await coll("mixed").updateOne({ _id: 1 }, { $set: { "list.1": 20 }, $inc: { "list.0": 1 } });
  await coll("mixed").updateOne({ _id: 1 }, { $inc: { big: 1, added: Long.fromNumber(2) } });
  const doc = await coll("mixed").findOne({ _id: 1 }, { promoteLongs: false });
  expect(doc.list).toEqual([2, 20]);
  expect(doc.big).toEqual(Long.fromString("9007199254740994"));
  expect(Number(doc.added)).toBe(2);
  // Arithmetic the server does not implement is refused, never silently skipped.
  expect(await codeOf(coll("mixed").updateOne({ _id: 1 }, { $inc: { d: Decimal128.fromString("1.5") } }))).toBe(115);
  expect(await codeOf(coll("mixed").updateOne({ _id: 1 }, { $mul: { big: 2 } }))).toBe(115);
  expect(await codeOf(coll("mixed").updateOne({ _id: 1 }, { $inc: { s: 1 } }))).toBe(14);
  expect(await codeOf(coll("mixed").updateOne({ _id: 1 }, { $set: { "s.t": 1 } }))).toBe(28);
  expect(await codeOf(coll("mixed").updateOne({ _id: 1 }, { $set: { _id: 2 } }))).toBe(66);
  expect(await codeOf(coll("mixed").updateOne({ _id: 1 }, { $unset: { _id: "" } }))).toBe(66);
  expect((await coll("mixed").updateOne({ _id: 1 }, { $set: { _id: 1 } })).modifiedCount).toBe(0);
});

test("a multi-update gives each document its own copy of a $set value", async () => {
  await coll("copies").insertMany([{ _id: 1 }, { _id: 2 }]);
  await coll("copies").updateMany({}, { $set: { tags: { list: ["a"] } } });
  await coll("copies").updateOne({ _id: 1 }, { $set: { "tags.extra": true } });
  expect(await coll("copies").find().sort({ _id: 1 }).toArray()).toEqual([
    { _id: 1, tags: { list: ["a"], extra: true } },
    { _id: 2, tags: { list: ["a"] } },
  ]);
});

test("upserts seed from the query and apply $set/$inc/$setOnInsert", async () => {
  const result = await coll("upsert").updateOne(
    { key: "k", "meta.v": 1 },
    { $inc: { hits: 1 }, $set: { last: "now" }, $setOnInsert: { created: true } },
    { upsert: true },
  );
  expect(result.upsertedCount).toBe(1);
  const doc = await coll("upsert").findOne({ key: "k" }, { projection: { _id: 0 } });
  expect(doc).toEqual({ key: "k", meta: { v: 1 }, created: true, hits: 1, last: "now" });
});
