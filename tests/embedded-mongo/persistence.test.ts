// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MongoClient } from "mongodb";
import { startEmbeddedMongo } from "../../server/embedded-mongo";
import { spawnDbProcess } from "../helpers/embedded-mongo";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "embedded-mongo-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function withClient<T>(uri: string, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.close(true);
  }
}

async function spawnDb(dataDir: string) {
  const db = await spawnDbProcess(["--data-dir", dataDir]);
  expect(db.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
  return db;
}

test("data, indexes and collection options survive a stop and restart", async () => {
  const dataDir = tempDir();
  const first = await startEmbeddedMongo({ dataDir });
  await withClient(first.uri, async (client) => {
    const db = client.db("persist");
    await db.createCollection("checked", { validator: { n: { $type: "number" } } });
    await db.collection<Doc>("checked").insertMany([{ n: 1 }, { n: 2 }]);
    await db.collection<Doc>("checked").createIndex({ n: 1 }, { unique: true });
  });
  await first.stop();
  await first.stop(); // safe twice

  const second = await startEmbeddedMongo({ dataDir });
  await withClient(second.uri, async (client) => {
    const coll = client.db("persist").collection<Doc>("checked");
    expect((await coll.find().sort({ n: 1 }).toArray()).map((d) => d.n)).toEqual([1, 2]);
    expect((await coll.listIndexes().toArray()).map((i) => i.name)).toEqual(["_id_", "n_1"]);
    await expect(coll.insertOne({ n: 1 })).rejects.toMatchObject({ code: 11000 });
    await expect(coll.insertOne({ n: "text" })).rejects.toMatchObject({ code: 121 });
  });
  await second.stop();
});

test("an acknowledged write survives kill -9 of the server process", async () => {
  const dataDir = tempDir();
  const { child, uri } = await spawnDb(dataDir);
  await withClient(uri, async (client) => {
    const coll = client.db("durable").collection<Doc>("events");
    await coll.insertMany(Array.from({ length: 50 }, (_, i) => ({ i })));
    await coll.updateOne({ i: 7 }, { $set: { touched: true } });
    const session = client.startSession();
    await session.withTransaction(async () => {
      await coll.insertOne({ i: 1000 }, { session });
      await coll.deleteOne({ i: 0 }, { session });
    });
    await session.endSession();
  });
  child.kill("SIGKILL");
  await child.exited;

  const restarted = await spawnDb(dataDir);
  try {
    await withClient(restarted.uri, async (client) => {
      const coll = client.db("durable").collection<Doc>("events");
      expect(await coll.countDocuments()).toBe(50);
      expect(await coll.findOne({ i: 7 }, { projection: { _id: 0 } })).toEqual({ i: 7, touched: true });
      expect(await coll.findOne({ i: 1000 })).not.toBeNull();
      expect(await coll.findOne({ i: 0 })).toBeNull();
    });
  } finally {
    restarted.child.kill("SIGTERM");
    expect(await restarted.child.exited).toBe(0);
  }
}, 30_000);
