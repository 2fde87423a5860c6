import { expect, test } from "bun:test";
import { BSON } from "bson";
import { opMsg, RawClient } from "../helpers/raw-wire";
import { startTestMongo, type TestMongo } from "../helpers/embedded-mongo";

// No memory bound across connections (issue 13, item 6): the server's total buffered bytes are capped and a
// partial message that stalls closes its connection. MongoDB bounds what it reads by maxMessageSizeBytes per
// message (manual: "hello" → maxMessageSizeBytes) and by its own resources; these are the embedded server's
// stand-ins, raw-socket tested because a driver never sends half a message.

const MiB = 1024 * 1024;

async function withServer(options: Parameters<typeof startTestMongo>[0], body: (mongo: TestMongo, logs: string[]) => Promise<void>) {
  const logs: string[] = [];
  const mongo = await startTestMongo({ ...options, log: (message) => logs.push(message) });
  try {
    await body(mongo, logs);
  } finally {
    await mongo.stop();
  }
}

/** An insert of one document padded to about `bytes`, as a complete OP_MSG. */
function bigInsert(db: string, bytes: number): Buffer {
  return opMsg({ insert: "big", documents: [{ pad: "x".repeat(bytes) }], $db: db });
}

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await Bun.sleep(10);
  }
}

test("past maxBufferedBytes the connection holding the most is closed with a logged reason; the others carry on", async () => {
  await withServer({ maxBufferedBytes: 8 * MiB }, async (mongo, logs) => {
    const db = mongo.db().databaseName;
    const modest = await RawClient.connect(mongo.server.port);
    const greedy = await RawClient.connect(mongo.server.port);
    const bystander = await RawClient.connect(mongo.server.port);
    try {
      const first = bigInsert(db, 5 * MiB);
      const second = bigInsert(db, 6 * MiB);
      // Both send most of a message and stop: 4 MiB + 5 MiB held, over the 8 MiB bound.
      modest.send(first.subarray(0, 4 * MiB));
      await Bun.sleep(100);
      expect(modest.closed).toBe(false);
      greedy.send(second.subarray(0, 5 * MiB));
      expect(await greedy.closedWithin(5000)).toBe(true);
      await until(() => logs.length > 0);
      expect(logs[0]).toMatch(/^embedded-mongo: closing connection \d+: it holds [45]\.\d MiB of the [89]\.\d MiB all connections buffer, over maxBufferedBytes \(8\.0 MiB\)$/);
      expect(modest.closed).toBe(false);

      // The smaller one finishes its message and is served; so is everyone else.
      modest.send(first.subarray(4 * MiB));
      const inserted = (await modest.reply()).body;
      expect(inserted).toMatchObject({ ok: 1, n: 1 });
      expect(await bystander.command({ ping: 1, $db: "admin" })).toMatchObject({ ok: 1 });
    } finally {
      for (const c of [modest, greedy, bystander]) c.close();
    }
  });
}, 30_000);

test("a connection that never reads its replies is closed once they pass the server-wide bound", async () => {
  await withServer({ maxBufferedBytes: 8 * MiB }, async (mongo, logs) => {
    const db = mongo.db().databaseName;
    await mongo.db().collection<{ _id: number; pad: string }>("replies").insertOne({ _id: 1, pad: "y".repeat(MiB) });
    const reader = await RawClient.connect(mongo.server.port);
    let hoarderClosed = false;
    // A Bun socket that stops reading at once (TCP backpressure reaches the server).
    const hoarder = await Bun.connect({
      hostname: "127.0.0.1",
      port: mongo.server.port,
      socket: {
        open: (socket) => socket.pause(),
        data: () => undefined,
        close: () => {
          hoarderClosed = true;
        },
      },
    });
    try {
      hoarder.pause();
      // 64 replies of 1 MiB: more than the kernel's socket buffers take, far more than the 8 MiB bound.
      for (let i = 0; i < 64; i++) hoarder.write(opMsg({ find: "replies", filter: {}, $db: db }));
      await until(() => logs.some((line) => /closing connection \d+: it holds .* over maxBufferedBytes/.test(line)), 10_000);
      hoarder.resume(); // reading again, it finds the connection closed
      await until(() => hoarderClosed, 10_000);
      expect(await reader.command({ ping: 1, $db: "admin" })).toMatchObject({ ok: 1 });
    } finally {
      reader.close();
      hoarder.end();
    }
  });
}, 30_000);

test("a partial message that receives nothing past partialMessageTimeoutMS closes its connection; idle ones stay", async () => {
  await withServer({ partialMessageTimeoutMS: 200 }, async (mongo, logs) => {
    const stalled = await RawClient.connect(mongo.server.port);
    const idle = await RawClient.connect(mongo.server.port);
    const slow = await RawClient.connect(mongo.server.port);
    try {
      const message = opMsg({ ping: 1, $db: "admin", pad: "z".repeat(1000) });
      stalled.send(message.subarray(0, 100));
      // A slow sender that keeps making progress is not stalled.
      const progress = (async () => {
        for (let offset = 0; offset < message.length; offset += 100) {
          slow.send(message.subarray(offset, Math.min(offset + 100, message.length)));
          await Bun.sleep(50);
        }
      })();
      expect(await stalled.closedWithin(5000)).toBe(true);
      expect(logs.some((line) => /closing connection \d+: its incomplete message received nothing for \d+ ms \(partialMessageTimeoutMS 200\)/.test(line))).toBe(true);
      await progress;
      expect((await slow.reply()).body).toMatchObject({ ok: 1 });
      expect(idle.closed).toBe(false);
      expect(await idle.command({ ping: 1, $db: "admin" })).toMatchObject({ ok: 1 });
      // Even a message cut inside its 4-byte length counts as partial.
      const tiny = await RawClient.connect(mongo.server.port);
      tiny.send(Buffer.from(BSON.serialize({}).subarray(0, 2)));
      expect(await tiny.closedWithin(5000)).toBe(true);
    } finally {
      for (const c of [stalled, idle, slow]) c.close();
    }
  });
}, 30_000);
