// Collections created inside a transaction, as MongoDB 7.0 does it: part of the transaction, invisible to
// others until commit, gone after an abort.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import type { MongoClient } from "mongodb";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

async function collectionNames(client: MongoClient, db = "ddl"): Promise<string[]> {
  return (await client.db(db).listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
}

async function indexNames(client: MongoClient, name: string): Promise<string[]> {
  return (await client.db("ddl").collection(name).listIndexes().toArray()).map((i) => String(i.name)).sort();
}

test("a collection created by a first insert in withTransaction appears, with its documents, only at commit", async () => {
  const other = await mongo.current.newClient();
  const session = mongo.current.client.startSession();
  try {
    await session.withTransaction(async () => {
      const orders = mongo.current.client.db("ddl").collection<Doc>("implicit_orders");
      await orders.insertMany([{ _id: 1 }, { _id: 2 }], { session });
      expect(await orders.countDocuments({}, { session })).toBe(2);
      expect(await collectionNames(other)).not.toContain("implicit_orders");
      expect(await other.db("ddl").collection("implicit_orders").find().toArray()).toEqual([]);
    });
  } finally {
    await session.endSession();
  }
  expect(await collectionNames(other)).toContain("implicit_orders");
  expect((await other.db("ddl").collection("implicit_orders").find().sort({ _id: 1 }).toArray()) as Doc[]).toEqual([{ _id: 1 }, { _id: 2 }]);
});

test("explicit create and createIndex in a transaction commit together with the documents", async () => {
  const other = await mongo.current.newClient();
  const db = mongo.current.client.db("ddl");
  const session = mongo.current.client.startSession();
  try {
    await session.withTransaction(async () => {
      await db.createCollection("explicit_users", { session });
      await db.collection("explicit_users").createIndex({ email: 1 }, { unique: true, name: "email_1", session });
      await db.collection<Doc>("explicit_users").insertOne({ _id: 1, email: "a@example.com" }, { session });
      const duplicate = await serverError(db.collection<Doc>("explicit_users").insertOne({ _id: 2, email: "a@example.com" }, { session }));
      expect(duplicate.code).toBe(11000);
      throw new Error("retry without the duplicate");
    }).catch((error: Error) => expect(error.message).toBe("retry without the duplicate"));
    await session.withTransaction(async () => {
      await db.createCollection("explicit_users", { session });
      await db.collection("explicit_users").createIndex({ email: 1 }, { unique: true, name: "email_1", session });
      await db.collection<Doc>("explicit_users").insertOne({ _id: 1, email: "a@example.com" }, { session });
      expect(await collectionNames(other)).not.toContain("explicit_users");
      expect((await serverError(other.db("ddl").collection("explicit_users").listIndexes().toArray())).code).toBe(26);
    });
  } finally {
    await session.endSession();
  }
  expect(await indexNames(other, "explicit_users")).toEqual(["_id_", "email_1"]);
  expect((await other.db("ddl").collection("explicit_users").find().toArray()) as Doc[]).toEqual([{ _id: 1, email: "a@example.com" }]);
  const duplicate = await serverError(other.db("ddl").collection<Doc>("explicit_users").insertOne({ _id: 3, email: "a@example.com" }));
  expect(duplicate.code).toBe(11000);
});

test("an abort (a throw inside withTransaction) leaves no collection, no index and no database behind", async () => {
  const client = mongo.current.client;
  const session = client.startSession();
  try {
    const failed = await session
      .withTransaction(async () => {
        await client.db("ddl_fresh").collection<Doc>("implicit").insertOne({ _id: 1 }, { session });
        await client.db("ddl_fresh").collection<Doc>("upserted").updateOne({ _id: 1 }, { $set: { n: 1 } }, { upsert: true, session });
        await client.db("ddl_fresh").createCollection("explicit", { session });
        await client.db("ddl_fresh").collection("explicit").createIndex({ x: 1 }, { session });
        throw new Error("business rule failed");
      })
      .then(() => undefined, (error: Error) => error.message);
    expect(failed).toBe("business rule failed");
  } finally {
    await session.endSession();
  }
  expect(await collectionNames(client, "ddl_fresh")).toEqual([]);
  const dbs = await client.db().admin().listDatabases();
  expect(dbs.databases.map((d) => d.name)).not.toContain("ddl_fresh");
  // The names are free again, with none of the aborted indexes.
  await client.db("ddl_fresh").createCollection("explicit");
  expect((await client.db("ddl_fresh").collection("explicit").listIndexes().toArray()).map((i) => i.name)).toEqual(["_id_"]);
});

test("a plain insert by another client into a collection a transaction is creating waits for the commit", async () => {
  const other = await mongo.current.newClient();
  const client = mongo.current.client;
  const session = client.startSession();
  try {
    session.startTransaction();
    await client.db("ddl").collection<Doc>("contended").insertOne({ _id: "txn" }, { session });

    const timedOut = await serverError(other.db("ddl").command({ insert: "contended", documents: [{ _id: "bounded" }], maxTimeMS: 150 }));
    expect(timedOut.code).toBe(50); // MaxTimeMSExpired: it waited on the transaction
    const waiting = other.db("ddl").collection<Doc>("contended").insertOne({ _id: "plain" });
    await session.commitTransaction();
    await waiting;
  } finally {
    await session.endSession();
  }
  expect((await other.db("ddl").collection("contended").find().sort({ _id: 1 }).toArray()) as Doc[]).toEqual([{ _id: "plain" }, { _id: "txn" }]);
});

test("another transaction creating the same collection gets a transient WriteConflict and is aborted", async () => {
  const other = await mongo.current.newClient();
  const client = mongo.current.client;
  const first = client.startSession();
  const second = other.startSession();
  try {
    first.startTransaction();
    await client.db("ddl").createCollection("raced", { session: first });
    second.startTransaction();
    const conflict = await serverError(other.db("ddl").collection<Doc>("raced").insertOne({ _id: 1 }, { session: second }));
    expect(conflict.code).toBe(112);
    expect(conflict.hasErrorLabel("TransientTransactionError")).toBe(true);
    await second.abortTransaction();
    await first.commitTransaction();
  } finally {
    await first.endSession();
    await second.endSession();
  }
  expect(await collectionNames(other)).toContain("raced");
  expect(await other.db("ddl").collection("raced").countDocuments()).toBe(0);
});

test("create in a transaction: an existing collection is NamespaceExists, read concern snapshot is refused", async () => {
  const client = mongo.current.client;
  const db = client.db("ddl");
  await db.createCollection("already_there");
  const session = client.startSession();
  try {
    session.startTransaction();
    const exists = await serverError(db.createCollection("already_there", { session }));
    expect(exists.code).toBe(48);
    await session.abortTransaction().catch(() => undefined);

    session.startTransaction({ readConcern: { level: "snapshot" } });
    const snapshot = await serverError(db.createCollection("snapshot_create", { session }));
    expect(snapshot.code).toBe(72);
    await session.abortTransaction().catch(() => undefined);

    session.startTransaction({ readConcern: { level: "snapshot" } });
    const index = await serverError(db.collection("snapshot_index").createIndex({ a: 1 }, { session }));
    expect(index.code).toBe(72);
    await session.abortTransaction().catch(() => undefined);

    session.startTransaction();
    await db.collection<Doc>("filled_first").insertOne({ _id: 1 }, { session });
    const nonEmpty = await serverError(db.collection("filled_first").createIndex({ a: 1 }, { session }));
    expect(nonEmpty.code).toBe(263);
    await session.abortTransaction().catch(() => undefined);
  } finally {
    await session.endSession();
  }
  expect(await collectionNames(client)).not.toContain("snapshot_create");
  expect(await collectionNames(client)).not.toContain("snapshot_index");
  expect(await collectionNames(client)).not.toContain("filled_first");
});
