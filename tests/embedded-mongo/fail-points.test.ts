// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { afterEach, expect, test } from "bun:test";
import { MongoServerError, type MongoClient } from "mongodb";
import { serverError, startTestMongo, useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

function admin(client: MongoClient = mongo.current.client) {
  return client.db("admin");
}

afterEach(async () => {
  await admin().command({ configureFailPoint: "failCommand", mode: "off" });
});

test("failCommand with times fails the named command that many times with the code and MongoDB's codeName", async () => {
  const coll = mongo.current.db().collection<Doc>("fp_times");
  await admin().command({
    configureFailPoint: "failCommand",
    mode: { times: 2 },
    data: { failCommands: ["insert"], errorCode: 8 },
  });
  for (let i = 0; i < 2; i++) {
    const error = await coll.insertOne({ _id: i }).catch((e) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect(error.code).toBe(8);
  }
  await coll.insertOne({ _id: 99 });
  expect(await coll.countDocuments()).toBe(1);
  // Other commands were never affected.
  expect(await coll.findOne({ _id: 99 })).toEqual({ _id: 99 });
});

test("failCommand errors on retryable writes carry RetryableWriteError and the driver retries once", async () => {
  const client = await mongo.current.newClient({ retryWrites: true });
  const coll = client.db(mongo.current.db().databaseName).collection<Doc>("fp_retry");
  await admin().command({
    configureFailPoint: "failCommand",
    mode: { times: 1 },
    data: { failCommands: ["insert"], errorCode: 91 },
  });
  await coll.insertOne({ _id: 1 }); // first attempt fails with ShutdownInProgress, the retry succeeds
  expect(await coll.countDocuments()).toBe(1);

  const noRetry = await mongo.current.newClient({ retryWrites: false });
  await admin().command({
    configureFailPoint: "failCommand",
    mode: { times: 1 },
    data: { failCommands: ["insert"], errorCode: 91 },
  });
  const error = await noRetry.db(coll.dbName).collection<Doc>("fp_retry").insertOne({ _id: 2 }).catch((e) => e);
  expect(error.codeName).toBe("ShutdownInProgress");
});

test("errorLabels given to the fail point replace the computed ones", async () => {
  await admin().command({
    configureFailPoint: "failCommand",
    mode: { times: 1 },
    data: { failCommands: ["ping"], errorCode: 112, errorLabels: ["CustomLabel"] },
  });
  const error = await admin().command({ ping: 1 }).catch((e) => e);
  expect(error.code).toBe(112);
  expect(error.errorLabels).toEqual(["CustomLabel"]);
});

test("closeConnection drops the connection without a reply; the server keeps serving", async () => {
  const client = await mongo.current.newClient({ retryReads: false });
  await admin().command({
    configureFailPoint: "failCommand",
    mode: { times: 1 },
    data: { failCommands: ["find"], closeConnection: true },
  });
  const error = await client.db("fp").collection("c").findOne({}).catch((e) => e);
  expect(error?.name).toBe("MongoNetworkError");
  expect(await client.db("fp").collection("c").findOne({})).toBeNull();
});

test("blockConnection delays the command by blockTimeMS before it runs", async () => {
  await admin().command({
    configureFailPoint: "failCommand",
    mode: { times: 1 },
    data: { failCommands: ["ping"], blockConnection: true, blockTimeMS: 200 },
  });
  const started = performance.now();
  await admin().command({ ping: 1 });
  expect(performance.now() - started).toBeGreaterThanOrEqual(190);
});

test("writeConcernError is attached to an otherwise successful write", async () => {
  const coll = mongo.current.db().collection<Doc>("fp_wce");
  await admin().command({
    configureFailPoint: "failCommand",
    mode: { times: 1 },
    data: { failCommands: ["insert"], writeConcernError: { code: 100, errmsg: "Not enough data-bearing nodes" } },
  });
  const error = await coll.insertOne({ _id: 1 }, { writeConcern: { w: "majority" } }).catch((e) => e);
  expect(error.name).toBe("MongoWriteConcernError");
  expect(error.code).toBe(100);
  expect(await coll.countDocuments()).toBe(1); // the write itself happened
});

test("alwaysOn stays armed until mode off; configureFailPoint reports the previous count", async () => {
  await admin().command({ configureFailPoint: "failCommand", mode: "alwaysOn", data: { failCommands: ["ping"], errorCode: 2 } });
  for (let i = 0; i < 3; i++) expect((await admin().command({ ping: 1 }).catch((e) => e)).code).toBe(2);
  await admin().command({ configureFailPoint: "failCommand", mode: "off" });
  expect((await admin().command({ ping: 1 })).ok).toBe(1);
  expect((await mongo.current.db().command({ configureFailPoint: "failCommand", mode: "off" }).catch((e) => e)).codeName).toBe(
    "Unauthorized",
  );
  expect((await admin().command({ configureFailPoint: "noSuchPoint", mode: "off" }).catch((e) => e)).code).toBe(2);
});

test("a fail point on commitTransaction leaves the transaction committable: the driver's retry commits it", async () => {
  const coll = mongo.current.db().collection<Doc>("fp_commit");
  await coll.insertOne({ _id: 0 });
  const session = mongo.current.client.startSession();
  try {
    session.startTransaction();
    await coll.insertOne({ _id: 1 }, { session });
    await admin().command({
      configureFailPoint: "failCommand",
      mode: { times: 1 },
      data: { failCommands: ["commitTransaction"], errorCode: 91 },
    });
    await session.commitTransaction(); // fails once with RetryableWriteError, retried by the driver
  } finally {
    await session.endSession();
  }
  expect(await coll.countDocuments()).toBe(2);
});

test("a failed statement aborts its transaction with a TransientTransactionError label", async () => {
  const coll = mongo.current.db().collection<Doc>("fp_txn");
  await coll.insertOne({ _id: 0 });
  const session = mongo.current.client.startSession();
  try {
    session.startTransaction();
    await coll.insertOne({ _id: 1 }, { session });
    await admin().command({
      configureFailPoint: "failCommand",
      mode: { times: 1 },
      data: { failCommands: ["insert"], errorCode: 10107 },
    });
    const error = await coll.insertOne({ _id: 2 }, { session }).catch((e) => e);
    expect(error.hasErrorLabel("TransientTransactionError")).toBe(true);
    const next = await coll.insertOne({ _id: 3 }, { session }).catch((e) => e);
    expect(next.codeName).toBe("NoSuchTransaction");
    await session.abortTransaction();
  } finally {
    await session.endSession();
  }
  expect(await coll.countDocuments()).toBe(1);
});

test("killAllSessions aborts open transactions", async () => {
  const coll = mongo.current.db().collection<Doc>("kill_all");
  const session = mongo.current.client.startSession();
  try {
    session.startTransaction();
    await coll.insertOne({ _id: 1 }, { session });
    await admin().command({ killAllSessions: [] });
    const error = await session.commitTransaction().catch((e) => e);
    expect(error.codeName).toBe("NoSuchTransaction");
  } finally {
    await session.endSession();
  }
  expect(await coll.countDocuments()).toBe(0);
});

test("getParameter, serverStatus and hostInfo answer what tools ask", async () => {
  const fcv = await admin().command({ getParameter: 1, featureCompatibilityVersion: 1 });
  expect(fcv.featureCompatibilityVersion).toEqual({ version: "7.0" });
  expect((await admin().command({ getParameter: 1, noSuchParameter: 1 }).catch((e) => e)).codeName).toBe("InvalidOptions");
  const status = await admin().command({ serverStatus: 1 });
  expect(status.version).toMatch(/^7\.0\./);
  expect(status.process).toBe("mongod");
  const host = await admin().command({ hostInfo: 1 });
  expect(host.system.numCores).toBeGreaterThan(0);
});

// mongod's enableTestCommands (manual: "Server Parameters" → enableTestCommands; issue 13 item 7): without it
// configureFailPoint does not exist, so no client can break another's commands. `npm run dev` never sets it.
test("without enableTestCommands, configureFailPoint is an unknown command and other clients are untouched", async () => {
  const plain = await startTestMongo({ enableTestCommands: false });
  try {
    const admin = plain.client.db("admin");
    const error = await serverError(
      admin.command({ configureFailPoint: "failCommand", mode: "alwaysOn", data: { failCommands: ["ping"], errorCode: 91 } }),
    );
    expect(error.code).toBe(59);
    expect(await admin.command({ ping: 1 })).toMatchObject({ ok: 1 });
    expect(await admin.command({ getParameter: 1, enableTestCommands: 1 })).toMatchObject({ enableTestCommands: false });
  } finally {
    await plain.stop();
  }
});
