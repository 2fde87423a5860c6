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

test("a NoSuchTransaction commit failure is labelled TransientTransactionError, unless it carries a write concern error", async () => {
  const client = mongo.current.client;
  const coll = mongo.current.db().collection<Doc>("commit_no_such_txn");
  const admin = client.db("admin");
  const commitFailing = async (data: Doc) => {
    await admin.command({ configureFailPoint: "failCommand", mode: { times: 1 }, data: { failCommands: ["commitTransaction"], ...data } });
    const session = client.startSession();
    try {
      session.startTransaction();
      await coll.insertOne({}, { session });
      return await session.commitTransaction().then(() => undefined, (e) => e);
    } finally {
      await admin.command({ configureFailPoint: "failCommand", mode: "off" });
      await session.endSession();
    }
  };
  const plain = await commitFailing({ errorCode: 251 });
  expect(plain.code).toBe(251);
  expect(plain.hasErrorLabel("TransientTransactionError")).toBe(true);
  expect(plain.hasErrorLabel("UnknownTransactionCommitResult")).toBe(false);

  const withWriteConcernError = await commitFailing({ errorCode: 251, writeConcernError: { code: 64, errmsg: "waiting for replication timed out" } });
  expect(withWriteConcernError.code).toBe(251);
  expect(withWriteConcernError.hasErrorLabel("TransientTransactionError")).toBe(false);
});

test("a write concern asking for more members than the set has is applied, then reported as UnsatisfiableWriteConcern (100)", async () => {
  const client = mongo.current.client;
  const coll = mongo.current.db().collection<Doc>("unsatisfiable_w");
  const insertError = await coll.insertOne({ _id: 1 }, { writeConcern: { w: 3 } }).then(() => undefined, (e) => e);
  expect(insertError?.code).toBe(100);
  expect(insertError?.codeName).toBe("UnsatisfiableWriteConcern");
  expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1 });

  const session = client.startSession();
  try {
    session.startTransaction({ writeConcern: { w: 10 } });
    await coll.insertOne({ _id: 2 }, { session });
    const commitError = await session.commitTransaction().then(() => undefined, (e) => e);
    expect(commitError?.codeName).toBe("UnsatisfiableWriteConcern");
  } finally {
    await session.endSession();
  }
  expect(await coll.countDocuments({ _id: 2 })).toBe(1);
  // w: 1 and "majority" are satisfiable by the one member.
  await expect(coll.insertOne({ _id: 3 }, { writeConcern: { w: 1 } })).resolves.toBeDefined();
  await expect(coll.insertOne({ _id: 4 }, { writeConcern: { w: "majority" } })).resolves.toBeDefined();
});

test("createIndexes in a transaction: built at commit, dropped by abort, refused on a collection that already existed", async () => {
  const client = mongo.current.client;
  const db = mongo.current.db();
  const indexNames = async (name: string) => (await db.collection(name).listIndexes().toArray().catch(() => [])).map((i) => i.name);

  const committed = client.startSession();
  try {
    committed.startTransaction();
    await db.collection("txn_index_new").createIndex({ x: 1 }, { name: "x_1", session: committed });
    expect(await indexNames("txn_index_new")).not.toContain("x_1"); // invisible to others before commit
    await committed.commitTransaction();
  } finally {
    await committed.endSession();
  }
  expect(await indexNames("txn_index_new")).toContain("x_1");

  const aborted = client.startSession();
  try {
    aborted.startTransaction();
    await db.createCollection("txn_index_aborted", { session: aborted });
    await db.collection("txn_index_aborted").createIndex({ y: 1 }, { name: "y_1", session: aborted });
    await aborted.abortTransaction();
  } finally {
    await aborted.endSession();
  }
  expect(await indexNames("txn_index_aborted")).not.toContain("y_1");

  await db.collection<Doc>("txn_index_existing").insertOne({ _id: 1 });
  const refused = client.startSession();
  try {
    refused.startTransaction();
    const error = await db.collection("txn_index_existing").createIndex({ z: 1 }, { session: refused }).then(() => undefined, (e) => e);
    expect(error?.code).toBe(263);
    expect(error?.message).toContain("Cannot create new indexes on existing collection");
  } finally {
    await refused.endSession();
  }
  expect(await indexNames("txn_index_existing")).toEqual(["_id_"]);
});
