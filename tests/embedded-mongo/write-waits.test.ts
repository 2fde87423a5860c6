// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { useTestMongo } from "../helpers/embedded-mongo";

// A multi-document write that meets a document held by an open transaction waits for it. Other clients keep
// writing meanwhile, so after the wait every later document must be re-read, never written from the copy
// read before the wait.
const mongo = useTestMongo();

function coll(name: string) {
  return mongo.current.client.db("waits").collection<Doc>(name);
}


test("updateMany that waited on a transaction does not overwrite writes made during the wait", async () => {
  await coll("counters").insertMany([{ _id: 1, n: 0 }, { _id: 2, n: 0 }, { _id: 3, n: 0 }] as never[]);
  const holder = mongo.current.client.startSession();
  holder.startTransaction();
  await coll("counters").updateOne({ _id: 2 } as never, { $set: { held: true } }, { session: holder });

  let done = false;
  const many = coll("counters")
    .updateMany({}, { $inc: { n: 1 } })
    .finally(() => (done = true));
  await Bun.sleep(20); // updateMany is now waiting on document 2
  expect(done).toBe(false);
  await coll("counters").updateOne({ _id: 3 } as never, { $set: { n: 100 } });
  await holder.commitTransaction();
  await holder.endSession();
  const result = await many;

  expect(result.matchedCount).toBe(3);
  expect(await coll("counters").find().sort({ _id: 1 }).toArray()).toEqual([
    { _id: 1, n: 1 },
    { _id: 2, n: 1, held: true },
    { _id: 3, n: 101 },
  ] as never[]);
});

test("deleteMany that waited on a transaction spares documents that stopped matching during the wait", async () => {
  await coll("tasks").insertMany([
    { _id: 1, state: "stale" },
    { _id: 2, state: "stale" },
    { _id: 3, state: "stale" },
  ] as never[]);
  const holder = mongo.current.client.startSession();
  holder.startTransaction();
  await coll("tasks").updateOne({ _id: 2 } as never, { $set: { note: "x" } }, { session: holder });

  const deletion = coll("tasks").deleteMany({ state: "stale" });
  await Bun.sleep(20);
  await coll("tasks").updateOne({ _id: 3 } as never, { $set: { state: "fresh" } });
  await holder.commitTransaction();
  await holder.endSession();

  expect((await deletion).deletedCount).toBe(2);
  expect(await coll("tasks").find().toArray()).toEqual([{ _id: 3, state: "fresh" }] as never[]);
});
