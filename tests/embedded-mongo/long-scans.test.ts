// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { RawClient } from "../helpers/raw-wire";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

// One query must not stall everyone (issue 13, item 5): maxTimeMS is checked while scanning, and a long scan
// lets other connections' commands run between its chunks.
const mongo = useTestMongo();

/** ~20 ms of backtracking per document for /^(a+)+$/ (catastrophic on a near-miss). */
const NEAR_MISS = "a".repeat(20) + "b";
const SLOW_REGEX = /^(a+)+$/;

function coll(name: string) {
  return mongo.current.db().collection<Doc>(name);
}

async function seedSlow(name: string, count: number) {
  await coll(name).insertMany(Array.from({ length: count }, (_, i) => ({ _id: i, s: NEAR_MISS, v: i })));
}

// Manual: "cursor.maxTimeMS()" / "Terminate Running Operations" — the server checks the limit at interrupt
// points while the query runs and fails it with MaxTimeMSExpired (50), instead of finishing the scan.
test("a large $in with maxTimeMS: 50 fails with MaxTimeMSExpired instead of scanning to the end", async () => {
  await coll("in").insertMany(Array.from({ length: 10_000 }, (_, i) => ({ _id: i, v: `value-${i}` })));
  // Objects, so no hashing shortcut applies: every document is compared with every value.
  const values = Array.from({ length: 50_000 }, (_, i) => ({ k: i }));
  for (const run of [
    () => coll("in").find({ v: { $in: values } }, { maxTimeMS: 50 }).toArray(),
    () => coll("in").countDocuments({ v: { $in: values } }, { maxTimeMS: 50 }),
    () => coll("in").aggregate([{ $match: { v: { $in: values } } }], { maxTimeMS: 50 }).toArray(),
    () => coll("in").distinct("v", { v: { $in: values } }, { maxTimeMS: 50 }),
    () => coll("in").updateMany({ v: { $in: values } }, { $set: { hit: true } }, { maxTimeMS: 50 }),
    () => coll("in").deleteMany({ v: { $in: values } }, { maxTimeMS: 50 }),
  ]) {
    const error = await serverError(run());
    expect([error.code, error.codeName]).toEqual([50, "MaxTimeMSExpired"]);
  }
  expect(await coll("in").countDocuments()).toBe(10_000);
}, 30_000);

test("a pathological regex with maxTimeMS: 50 stops after a document or two, not after the whole collection", async () => {
  await seedSlow("regex", 200); // ~4 s to scan whole
  const started = { docs: 0 };
  const error = await serverError(coll("regex").find({ s: SLOW_REGEX }, { maxTimeMS: 50 }).toArray());
  expect(error.code).toBe(50);
  started.docs = await coll("regex").countDocuments({ v: { $lt: 3 }, s: SLOW_REGEX });
  expect(started.docs).toBe(0); // and without a limit the same regex still answers (no false matches)
}, 30_000);

// Manual: "FAQ: Concurrency" → "Does a read or write operation ever yield?" — long reads yield so other
// operations interleave; here: another connection's command is answered while the scan is still running.
test("while a long scan runs on one connection, another connection's ping is answered before the scan ends", async () => {
  await seedSlow("slow", 60); // ~1 s of matching, one document at a time
  const scanner = await RawClient.connect(mongo.current.server.port);
  const pinger = await RawClient.connect(mongo.current.server.port);
  try {
    const events: string[] = [];
    const scan = scanner
      .command({ count: "slow", query: { s: SLOW_REGEX }, $db: mongo.current.db().databaseName }, 20_000)
      .then((reply) => {
        events.push("scan");
        return reply;
      });
    // The scan's command is on the wire before the ping is sent (an unyielding scan holds the whole process,
    // this test's own timer included, so the ping would only go out after it).
    await Bun.sleep(50);
    const ping = await pinger.command({ ping: 1, $db: "admin" }, 20_000);
    events.push("ping");
    expect(ping.ok).toBe(1);
    const counted = await scan;
    expect(counted).toMatchObject({ ok: 1, n: 0 });
    expect(events).toEqual(["ping", "scan"]);
  } finally {
    scanner.close();
    pinger.close();
  }
}, 30_000);

test("a yielding scan still returns every matching document once, in order, while others write meanwhile", async () => {
  const docs = Array.from({ length: 30_000 }, (_, i) => ({ _id: i, k: i % 1000, pad: "p".repeat(50) }));
  await coll("yield").insertMany(docs);
  await coll("yield").createIndex({ k: 1 });
  const other = (await mongo.current.newClient()).db(mongo.current.db().databaseName).collection<Doc>("yield");
  // Writers move documents to higher keys while the index scan is paused between chunks.
  const scan = coll("yield").find({ k: { $gte: 0 } }, { sort: { k: 1 }, batchSize: 100_000 }).toArray();
  const writes = (async () => {
    for (let i = 0; i < 200; i++) await other.updateOne({ _id: i * 7 }, { $set: { k: 5000 + i } });
  })();
  const [found] = await Promise.all([scan, writes]);
  const ids = found.map((d: Doc) => d._id);
  expect(new Set(ids).size).toBe(ids.length); // no document twice
  expect(ids.length).toBe(30_000);
  for (let i = 1; i < found.length; i++) expect(found[i].k >= found[i - 1].k).toBe(true);
  // A collection scan too.
  expect(await coll("yield").countDocuments({ pad: { $exists: true } })).toBe(30_000);
}, 30_000);
