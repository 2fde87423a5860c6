// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { MongoServerError, type ClientSession, type MongoClient } from "mongodb";
import { useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

function coll(name: string, client: MongoClient = mongo.current.client) {
  return client.db("snapshot").collection<Doc>(name);
}

async function snapshotStats(): Promise<{ currentOpen: number; snapshotPreImages: number }> {
  const status = await mongo.current.client.db("admin").command({ serverStatus: 1 });
  return status.transactions;
}

async function inTransaction<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
  const session = mongo.current.client.startSession();
  try {
    session.startTransaction();
    const result = await fn(session);
    await session.commitTransaction();
    return result;
  } finally {
    await session.endSession();
  }
}

test("a transaction reads its snapshot while another client inserts, updates and deletes", async () => {
  const items = coll("items");
  await items.createIndex({ sku: 1 });
  await items.insertMany([
    { _id: 1, sku: "a", qty: 10 },
    { _id: 2, sku: "b", qty: 20 },
    { _id: 3, sku: "c", qty: 30 },
  ] as never[]);
  const other = coll("items", await mongo.current.newClient());

  const session = mongo.current.client.startSession();
  session.startTransaction();
  // MongoDB takes the snapshot at the transaction's first operation.
  expect(await items.countDocuments({}, { session })).toBe(3);

  await other.insertOne({ _id: 4, sku: "d", qty: 40 } as never);
  await other.updateOne({ _id: 2 } as never, { $set: { sku: "b2", qty: 25 } });
  await other.deleteOne({ _id: 3 } as never);

  expect(await items.findOne({ _id: 2 } as never, { session })).toEqual({ _id: 2, sku: "b", qty: 20 } as never);
  expect(await items.findOne({ _id: 3 } as never, { session })).toEqual({ _id: 3, sku: "c", qty: 30 } as never);
  expect(await items.findOne({ _id: 4 } as never, { session })).toBeNull();
  expect(await items.find({ _id: { $gte: 2 } } as never, { session }).map((d: Doc) => d.sku).toArray()).toEqual(["b", "c"]);
  // by the indexed field: the old key still finds the snapshot version, the new key finds nothing
  expect(await items.findOne({ sku: "b" }, { session })).toEqual({ _id: 2, sku: "b", qty: 20 } as never);
  expect(await items.findOne({ sku: "b2" }, { session })).toBeNull();
  expect(await items.find({ sku: { $in: ["c", "d"] } }, { session }).toArray()).toEqual([{ _id: 3, sku: "c", qty: 30 }] as never[]);
  expect(await items.find({ qty: { $gte: 20 } }, { session }).sort({ qty: -1 }).toArray()).toEqual([
    { _id: 3, sku: "c", qty: 30 },
    { _id: 2, sku: "b", qty: 20 },
  ] as never[]);
  expect(await items.find({}, { session }).sort({ sku: 1 }).skip(1).limit(2).map((d: Doc) => d._id).toArray()).toEqual([2, 3]);
  expect(await items.find({}, { session }).map((d: Doc) => d._id).toArray()).toEqual([1, 2, 3]);
  expect(await items.countDocuments({ sku: { $gte: "b" } }, { session })).toBe(2);
  expect(await items.distinct("sku", {}, { session })).toEqual(["a", "b", "c"]);
  expect(
    await items.aggregate([{ $match: { qty: { $gt: 5 } } }, { $group: { _id: null, total: { $sum: "$qty" } } }], { session }).toArray(),
  ).toEqual([{ _id: null, total: 60 }]);
  // outside the transaction the latest state is visible
  expect(await other.find({}).sort({ _id: 1 }).map((d: Doc) => d.sku).toArray()).toEqual(["a", "b2", "d"]);
  await session.commitTransaction();
  await session.endSession();

  const after = await inTransaction((s) => items.find({}, { session: s }).sort({ _id: 1 }).toArray());
  expect(after).toEqual([
    { _id: 1, sku: "a", qty: 10 },
    { _id: 2, sku: "b2", qty: 25 },
    { _id: 4, sku: "d", qty: 40 },
  ] as never[]);
});

test("another transaction's commit stays invisible; own writes stay visible", async () => {
  const accounts = coll("accounts");
  await accounts.insertMany([
    { _id: "x", balance: 100 },
    { _id: "y", balance: 50 },
  ] as never[]);
  const reader = mongo.current.client.startSession();
  reader.startTransaction();
  await accounts.updateOne({ _id: "y" } as never, { $inc: { balance: 5 } }, { session: reader });

  await inTransaction(async (s) => {
    await accounts.updateOne({ _id: "x" } as never, { $inc: { balance: -30 } }, { session: s });
    await accounts.insertOne({ _id: "z", balance: 30 } as never, { session: s });
  });

  const seen = await accounts.find({}, { session: reader }).sort({ _id: 1 }).toArray();
  expect(seen).toEqual([
    { _id: "x", balance: 100 },
    { _id: "y", balance: 55 },
  ] as never[]);
  await reader.commitTransaction();
  await reader.endSession();
  expect(await accounts.find({}).sort({ _id: 1 }).map((d: Doc) => d.balance).toArray()).toEqual([70, 55, 30]);
});

test("writing a document changed after the snapshot is a WriteConflict, and withTransaction retries to success", async () => {
  const counters = coll("counters");
  await counters.insertOne({ _id: "c", n: 0 } as never);
  const other = coll("counters", await mongo.current.newClient());

  const raw = mongo.current.client.startSession();
  raw.startTransaction();
  expect((await counters.findOne({ _id: "c" } as never, { session: raw }))!.n).toBe(0);
  await other.updateOne({ _id: "c" } as never, { $set: { n: 5 } });
  const error = (await counters.updateOne({ _id: "c" } as never, { $inc: { n: 1 } }, { session: raw }).catch((e) => e)) as MongoServerError;
  expect(error).toBeInstanceOf(MongoServerError);
  expect(error.code).toBe(112);
  expect(error.hasErrorLabel("TransientTransactionError")).toBe(true);
  await raw.abortTransaction().catch(() => undefined);
  await raw.endSession();

  // A read-modify-write: the first attempt read a value someone else then changed, so it must not win.
  const session = mongo.current.client.startSession();
  let attempts = 0;
  await session.withTransaction(async () => {
    attempts++;
    const current = (await counters.findOne({ _id: "c" } as never, { session }))!.n as number;
    if (attempts === 1) await other.updateOne({ _id: "c" } as never, { $set: { n: 10 } });
    await counters.updateOne({ _id: "c" } as never, { $set: { n: current + 1 } }, { session });
  });
  await session.endSession();
  expect(attempts).toBe(2);
  expect((await counters.findOne({ _id: "c" } as never))!.n).toBe(11);
});

test("a unique value taken by another client after the snapshot is a transient WriteConflict", async () => {
  const users = coll("users");
  await users.createIndex({ email: 1 }, { unique: true });
  const other = coll("users", await mongo.current.newClient());
  const session = mongo.current.client.startSession();
  let attempts = 0;
  const outcome = await session
    .withTransaction(async () => {
      attempts++;
      await users.findOne({}, { session });
      if (attempts === 1) await other.insertOne({ _id: "first", email: "a@example.org" } as never);
      await users.insertOne({ _id: "second", email: "a@example.org" } as never, { session });
    })
    .catch((e) => e as MongoServerError);
  await session.endSession();
  // The retry sees the other client's document and gets the real duplicate key error.
  expect(attempts).toBe(2);
  expect((outcome as MongoServerError).code).toBe(11000);
  expect(await users.find({}).map((d: Doc) => d._id).toArray()).toEqual(["first"]);
});

test("pre-images are dropped when transactions commit or abort", async () => {
  const notes = coll("notes");
  await notes.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 3 }] as never[]);
  const committing = mongo.current.client.startSession();
  const aborting = mongo.current.client.startSession();
  committing.startTransaction();
  aborting.startTransaction();
  await notes.findOne({}, { session: committing });
  await notes.findOne({}, { session: aborting });
  await notes.deleteMany({});
  await notes.insertOne({ _id: 4 } as never);

  expect(await snapshotStats()).toEqual({ currentOpen: 2, snapshotPreImages: 8 });
  expect(await notes.countDocuments({}, { session: aborting })).toBe(3);
  await committing.commitTransaction();
  expect(await snapshotStats()).toEqual({ currentOpen: 1, snapshotPreImages: 4 });
  await aborting.abortTransaction();
  expect(await snapshotStats()).toEqual({ currentOpen: 0, snapshotPreImages: 0 });
  await committing.endSession();
  await aborting.endSession();

  // With no transaction open, plain writes keep nothing.
  await notes.insertOne({ _id: 5 } as never);
  await notes.deleteOne({ _id: 4 } as never);
  expect(await snapshotStats()).toEqual({ currentOpen: 0, snapshotPreImages: 0 });
});
