// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { connect } from "node:net";
import { BSON } from "bson";
import { createStorageEngine } from "../../server/embedded-mongo/engine/index";
import { LOGICAL_SESSION_TIMEOUT_MINUTES, SessionManager } from "../../server/embedded-mongo/sessions";
import { startTestMongo, type TestMongo, serverError } from "../helpers/embedded-mongo";

// Sessions and cursors live in server memory: a client must not be able to grow them without bound.

async function withServer(options: Parameters<typeof startTestMongo>[0], body: (mongo: TestMongo) => Promise<void>) {
  const mongo = await startTestMongo(options);
  try {
    await body(mongo);
  } finally {
    await mongo.stop();
  }
}

test("past maxSessions a new session gets TooManyLogicalSessions, and ending sessions frees room", async () => {
  await withServer({ maxSessions: 3 }, async (mongo) => {
    const owner = await mongo.newClient();
    const ownerColl = owner.db(mongo.db().databaseName).collection<Doc>("s");
    const held = [owner.startSession(), owner.startSession(), owner.startSession()];
    for (const session of held) await ownerColl.countDocuments({}, { session });

    const error = await serverError(mongo.db().collection("s").countDocuments());
    expect(error.code).toBe(261);
    expect(error.codeName).toBe("TooManyLogicalSessions");
    expect(error.message).toBe("Unable to add session into the cache because the number of active sessions is too high");

    // A session already known keeps working at the cap.
    expect(await ownerColl.countDocuments({}, { session: held[0] })).toBe(0);

    // The driver ends its pooled sessions on close (endSessions), which frees their slots.
    for (const session of held) await session.endSession();
    await owner.close();
    await mongo.db().collection("s").insertOne({ ok: true });
    expect(await mongo.db().collection("s").countDocuments()).toBe(1);
  });
});

test("endSessions still works with the session cache full", async () => {
  await withServer({ maxSessions: 1 }, async (mongo) => {
    const session = mongo.client.startSession();
    await mongo.db().collection("e").countDocuments({}, { session });
    const other = mongo.client.startSession();
    expect((await serverError(mongo.db().collection("e").countDocuments({}, { session: other }))).code).toBe(261);
    // Sent by hand, with the session to end as the command's own lsid too: it must not need a new slot.
    await mongo.db("admin").command({ endSessions: [session.id] }, { session });
    expect(await mongo.db().collection("e").countDocuments({}, { session: other })).toBe(0);
    await other.endSession();
    await session.endSession();
  });
});

test("idle sessions past the logical session timeout are forgotten, freeing their slot", () => {
  const engine = createStorageEngine({ memory: true });
  try {
    const forgotten: string[][] = [];
    const sessions = new SessionManager(engine, 2, (keys) => forgotten.push(keys));
    sessions.get("a");
    sessions.get("b");
    expect(() => sessions.get("c")).toThrow("number of active sessions is too high");
    const later = Date.now() + (LOGICAL_SESSION_TIMEOUT_MINUTES + 1) * 60_000;
    expect(sessions.reap(later).sort()).toEqual(["a", "b"]);
    expect(sessions.size).toBe(0);
    sessions.get("c");
    expect(sessions.size).toBe(1);
  } finally {
    engine.close();
  }
});

test("past maxOpenCursors the least recently used cursor is killed; the others keep going", async () => {
  await withServer({ maxOpenCursors: 2 }, async (mongo) => {
    const coll = mongo.db().collection<Doc>("c");
    await coll.insertMany(Array.from({ length: 5 }, (_, i) => ({ _id: i })));
    const first = coll.find({}, { batchSize: 1, sort: { _id: 1 } });
    const second = coll.find({}, { batchSize: 1, sort: { _id: 1 } });
    const third = coll.find({}, { batchSize: 1, sort: { _id: 1 } });
    expect((await first.next())?._id).toBe(0);
    expect((await second.next())?._id).toBe(0);
    expect((await second.next())?._id).toBe(1); // second used more recently than first
    expect((await third.next())?._id).toBe(0); // opening a third evicts first

    const error = await serverError(first.toArray());
    expect(error.code).toBe(43);
    expect((await second.toArray()).map((d) => d._id)).toEqual([2, 3, 4]);
    expect((await third.toArray()).map((d) => d._id)).toEqual([1, 2, 3, 4]);
  });
});

test("results buffered by open cursors are capped by maxCursorBytes, with the room given back on close", async () => {
  await withServer({ maxCursorBytes: 300_000 }, async (mongo) => {
    const coll = mongo.db().collection<Doc>("b");
    const pad = "x".repeat(50_000);
    await coll.insertMany(Array.from({ length: 10 }, (_, i) => ({ _id: i, pad })));

    const tooBig = await serverError(coll.find({}, { batchSize: 1 }).toArray());
    expect(tooBig.code).toBe(146);
    expect(tooBig.message).toContain("open cursors already hold 0 bytes");

    // Two cursors each keeping two documents (about 100 kB) fit; a third does not until one is closed.
    const a = coll.find({}, { batchSize: 1, limit: 3 });
    const b = coll.find({}, { batchSize: 1, limit: 3 });
    await a.next();
    await b.next();
    const c = coll.find({}, { batchSize: 1, limit: 3 });
    expect((await serverError(c.next())).code).toBe(146);
    await a.close();
    const d = coll.find({}, { batchSize: 1, limit: 3 });
    expect(await d.toArray()).toHaveLength(3);
    expect(await b.toArray()).toHaveLength(2);
    // Small results never open a cursor, so they are not limited.
    expect(await coll.find({}).toArray()).toHaveLength(10);
  });
});

function opMsg(body: Doc, requestId: number): Buffer {
  const doc = Buffer.from(BSON.serialize(body));
  const buf = Buffer.alloc(21 + doc.length);
  buf.writeInt32LE(buf.length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(2013, 12); // OP_MSG
  doc.copy(buf, 21);
  return buf;
}

test("a client pipelining faster than it is served is pushed back (TCP) instead of buffered, and still answered", async () => {
  const queueLimit = 1024 * 1024;
  await withServer({ maxConnectionQueueBytes: queueLimit }, async (mongo) => {
    const db = mongo.db().databaseName;
    // The first message stalls, so everything behind it waits in the connection's queue.
    await mongo.db("admin").command({
      configureFailPoint: "failCommand",
      mode: { times: 1 },
      data: { failCommands: ["ping"], blockConnection: true, blockTimeMS: 1500 },
    });
    const pad = "p".repeat(100_000);
    const count = 300; // about 30 MB
    const messages = [opMsg({ ping: 1, $db: db }, 1)];
    for (let i = 0; i < count; i++) messages.push(opMsg({ insert: "piped", documents: [{ _id: i, pad }], $db: db }, i + 2));

    const socket = connect(mongo.server.port, "127.0.0.1");
    const replies: number[] = [];
    let received = Buffer.alloc(0);
    const done = new Promise<void>((resolve, reject) => {
      socket.on("data", (data: Buffer) => {
        received = Buffer.concat([received, data]);
        while (received.length >= 4 && received.length >= received.readInt32LE(0)) {
          const length = received.readInt32LE(0);
          if (BSON.deserialize(received.subarray(21, length)).ok === 1) replies.push(received.readInt32LE(8));
          received = received.subarray(length);
        }
        if (replies.length === count + 1) resolve();
      });
      socket.on("error", reject);
      socket.on("close", () => reject(new Error(`connection closed after ${replies.length} replies`)));
    });
    await new Promise<void>((resolve) => socket.on("connect", () => resolve()));
    for (const message of messages) socket.write(message);
    await Bun.sleep(700);
    // Still blocked: the server stopped reading past its bound, so most bytes wait on the client's side.
    expect(replies).toHaveLength(0);
    expect(socket.writableLength).toBeGreaterThan(10 * 1024 * 1024);
    await done;
    socket.destroy();
    expect(replies).toEqual(Array.from({ length: count + 1 }, (_, i) => i + 1));
    expect(await mongo.db().collection("piped").countDocuments()).toBe(count);
  });
});
