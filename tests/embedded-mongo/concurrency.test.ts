// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import type { MongoClient } from "mongodb";
import { useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

test("several clients writing and reading at once lose nothing", async () => {
  const clients: MongoClient[] = [];
  for (let i = 0; i < 4; i++) clients.push(await mongo.current.newClient({ maxPoolSize: 5 }));
  const dbName = mongo.current.db().databaseName;
  await mongo.current.db().collection<Doc>("counter").insertOne({ _id: "c", n: 0 } as never);

  await Promise.all(
    clients.map((client, c) =>
      Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const db = client.db(dbName);
          await db.collection<Doc>("docs").insertOne({ client: c, i });
          await db.collection<Doc>("counter").updateOne({ _id: "c" } as never, { $inc: { n: 1 } });
          expect(await db.collection<Doc>("docs").findOne({ client: c, i })).not.toBeNull();
        }),
      ),
    ),
  );
  const db = mongo.current.db();
  expect(await db.collection<Doc>("docs").countDocuments()).toBe(200);
  expect((await db.collection<Doc>("counter").findOne({ _id: "c" } as never))!.n).toBe(200);
  for (let c = 0; c < 4; c++) expect(await db.collection<Doc>("docs").countDocuments({ client: c })).toBe(50);
});

test("concurrent transactions on the same document: all commit through withTransaction retries", async () => {
  const db = mongo.current.db();
  await db.collection<Doc>("balance").insertOne({ _id: "acct", amount: 0 } as never);
  const clients = await Promise.all(Array.from({ length: 3 }, () => mongo.current.newClient()));
  await Promise.all(
    clients.map(async (client) => {
      for (let i = 0; i < 5; i++) {
        const session = client.startSession();
        try {
          await session.withTransaction(async () => {
            const coll = client.db(db.databaseName).collection<Doc>("balance");
            await coll.updateOne({ _id: "acct" } as never, { $inc: { amount: 1 } }, { session });
            await coll.insertOne({ entry: true }, { session });
          });
        } finally {
          await session.endSession();
        }
      }
    }),
  );
  expect((await db.collection<Doc>("balance").findOne({ _id: "acct" } as never))!.amount).toBe(15);
  expect(await db.collection<Doc>("balance").countDocuments({ entry: true })).toBe(15);
}, 30_000);
