// Behaviours MongoDB's CRUD/transactions specification tests check, guarded here without the third-party files.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

test("`let` values are expressions evaluated before the command: $literal yields its value, even '$'-prefixed", async () => {
  const coll = mongo.current.db().collection<Doc>("let_eval");
  await coll.insertMany([{ _id: 1 }, { _id: 2 }]);
  const result = await coll.updateOne(
    { $expr: { $eq: ["$_id", "$$id"] } },
    [{ $set: { x: "$$x", y: "$$y", z: "$$z" } }],
    { let: { id: 1, x: "foo", y: { $literal: "$bar" }, z: { $add: [1, 2] } } },
  );
  expect(result.modifiedCount).toBe(1);
  expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, x: "foo", y: "$bar", z: 3 });

  const updated = await coll.findOneAndUpdate(
    { $expr: { $eq: ["$_id", "$$id"] } },
    [{ $set: { y: "$$y" } }],
    { let: { id: 2, y: { $literal: "bar" } }, returnDocument: "after" },
  );
  expect(updated).toEqual({ _id: 2, y: "bar" });
  expect(await coll.find({ $expr: { $eq: ["$y", "$$v"] } }, { let: { v: { $concat: ["b", "ar"] } } }).toArray()).toEqual([
    { _id: 2, y: "bar" },
  ]);
});

test("a null _id sent by the client is stored as null, not replaced", async () => {
  const db = mongo.current.db();
  await db.command({ insert: "null_id", documents: [{ _id: null, a: 1 }] });
  expect(await db.collection<Doc>("null_id").find().toArray()).toEqual([{ _id: null, a: 1 }]);
});

test("aborting after commit is refused by the driver and the committed writes stay", async () => {
  const coll = mongo.current.db().collection<Doc>("abort_after_commit");
  const session = mongo.current.client.startSession();
  try {
    session.startTransaction();
    await coll.insertOne({ _id: 1 }, { session });
    await session.commitTransaction();
    await expect(session.abortTransaction()).rejects.toThrow(/Cannot call abortTransaction after calling commitTransaction/);
  } finally {
    await session.endSession();
  }
  expect(await coll.countDocuments()).toBe(1);
});

test("abortTransaction sent for a committed transaction is TransactionCommitted (256)", async () => {
  const coll = mongo.current.db().collection<Doc>("raw_abort_after_commit");
  const session = mongo.current.client.startSession();
  try {
    session.startTransaction();
    await coll.insertOne({ _id: 1 }, { session });
    await session.commitTransaction();
    const txnNumber = (session as unknown as { serverSession: { txnNumber: number } }).serverSession.txnNumber;
    // The driver refuses this itself; sent raw (same session, same txnNumber) the server answers 256.
    const error = await mongo.current.client
      .db("admin")
      .command({ abortTransaction: 1, txnNumber, autocommit: false } as Doc, { session })
      .catch((e) => e);
    expect(error.code).toBe(256);
  } finally {
    await session.endSession();
  }
});
