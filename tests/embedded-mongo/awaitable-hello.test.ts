// Awaitable hello (the streaming protocol drivers' monitors use), as MongoDB's `hello` command checks it.
// Manual: https://www.mongodb.com/docs/manual/reference/command/hello/ and the driver spec "Server Monitoring"
// (streaming protocol: topologyVersion + maxAwaitTimeMS, exhaustAllowed). Issue 13, robustness item 1: an
// exhaust hello whose topologyVersion was not the server's, or whose maxAwaitTimeMS was ≤ 0, non-numeric or
// huge, used to loop without yielding and hang every client.
import { afterEach, expect, test } from "bun:test";
import { ObjectId, type Document } from "bson";
import { useTestMongo } from "../helpers/embedded-mongo";
import { EXHAUST_ALLOWED, opMsg, RawClient } from "../helpers/raw-wire";

const mongo = useTestMongo();
const open: RawClient[] = [];

afterEach(() => {
  for (const client of open.splice(0)) client.close();
});

async function rawClient(): Promise<RawClient> {
  const client = await RawClient.connect(mongo.current.server.port);
  open.push(client);
  return client;
}

async function serverTopology(): Promise<{ processId: ObjectId; counter: unknown }> {
  const reply = await (await rawClient()).command({ hello: 1, $db: "admin" });
  return reply.topologyVersion;
}

/** Another client's ping round trip: proves the server still serves everyone. */
async function pingTime(): Promise<number> {
  const started = performance.now();
  await mongo.current.client.db("admin").command({ ping: 1 });
  return performance.now() - started;
}

async function helloError(fields: Document): Promise<Document> {
  const client = await rawClient();
  return client.command({ hello: 1, ...fields, $db: "admin" });
}

test("an exhaust hello with another process's topologyVersion is answered at once, then waits maxAwaitTimeMS between replies", async () => {
  const client = await rawClient();
  const foreign = { processId: new ObjectId(), counter: 0 };
  client.send(opMsg({ hello: 1, topologyVersion: foreign, maxAwaitTimeMS: 400, $db: "admin" }, { flags: EXHAUST_ALLOWED }));
  const first = await client.reply(1000);
  expect(first.body.ok).toBe(1);
  expect(first.body.topologyVersion.processId.equals(foreign.processId)).toBe(false);
  await Bun.sleep(250);
  // Before the fix the stream answered in a tight loop: thousands of replies by now.
  expect(client.repliesReceived).toBe(0);
  expect(await pingTime()).toBeLessThan(1000);
  const second = await client.reply(2000);
  expect(second.body.ok).toBe(1);
});

test("maxAwaitTimeMS 0 in an exhaust stream does not spin: replies are paced and other clients are served", async () => {
  const { processId, counter } = await serverTopology();
  const client = await rawClient();
  client.send(opMsg({ hello: 1, topologyVersion: { processId, counter }, maxAwaitTimeMS: 0, $db: "admin" }, { flags: EXHAUST_ALLOWED }));
  await client.reply(1000);
  await Bun.sleep(300);
  expect(client.repliesReceived).toBeLessThan(100);
  expect(await pingTime()).toBeLessThan(1000);
});

test("a huge maxAwaitTimeMS waits (it does not fire at once like an overflowing timer)", async () => {
  const { processId, counter } = await serverTopology();
  const client = await rawClient();
  client.send(opMsg({ hello: 1, topologyVersion: { processId, counter }, maxAwaitTimeMS: 1e15, $db: "admin" }, { flags: EXHAUST_ALLOWED }));
  await Bun.sleep(300);
  expect(client.repliesReceived).toBe(0);
  expect(await pingTime()).toBeLessThan(1000);
});

test("maxAwaitTimeMS must be a non-negative integer (31373), of a numeric type (TypeMismatch)", async () => {
  const { processId, counter } = await serverTopology();
  const negative = await helloError({ topologyVersion: { processId, counter }, maxAwaitTimeMS: -1 });
  expect(negative).toMatchObject({ ok: 0, code: 31373 });
  const text = await helloError({ topologyVersion: { processId, counter }, maxAwaitTimeMS: "soon" });
  expect(text).toMatchObject({ ok: 0, code: 14 });
});

test("topologyVersion and maxAwaitTimeMS come together (31368)", async () => {
  const { processId, counter } = await serverTopology();
  expect(await helloError({ topologyVersion: { processId, counter } })).toMatchObject({ ok: 0, code: 31368 });
  expect(await helloError({ maxAwaitTimeMS: 100 })).toMatchObject({ ok: 0, code: 31368 });
});

test("a topologyVersion ahead of the server's for the same process is refused (31382); malformed ones are TypeMismatch", async () => {
  const { processId } = await serverTopology();
  expect(await helloError({ topologyVersion: { processId, counter: 1e6 }, maxAwaitTimeMS: 10 })).toMatchObject({ ok: 0, code: 31382 });
  expect(await helloError({ topologyVersion: "x", maxAwaitTimeMS: 10 })).toMatchObject({ ok: 0, code: 14 });
  expect(await helloError({ topologyVersion: { processId: "x", counter: 0 }, maxAwaitTimeMS: 10 })).toMatchObject({ ok: 0, code: 14 });
  expect(await helloError({ topologyVersion: { processId, counter: -1 }, maxAwaitTimeMS: 10 })).toMatchObject({ ok: 0, code: 31372 });
});

test("an exhaust hello that fails ends the stream with a single error reply", async () => {
  const client = await rawClient();
  client.send(opMsg({ hello: 1, topologyVersion: { processId: new ObjectId(), counter: 0 }, maxAwaitTimeMS: -5, $db: "admin" }, { flags: EXHAUST_ALLOWED }));
  const reply = await client.reply(1000);
  expect(reply.body).toMatchObject({ ok: 0, code: 31373 });
  expect(reply.flags & 2).toBe(0); // no moreToCome: the client may send again
  expect(await client.command({ ping: 1, $db: "admin" })).toMatchObject({ ok: 1 });
});
