// TTL indexes. Manual: "TTL Indexes" (https://www.mongodb.com/docs/manual/core/index-ttl/) — expiry of a
// date field or an array of dates (earliest date counts), the background monitor (ttlMonitorSleepSecs), and
// "collMod" (https://www.mongodb.com/docs/manual/reference/command/collMod/) to change expireAfterSeconds;
// serverStatus metrics.ttl (https://www.mongodb.com/docs/manual/reference/command/serverStatus/#metrics).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { beforeAll, expect, test } from "bun:test";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();
const admin = () => mongo.current.client.db("admin");

async function ttlMetrics(): Promise<{ deletedDocuments: number; passes: number }> {
  const status = await admin().command({ serverStatus: 1 });
  return { deletedDocuments: Number(status.metrics.ttl.deletedDocuments), passes: Number(status.metrics.ttl.passes) };
}

/** Waits until the monitor has completed `n` more passes. */
async function passes(n: number): Promise<void> {
  const start = (await ttlMetrics()).passes;
  const deadline = Date.now() + 10_000;
  while ((await ttlMetrics()).passes < start + n) {
    if (Date.now() > deadline) throw new Error("the TTL monitor made no pass");
    await Bun.sleep(50);
  }
}

beforeAll(async () => {
  expect(await admin().command({ setParameter: 1, ttlMonitorSleepSecs: 1 })).toMatchObject({ was: 60, ok: 1 });
});

test("expired dates and arrays holding an expired date are deleted; future, non-date and missing fields stay", async () => {
  const coll = mongo.current.db().collection<Doc>("sessions");
  await coll.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  const past = new Date(Date.now() - 60_000);
  const future = new Date(Date.now() + 3_600_000);
  await coll.insertMany([
    { _id: "past", expiresAt: past },
    { _id: "future", expiresAt: future },
    { _id: "array", expiresAt: [future, past] },
    { _id: "string", expiresAt: past.toISOString() },
    { _id: "missing" },
  ]);
  const before = await ttlMetrics();
  await passes(2);
  const left = (await coll.find({}).toArray()).map((d) => d._id).sort();
  expect(left).toEqual(["future", "missing", "string"]);
  expect((await ttlMetrics()).deletedDocuments - before.deletedDocuments).toBeGreaterThanOrEqual(2);
});

test("expireAfterSeconds counts from the indexed date; collMod changes it and reports old and new", async () => {
  const coll = mongo.current.db().collection<Doc>("keys");
  await coll.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600, name: "createdAt_ttl" });
  await coll.insertOne({ _id: 1, createdAt: new Date(Date.now() - 120_000) });
  await passes(1);
  expect(await coll.countDocuments()).toBe(1);
  const reply = await mongo.current
    .db()
    .command({ collMod: "keys", index: { keyPattern: { createdAt: 1 }, expireAfterSeconds: 60 } });
  expect(reply).toMatchObject({ expireAfterSeconds_old: 3600, expireAfterSeconds_new: 60, ok: 1 });
  expect((await coll.listIndexes().toArray()).find((i) => i.name === "createdAt_ttl")?.expireAfterSeconds).toBe(60);
  await passes(2);
  expect(await coll.countDocuments()).toBe(0);
});

test("collMod refuses an index that is not TTL or does not exist", async () => {
  const coll = mongo.current.db().collection<Doc>("plain");
  await coll.createIndex({ a: 1 });
  const notTtl = await serverError(mongo.current.db().command({ collMod: "plain", index: { name: "a_1", expireAfterSeconds: 5 } }));
  expect(notTtl.code).toBe(72);
  const missing = await serverError(mongo.current.db().command({ collMod: "plain", index: { name: "nope", expireAfterSeconds: 5 } }));
  expect(missing.code).toBe(27);
});

test("expireAfterSeconds must be a number in range, on a single non-_id field", async () => {
  const coll = mongo.current.db().collection<Doc>("bad_ttl");
  expect((await serverError(coll.createIndex({ t: 1 }, { expireAfterSeconds: "soon" as never }))).code).toBe(67);
  expect((await serverError(coll.createIndex({ t: 1 }, { expireAfterSeconds: -1 }))).code).toBe(72);
  expect((await serverError(coll.createIndex({ t: 1 }, { expireAfterSeconds: 2 ** 31 }))).code).toBe(72);
  expect((await serverError(coll.createIndex({ t: 1, u: 1 }, { expireAfterSeconds: 10 }))).code).toBe(67);
});

test("a long pass deletes in batches while other clients keep being answered", async () => {
  const coll = mongo.current.db().collection<Doc>("bulk_expiry");
  await admin().command({ setParameter: 1, ttlMonitorEnabled: false });
  const old = new Date(Date.now() - 60_000);
  await coll.insertMany(Array.from({ length: 5000 }, (_, i) => ({ _id: i, at: old })));
  await coll.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
  await admin().command({ setParameter: 1, ttlMonitorEnabled: true });
  const answered: number[] = [];
  while ((await coll.estimatedDocumentCount()) > 0) {
    const started = performance.now();
    await mongo.current.db().collection("sessions").findOne({});
    answered.push(performance.now() - started);
    if (answered.length > 2000) throw new Error("expired documents were never deleted");
  }
  expect(answered.length).toBeGreaterThan(0);
});

test("setParameter refuses unknown parameters and a ttlMonitorSleepSecs below 1; getParameter reads them", async () => {
  expect((await serverError(admin().command({ setParameter: 1, noSuchParameter: 1 }))).code).toBe(72);
  expect((await serverError(admin().command({ setParameter: 1, ttlMonitorSleepSecs: 0 }))).code).toBe(2);
  expect(await admin().command({ getParameter: 1, ttlMonitorSleepSecs: 1 })).toMatchObject({ ttlMonitorSleepSecs: 1 });
});
