// Error labels MongoDB 7.0 puts on failCommand's injected write concern errors, and transactions surviving
// injected errors that carry explicit labels (manual: "Transactions and Error Labels", "Retryable Writes";
// MongoDB's failCommand fail point as the drivers' specification tests use it).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { afterEach, expect, test } from "bun:test";
import type { CommandStartedEvent, CommandSucceededEvent } from "mongodb";
import { useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();
const admin = () => mongo.current.client.db("admin");

afterEach(async () => {
  await admin().command({ configureFailPoint: "failCommand", mode: "off" });
});

async function monitoredClient() {
  const client = await mongo.current.newClient({ monitorCommands: true, retryWrites: true });
  const started: CommandStartedEvent[] = [];
  const succeeded: CommandSucceededEvent[] = [];
  client.on("commandStarted", (e) => started.push(e));
  client.on("commandSucceeded", (e) => succeeded.push(e));
  return { client, started, succeeded };
}

test("a retryable write whose writeConcernError has a retryable code is labelled RetryableWriteError and retried once, applied once", async () => {
  const { client, started, succeeded } = await monitoredClient();
  const coll = client.db(mongo.current.db().databaseName).collection<Doc>("wce_retry");
  await admin().command({
    configureFailPoint: "failCommand",
    mode: { times: 1 },
    data: { failCommands: ["insert"], writeConcernError: { code: 91, errmsg: "Replication is being shut down" } },
  });
  await coll.insertOne({ _id: 1 });
  expect(started.filter((e) => e.commandName === "insert")).toHaveLength(2);
  const first = succeeded.find((e) => e.commandName === "insert")!.reply as Doc;
  expect(first.writeConcernError.code).toBe(91);
  expect(first.errorLabels).toEqual(["RetryableWriteError"]);
  expect(await coll.countDocuments()).toBe(1);
});

test("a commit whose writeConcernError leaves the outcome unknown is labelled UnknownTransactionCommitResult and the driver's retry commits", async () => {
  const { client, started, succeeded } = await monitoredClient();
  const coll = client.db(mongo.current.db().databaseName).collection<Doc>("wce_commit");
  await coll.insertOne({ _id: 0 });
  await admin().command({
    configureFailPoint: "failCommand",
    mode: { times: 1 },
    data: { failCommands: ["commitTransaction"], writeConcernError: { code: 64, errmsg: "waiting for replication timed out" } },
  });
  const session = client.startSession();
  try {
    await session.withTransaction(async () => {
      await coll.insertOne({ _id: 1 }, { session });
    });
  } finally {
    await session.endSession();
  }
  const commits = succeeded.filter((e) => e.commandName === "commitTransaction").map((e) => e.reply as Doc);
  expect(commits[0].errorLabels).toContain("UnknownTransactionCommitResult");
  expect(commits[0].errorLabels).not.toContain("RetryableWriteError");
  expect(started.filter((e) => e.commandName === "commitTransaction").length).toBeGreaterThanOrEqual(2);
  expect(await coll.countDocuments()).toBe(2);
});

test("a retryable writeConcernError code on commit carries both RetryableWriteError and UnknownTransactionCommitResult", async () => {
  const { client, succeeded } = await monitoredClient();
  const coll = client.db(mongo.current.db().databaseName).collection<Doc>("wce_commit_retryable");
  await coll.insertOne({ _id: 0 });
  await admin().command({
    configureFailPoint: "failCommand",
    mode: { times: 1 },
    data: { failCommands: ["commitTransaction"], writeConcernError: { code: 11602, errmsg: "interrupted" } },
  });
  const session = client.startSession();
  try {
    session.startTransaction();
    await coll.insertOne({ _id: 1 }, { session });
    await session.commitTransaction();
  } finally {
    await session.endSession();
  }
  const first = succeeded.find((e) => e.commandName === "commitTransaction")!.reply as Doc;
  expect(first.errorLabels).toEqual(["RetryableWriteError", "UnknownTransactionCommitResult"]);
  expect(await coll.countDocuments({ _id: 1 })).toBe(1);
});

test("an error injected with explicit errorLabels inside a transaction leaves the transaction open", async () => {
  const coll = mongo.current.db().collection<Doc>("labels_txn");
  await coll.insertOne({ _id: 0 });
  const session = mongo.current.client.startSession();
  try {
    session.startTransaction();
    await coll.insertOne({ _id: 1 }, { session });
    await admin().command({
      configureFailPoint: "failCommand",
      mode: { times: 1 },
      data: { failCommands: ["insert"], errorCode: 112, errorLabels: ["CustomLabel"] },
    });
    const error = await coll.insertOne({ _id: 2 }, { session }).catch((e) => e);
    expect(error.code).toBe(112);
    expect(error.errorLabels).toEqual(["CustomLabel"]);
    await coll.insertOne({ _id: 3 }, { session });
    await session.commitTransaction();
  } finally {
    await session.endSession();
  }
  expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([0, 1, 3]);
});
