// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { Long, MongoServerError } from "mongodb";
import { useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo({ clientOptions: { monitorCommands: true } });

test("a find spanning several getMores returns every document once, in order", async () => {
  const coll = mongo.current.db().collection<Doc>("many");
  await coll.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
  const getMores: number[] = [];
  const listener = (event: { commandName: string; reply?: { cursor?: { nextBatch?: unknown[] } } }) => {
    if (event.commandName === "getMore") getMores.push(event.reply?.cursor?.nextBatch?.length ?? -1);
  };
  mongo.current.client.on("commandSucceeded", listener);
  const seen = await coll.find({}, { batchSize: 60 }).sort({ i: 1 }).map((d) => d.i).toArray();
  mongo.current.client.off("commandSucceeded", listener);
  expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  expect(getMores).toEqual([60, 60, 60, 10]);
});

test("the first batch defaults to 101 documents and the cursor id is a Long", async () => {
  const db = mongo.current.db();
  const reply = await db.command({ find: "many", filter: {} });
  expect(reply.cursor.firstBatch).toHaveLength(101);
  expect(reply.cursor.id).toBeInstanceOf(Long); // a live cursor's id is too large to promote to a number
  expect(reply.cursor.ns).toBe(`${db.databaseName}.many`);
  const next = await db.command({ getMore: reply.cursor.id, collection: "many", batchSize: 1000 });
  expect(next.cursor.nextBatch).toHaveLength(149);
  expect(Number(next.cursor.id)).toBe(0);
});

test("killCursors reports killed and unknown ids, and a killed cursor is gone", async () => {
  const db = mongo.current.db();
  const reply = await db.command({ find: "many", filter: {}, batchSize: 2 });
  const id = reply.cursor.id as Long;
  const killed = await db.command({ killCursors: "many", cursors: [id, Long.fromNumber(12345)] });
  expect(killed.cursorsKilled).toEqual([id]);
  expect(killed.cursorsNotFound.map(Number)).toEqual([12345]);
  expect(killed.cursorsAlive).toEqual([]);
  expect(killed.cursorsUnknown).toEqual([]);
  try {
    await db.command({ getMore: id, collection: "many" });
    throw new Error("getMore on a killed cursor succeeded");
  } catch (error) {
    expect((error as MongoServerError).code).toBe(43);
  }
});

test("limit caps the whole cursor and singleBatch closes it", async () => {
  const coll = mongo.current.db().collection<Doc>("many");
  expect(await coll.find({}, { batchSize: 7, limit: 20 }).toArray()).toHaveLength(20);
  const single = await mongo.current.db().command({ find: "many", batchSize: 5, singleBatch: true });
  expect(single.cursor.firstBatch).toHaveLength(5);
  expect(Number(single.cursor.id)).toBe(0);
});

test("aggregate and listCollections cursors page through getMore too", async () => {
  const coll = mongo.current.db().collection<Doc>("many");
  const out = await coll.aggregate([{ $match: { i: { $lt: 30 } } }, { $project: { _id: 0, i: 1 } }], { batchSize: 4 }).toArray();
  expect(out).toHaveLength(30);
});
