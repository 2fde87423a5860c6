// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { connect, type Socket } from "node:net";
import { BSON } from "bson";
import { crc32c } from "../../server/embedded-mongo/wire/crc32c";
import { useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();
const OP_MSG = 2013;
const OP_QUERY = 2004;

function opMsg(body: Record<string, unknown>, options: { flags?: number; checksum?: "good" | "bad"; requestId?: number } = {}): Buffer {
  const doc = Buffer.from(BSON.serialize(body));
  const withChecksum = options.checksum !== undefined;
  const length = 16 + 4 + 1 + doc.length + (withChecksum ? 4 : 0);
  const buf = Buffer.alloc(length);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(options.requestId ?? 1, 4);
  buf.writeInt32LE(0, 8);
  buf.writeInt32LE(OP_MSG, 12);
  buf.writeUInt32LE((options.flags ?? 0) | (withChecksum ? 1 : 0), 16);
  buf[20] = 0;
  doc.copy(buf, 21);
  if (withChecksum) {
    const crc = crc32c(buf, 0, length - 4);
    buf.writeUInt32LE((options.checksum === "good" ? crc : crc ^ 1) >>> 0, length - 4);
  }
  return buf;
}

/** Sends `bytes`, then resolves with the first reply (parsed body) or "closed" if the server hangs up. */
function exchange(bytes: Buffer[], opCode = OP_MSG): Promise<Record<string, unknown> | "closed"> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(mongo.current.server.port, "127.0.0.1");
    let data = Buffer.alloc(0);
    socket.on("connect", () => {
      for (const b of bytes) socket.write(b);
    });
    socket.on("data", (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 4 && data.length >= data.readInt32LE(0)) {
        const bodyOffset = opCode === OP_MSG ? 21 : 36;
        expect(data.readInt32LE(12)).toBe(opCode === OP_MSG ? OP_MSG : 1);
        resolve(BSON.deserialize(data.subarray(bodyOffset, data.readInt32LE(0))));
        socket.destroy();
      }
    });
    socket.on("close", () => resolve("closed"));
    socket.on("error", (e) => ((e as NodeJS.ErrnoException).code === "ECONNRESET" ? resolve("closed") : reject(e)));
    setTimeout(() => reject(new Error("no reply and no close")), 5000);
  });
}

test("OP_MSG with a valid CRC-32C checksum is answered; a wrong checksum closes the connection", async () => {
  const good = await exchange([opMsg({ ping: 1, $db: "admin" }, { checksum: "good" })]);
  expect(good).toMatchObject({ ok: 1 });
  expect(await exchange([opMsg({ ping: 1, $db: "admin" }, { checksum: "bad" })])).toBe("closed");
});

test("legacy OP_QUERY isMaster handshake gets an OP_REPLY describing a 7.0 replica-set primary", async () => {
  const query = Buffer.from(BSON.serialize({ isMaster: 1, helloOk: true }));
  const ns = Buffer.from("admin.$cmd\0");
  const length = 16 + 4 + ns.length + 8 + query.length;
  const buf = Buffer.alloc(length);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(9, 4);
  buf.writeInt32LE(OP_QUERY, 12);
  ns.copy(buf, 20);
  buf.writeInt32LE(-1, 20 + ns.length + 4);
  query.copy(buf, 20 + ns.length + 8);
  const reply = await exchange([buf], OP_QUERY);
  expect(reply).toMatchObject({
    ismaster: true,
    helloOk: true,
    maxWireVersion: 21,
    logicalSessionTimeoutMinutes: 30,
    setName: "rs0",
    me: `127.0.0.1:${mongo.current.server.port}`,
  });
  expect(reply).not.toHaveProperty("compression");
});

test("malformed and oversized messages close only their own connection", async () => {
  const garbage = Buffer.from([0x20, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0xdd, 0x07, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
  const oversized = Buffer.alloc(16);
  oversized.writeInt32LE(48_000_001, 0);
  oversized.writeInt32LE(OP_MSG, 12);
  const badBson = opMsg({ ping: 1, $db: "admin" });
  badBson.writeInt32LE(9999, 21); // BSON length pointing past the message
  const unknownOp = opMsg({ ping: 1, $db: "admin" });
  unknownOp.writeInt32LE(2012, 12); // OP_COMPRESSED: never negotiated
  const unknownFlag = opMsg({ ping: 1, $db: "admin" }, { flags: 1 << 5 });

  const coll = mongo.current.db().collection<Doc>("survivor");
  await coll.insertOne({ alive: true });
  for (const bad of [garbage, oversized, badBson, unknownOp, unknownFlag]) {
    expect(await exchange([bad])).toBe("closed");
    expect(await coll.countDocuments({ alive: true })).toBe(1);
  }
  // A healthy raw connection still works after all that.
  expect(await exchange([opMsg({ ping: 1, $db: "admin" })])).toMatchObject({ ok: 1 });
});

test("moreToCome (w:0) writes are applied without a reply", async () => {
  const coll = mongo.current.db().collection<Doc>("unacked");
  await coll.insertOne({ n: 1 }, { writeConcern: { w: 0 } });
  await coll.insertMany([{ n: 2 }, { n: 3 }], { writeConcern: { w: 0 } });
  // The next acknowledged operation on the pool sees them: replies are processed in order per connection.
  await Bun.sleep(20);
  expect(await coll.countDocuments()).toBe(3);
});

test("document sequences (kind-1 sections) carry insert batches", async () => {
  const db = mongo.current.db();
  const docs = [BSON.serialize({ _id: 1, s: "a" }), BSON.serialize({ _id: 2, s: "b" })].map((d) => Buffer.from(d));
  const body = Buffer.from(BSON.serialize({ insert: "sequenced", $db: db.databaseName }));
  const ident = Buffer.from("documents\0");
  const seqLen = 4 + ident.length + docs[0]!.length + docs[1]!.length;
  const length = 16 + 4 + 1 + body.length + 1 + seqLen;
  const buf = Buffer.alloc(length);
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(3, 4);
  buf.writeInt32LE(OP_MSG, 12);
  let o = 20;
  buf[o++] = 0;
  body.copy(buf, o);
  o += body.length;
  buf[o++] = 1;
  buf.writeInt32LE(seqLen, o);
  ident.copy(buf, o + 4);
  docs[0]!.copy(buf, o + 4 + ident.length);
  docs[1]!.copy(buf, o + 4 + ident.length + docs[0]!.length);
  expect(await exchange([buf])).toMatchObject({ n: 2, ok: 1 });
  expect(await db.collection<Doc>("sequenced").find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, s: "a" }, { _id: 2, s: "b" }] as never[]);
});
