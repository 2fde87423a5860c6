// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { connect } from "node:net";
import { BSON } from "bson";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

// What one client sends must never stall or break the server for the others.
const mongo = useTestMongo();
const OP_MSG = 2013;

function coll(name: string) {
  return mongo.current.db().collection<Doc>(name);
}

function nestedAnd(depth: number): Doc {
  let filter: Doc = { a: 1 };
  for (let i = 0; i < depth; i++) filter = { $and: [filter] };
  return filter;
}

function nestedObject(depth: number): Doc {
  let value: Doc = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

// Before the limit, mingo spent seconds compiling such a filter while every other client waited.
test("a filter nested thousands deep is refused (Overflow) and other clients keep being served", async () => {
  await coll("deep").insertOne({ a: 1 });
  const other = await mongo.current.newClient();
  const [error, count] = await Promise.all([
    serverError(coll("deep").find(nestedAnd(5000)).toArray()),
    other.db(mongo.current.db().databaseName).collection("deep").countDocuments({ a: 1 }),
  ]);
  expect(error.code).toBe(15);
  expect(error.message).toContain("maximum nested object depth");
  expect(count).toBe(1);
});

test("filters nested as deep as a command allows still run", async () => {
  await coll("tree").insertOne({ a: 1 });
  // Each $and level is two BSON levels (object and array) inside the command's own three.
  expect(await coll("tree").find(nestedAnd(98)).toArray()).toHaveLength(1);
});

test("documents nested deeper than 180 levels are refused with Overflow, as MongoDB stores none", async () => {
  await coll("nesting").insertOne({ _id: 1, x: nestedObject(170) } as never);
  const error = await serverError(coll("nesting").insertOne({ _id: 2, x: nestedObject(185) } as never));
  expect(error.code).toBe(15);
  expect(await coll("nesting").countDocuments()).toBe(1);
});

test("a result too large for one reply is a BSONObjectTooLarge error on a connection that stays usable", async () => {
  const chunk = "z".repeat(6 * 1024 * 1024);
  await coll("huge").insertMany([{ s: chunk }, { s: chunk }, { s: chunk }]);
  const error = await serverError(coll("huge").aggregate([{ $group: { _id: null, all: { $push: "$s" } } }]).toArray());
  expect(error.code).toBe(10334);
  expect(await coll("huge").countDocuments()).toBe(3);
});

function opMsg(body: Doc, requestId: number): Buffer {
  const doc = Buffer.from(BSON.serialize(body));
  const buf = Buffer.alloc(21 + doc.length);
  buf.writeInt32LE(buf.length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(OP_MSG, 12);
  doc.copy(buf, 21);
  return buf;
}

test("messages split at any byte (even inside the length prefix) and pipelined are answered in order", async () => {
  const db = mongo.current.db().databaseName;
  const payload = "p".repeat(200_000);
  const bytes = Buffer.concat([
    opMsg({ insert: "pieces", documents: [{ _id: 1, payload }], $db: db }, 1),
    opMsg({ find: "pieces", filter: { _id: 1 }, projection: { n: { $strLenCP: "$payload" } }, $db: db }, 2),
  ]);
  const cuts = [2, 3, 7, 21, 5_000, 150_000, bytes.length - 10, bytes.length - 1];
  const replies: Doc[] = await new Promise((resolve, reject) => {
    const socket = connect(mongo.current.server.port, "127.0.0.1");
    socket.setNoDelay(true);
    let received = Buffer.alloc(0);
    const out: Doc[] = [];
    socket.on("connect", async () => {
      let from = 0;
      for (const cut of [...cuts, bytes.length]) {
        socket.write(bytes.subarray(from, cut));
        from = cut;
        await Bun.sleep(2);
      }
    });
    socket.on("data", (data: Buffer) => {
      received = Buffer.concat([received, data]);
      while (received.length >= 4 && received.length >= received.readInt32LE(0)) {
        const length = received.readInt32LE(0);
        out.push({ responseTo: received.readInt32LE(8), body: BSON.deserialize(received.subarray(21, length)) });
        received = received.subarray(length);
      }
      if (out.length === 2) {
        socket.destroy();
        resolve(out);
      }
    });
    socket.on("error", reject);
    setTimeout(() => reject(new Error("no replies")), 5000);
  });
  expect(replies.map((r) => r.responseTo)).toEqual([1, 2]);
  expect(replies[0].body).toMatchObject({ ok: 1, n: 1 });
  expect(replies[1].body.cursor.firstBatch).toEqual([{ _id: 1, n: 200_000 }]);
});
