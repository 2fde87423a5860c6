// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { Long, MongoServerError, type MongoClient } from "mongodb";
import { useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

function coll(name: string, client: MongoClient = mongo.current.client) {
  return client.db("txn").collection<Doc>(name);
}

test("withTransaction commits writes to several collections together", async () => {
  const session = mongo.current.client.startSession();
  try {
    await session.withTransaction(async () => {
      await coll("accounts").insertOne({ _id: "a", balance: 100 } as never, { session });
      await coll("ledger").insertOne({ account: "a", amount: 100 }, { session });
    });
  } finally {
    await session.endSession();
  }
  expect(await coll("accounts").findOne({ _id: "a" } as never)).toEqual({ _id: "a", balance: 100 } as never);
  expect(await coll("ledger").countDocuments({ account: "a" })).toBe(1);
});

test("writes are invisible to other sessions until commit, and the transaction sees its own writes", async () => {
  const other = await mongo.current.newClient();
  const session = mongo.current.client.startSession();
  session.startTransaction();
  await coll("pending").insertOne({ _id: 1, state: "draft" } as never, { session });
  await coll("pending").updateOne({ _id: 1 } as never, { $set: { state: "ready" } }, { session });
  expect(await coll("pending").findOne({ _id: 1 } as never, { session })).toEqual({ _id: 1, state: "ready" } as never);
  expect(await coll("pending", other).findOne({ _id: 1 } as never)).toBeNull();
  await session.commitTransaction();
  await session.endSession();
  expect(await coll("pending", other).findOne({ _id: 1 } as never)).toEqual({ _id: 1, state: "ready" } as never);
});

test("abort discards every write of the transaction", async () => {
  await coll("aborted").insertOne({ _id: 1, v: 1 } as never);
  const session = mongo.current.client.startSession();
  session.startTransaction();
  await coll("aborted").insertOne({ _id: 2, v: 2 } as never, { session });
  await coll("aborted").updateOne({ _id: 1 } as never, { $set: { v: 99 } }, { session });
  await coll("aborted").deleteOne({ _id: 1 } as never, { session });
  await session.abortTransaction();
  await session.endSession();
  expect(await coll("aborted").find().toArray()).toEqual([{ _id: 1, v: 1 }] as never[]);
});

test("a conflicting write fails with WriteConflict + TransientTransactionError and withTransaction retries", async () => {
  await coll("contended").insertOne({ _id: "x", n: 0 } as never);
  const holder = mongo.current.client.startSession();
  holder.startTransaction();
  await coll("contended").updateOne({ _id: "x" } as never, { $inc: { n: 1 } }, { session: holder });

  const raw = mongo.current.client.startSession();
  raw.startTransaction();
  const conflict = await coll("contended")
    .updateOne({ _id: "x" } as never, { $inc: { n: 100 } }, { session: raw })
    .catch((e) => e as MongoServerError);
  expect((conflict as MongoServerError).code).toBe(112);
  expect((conflict as MongoServerError).hasErrorLabel("TransientTransactionError")).toBe(true);
  await raw.abortTransaction().catch(() => undefined);
  await raw.endSession();

  const retrying = mongo.current.client.startSession();
  let attempts = 0;
  await retrying.withTransaction(async () => {
    attempts++;
    if (attempts === 2) await holder.commitTransaction(); // the competitor finishes while we retry
    await coll("contended").updateOne({ _id: "x" } as never, { $inc: { n: 10 } }, { session: retrying });
  });
  await retrying.endSession();
  await holder.endSession();
  expect(attempts).toBe(2);
  expect((await coll("contended").findOne({ _id: "x" } as never))!.n).toBe(11);
});

test("a plain write waits for the transaction holding its document, or fails with MaxTimeMSExpired", async () => {
  await coll("blocked").insertOne({ _id: 1, n: 0 } as never);
  const session = mongo.current.client.startSession();
  session.startTransaction();
  await coll("blocked").updateOne({ _id: 1 } as never, { $inc: { n: 1 } }, { session });

  const timedOut = await coll("blocked")
    .updateOne({ _id: 1 } as never, { $inc: { n: 5 } }, { maxTimeMS: 50 })
    .catch((e) => e as MongoServerError);
  expect((timedOut as MongoServerError).code).toBe(50);

  const waiting = coll("blocked").updateOne({ _id: 1 } as never, { $inc: { n: 10 } });
  await Bun.sleep(30);
  await session.commitTransaction();
  await session.endSession();
  expect((await waiting).modifiedCount).toBe(1);
  expect((await coll("blocked").findOne({ _id: 1 } as never))!.n).toBe(11);
});

test("transaction statements and commits follow MongoDB's txnNumber rules", async () => {
  const committed = mongo.current.client.startSession();
  committed.startTransaction();
  await coll("rules").insertOne({ _id: 1 } as never, { session: committed });
  await committed.commitTransaction();
  await committed.commitTransaction(); // the driver re-sends commitTransaction: committing twice succeeds
  await committed.endSession();

  // Raw statements on an explicit session: the driver sets lsid, we set txnNumber/autocommit. A client of its
  // own, because the driver pools server sessions and we leave this one at txnNumbers it never reached.
  const raw = await mongo.current.newClient();
  const session = raw.startSession({ causalConsistency: false });
  const opts = { session };
  const rawDb = raw.db("txn");
  const statement = (id: number, txnNumber: number, start = false) =>
    rawDb.command(
      { insert: "rules", documents: [{ _id: id }], txnNumber: Long.fromNumber(txnNumber), autocommit: false, ...(start ? { startTransaction: true } : {}) },
      opts,
    );
  const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (e) => e as MongoServerError);

  const unknown = await failure(statement(9, 1007));
  expect(unknown?.code).toBe(251);
  expect(unknown?.hasErrorLabel("TransientTransactionError")).toBe(true);

  // A higher txnNumber starts a new transaction and aborts the old one.
  await statement(2, 1002, true);
  await statement(3, 1003, true);
  expect((await failure(statement(9, 1002)))?.code).toBe(225);

  // A failed statement aborts its transaction; later statements get NoSuchTransaction.
  const duplicate = await statement(3, 1003);
  expect(duplicate.writeErrors?.[0]?.code).toBe(11000);
  const afterAbort = await failure(statement(10, 1003));
  expect(afterAbort?.code).toBe(251);
  expect((await coll("rules").find().toArray()).map((d) => d._id)).toEqual([1]);

  const notAllowed = await failure(
    rawDb.command({ count: "rules", txnNumber: Long.fromNumber(1004), startTransaction: true, autocommit: false }, opts),
  );
  expect(notAllowed?.code).toBe(263);
  await session.endSession();
});

test("a retried retryable write (same lsid and txnNumber) is applied once", async () => {
  await coll("retry").insertOne({ _id: 1, n: 0 } as never);
  const raw = await mongo.current.newClient();
  const db = raw.db("txn");
  const session = raw.startSession({ causalConsistency: false });
  const opts = { session };
  const command = { update: "retry", updates: [{ q: { _id: 1 }, u: { $inc: { n: 1 } } }], txnNumber: Long.fromNumber(1005) };
  const first = await db.command(command, opts);
  const second = await db.command(command, opts);
  expect([first.n, first.nModified]).toEqual([1, 1]);
  expect([second.n, second.nModified]).toEqual([1, 1]);
  expect((await coll("retry").findOne({ _id: 1 } as never))!.n).toBe(1);
  const old = await db.command({ ...command, txnNumber: Long.fromNumber(1004) }, opts).catch((e) => e as MongoServerError);
  expect((old as MongoServerError).code).toBe(225);
  await session.endSession();
});
