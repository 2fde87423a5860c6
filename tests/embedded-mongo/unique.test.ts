// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { MongoBulkWriteError, MongoServerError } from "mongodb";
import { useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

test("a duplicate _id is refused with 11000, keyPattern and keyValue", async () => {
  const coll = mongo.current.db().collection<Doc>("ids");
  await coll.insertOne({ _id: 1 } as never);
  try {
    await coll.insertOne({ _id: 1 } as never);
    throw new Error("duplicate accepted");
  } catch (error) {
    const e = error as MongoServerError;
    expect(e.code).toBe(11000);
    expect(e.keyPattern).toEqual({ _id: 1 });
    expect(e.keyValue).toEqual({ _id: 1 });
  }
});

test("single and compound unique indexes refuse duplicates, also via update", async () => {
  const coll = mongo.current.db().collection<Doc>("uniq");
  await coll.createIndex({ email: 1 }, { unique: true });
  await coll.createIndex({ org: 1, slug: 1 }, { unique: true });
  await coll.insertOne({ email: "a@x", org: 1, slug: "s" });
  await coll.insertOne({ email: "b@x", org: 2, slug: "s" });

  const single = await coll.insertOne({ email: "a@x" }).catch((e) => e as MongoServerError);
  expect((single as MongoServerError).code).toBe(11000);
  expect((single as MongoServerError).keyValue).toEqual({ email: "a@x" });

  const compound = await coll.insertOne({ email: "c@x", org: 1, slug: "s" }).catch((e) => e as MongoServerError);
  expect((compound as MongoServerError).keyPattern).toEqual({ org: 1, slug: 1 });
  expect((compound as MongoServerError).keyValue).toEqual({ org: 1, slug: "s" });

  const viaUpdate = await coll.updateOne({ email: "b@x" }, { $set: { email: "a@x" } }).catch((e) => e as MongoServerError);
  expect((viaUpdate as MongoServerError).code).toBe(11000);
  expect(await coll.countDocuments({ email: "a@x" })).toBe(1);
});

test("batch inserts: ordered stops at the first duplicate, unordered continues", async () => {
  const coll = mongo.current.db().collection<Doc>("batch");
  await coll.createIndex({ k: 1 }, { unique: true });
  const ordered = await coll
    .insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }])
    .catch((e) => e as MongoBulkWriteError);
  expect(ordered).toBeInstanceOf(MongoBulkWriteError);
  expect((ordered as MongoBulkWriteError).insertedCount).toBe(2);
  expect((ordered as MongoBulkWriteError).writeErrors).toMatchObject([{ index: 2, code: 11000 }]);
  expect(await coll.countDocuments()).toBe(2);

  const unordered = await coll
    .insertMany([{ k: 2 }, { k: 4 }, { k: 4 }, { k: 5 }], { ordered: false })
    .catch((e) => e as MongoBulkWriteError);
  expect((unordered as MongoBulkWriteError).insertedCount).toBe(2);
  const indexes = (unordered as MongoBulkWriteError).writeErrors;
  expect((Array.isArray(indexes) ? indexes : [indexes]).map((w) => w.index)).toEqual([0, 2]);
  expect((await coll.find().sort({ k: 1 }).toArray()).map((d) => d.k)).toEqual([1, 2, 4, 5]);
});

test("a unique index cannot be built over existing duplicates", async () => {
  const coll = mongo.current.db().collection<Doc>("late");
  await coll.insertMany([{ v: 1 }, { v: 1 }]);
  const error = await coll.createIndex({ v: 1 }, { unique: true }).catch((e) => e as MongoServerError);
  expect((error as MongoServerError).code).toBe(11000);
  expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(["_id_"]);
});
