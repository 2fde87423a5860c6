// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { Binary, Long, UUID } from "bson";
import { RawClient } from "../helpers/raw-wire";
import { startTestMongo, type TestMongo } from "../helpers/embedded-mongo";

// Memory one client can make the server keep through its sessions is bounded (issue 13, item 4).

async function withServer(options: Parameters<typeof startTestMongo>[0], body: (mongo: TestMongo) => Promise<void>) {
  const mongo = await startTestMongo(options);
  try {
    await body(mongo);
  } finally {
    await mongo.stop();
  }
}

async function serverStatus(mongo: TestMongo): Promise<Doc> {
  return mongo.client.db("admin").command({ serverStatus: 1 });
}

// Manual: "Server Sessions" / "lsid" — a session id is a UUID (LogicalSessionFromClient.id: uuid); MongoDB's IDL
// refuses anything else before the command runs.
test("lsid ids other than a 16-byte UUID (subtype 4) are refused as MongoDB refuses them, and create no session", async () => {
  await withServer({}, async (mongo) => {
    const raw = await RawClient.connect(mongo.server.port);
    try {
      const before = (await serverStatus(mongo)).logicalSessionRecordCache.activeSessionsCount;
      const ask = (lsid: unknown) => raw.command({ find: "s", filter: {}, lsid, $db: "db" });

      const huge = await ask({ id: new Binary(Buffer.alloc(8 * 1024 * 1024, 7), 4) });
      expect([huge.ok, huge.code, huge.codeName]).toEqual([0, 207, "InvalidUUID"]);
      expect(huge.errmsg).toBe("uuid must be a 16-byte binary field with UUID (4) subtype");

      const general = await ask({ id: new Binary(Buffer.alloc(16, 1), 0) });
      expect([general.code, general.codeName]).toEqual([14, "TypeMismatch"]);
      expect(general.errmsg).toBe("BSON field 'OperationSessionInfo.lsid.id' is the wrong binData type 'general', expected type 'UUID'");

      const text = await ask({ id: "0123456789abcdef" });
      expect(text.code).toBe(14);
      expect(text.errmsg).toBe("BSON field 'OperationSessionInfo.lsid.id' is the wrong type 'string', expected type 'binData'");

      const missing = await ask({});
      expect(missing.code).toBe(40414);
      const extra = await ask({ id: new UUID(), junk: "x".repeat(1000) });
      expect(extra.code).toBe(40415);
      const notObject = await ask("abc");
      expect(notObject.code).toBe(14);

      expect((await serverStatus(mongo)).logicalSessionRecordCache.activeSessionsCount).toBe(before);
      // A well-formed one is a session.
      const ok = await ask({ id: new UUID() });
      expect(ok.ok).toBe(1);
      expect((await serverStatus(mongo)).logicalSessionRecordCache.activeSessionsCount).toBe(before + 1);
    } finally {
      raw.close();
    }
  });
});

// Manual: "Retryable Writes" — the server remembers a retryable write's outcome so a retry (same lsid and
// txnNumber) is not applied twice; it keeps the latest transaction number's outcome, not every reply ever sent.
test("60 findAndModify calls returning large documents don't pin their replies; the latest retries still answer the same", async () => {
  const cap = 4 * 1024 * 1024;
  await withServer({ maxRetryableWriteBytes: cap }, async (mongo) => {
    const coll = mongo.db().collection<Doc>("big");
    const pad = "x".repeat(512 * 1024); // each reply carries a ~0.5 MiB document
    await coll.insertMany(Array.from({ length: 60 }, (_, i) => ({ _id: i, n: 0, pad })));
    const heapBefore = process.memoryUsage().rss;

    // Each call in its own session, as 60 clients would: one remembered reply per session.
    const raw = await RawClient.connect(mongo.server.port);
    const lsids = Array.from({ length: 60 }, () => ({ id: new UUID() }));
    const fam = (i: number) => ({
      findAndModify: "big",
      query: { _id: i },
      update: { $inc: { n: 1 } },
      new: true,
      lsid: lsids[i],
      txnNumber: Long.fromNumber(1),
      $db: mongo.db().databaseName,
    });
    try {
      for (let i = 0; i < 60; i++) {
        const reply = await raw.command(fam(i));
        expect(reply.value.n).toBe(1);
      }
      const kept = (await serverStatus(mongo)).retryableWrites;
      // About 30 MiB of replies went out; at most the cap stays.
      expect(kept.replyBytesKept).toBeLessThanOrEqual(cap);
      expect(kept.replyBytesKept).toBeGreaterThan(cap / 2);
      expect(kept.repliesKept).toBeLessThan(10);
      // Generous bound (the test's own documents and buffers share the process).
      expect(process.memoryUsage().rss - heapBefore).toBeLessThan(150 * 1024 * 1024);

      // The latest write's retry answers its first result and is not applied again.
      const retried = await raw.command(fam(59));
      expect(retried.ok).toBe(1);
      expect(retried.value.n).toBe(1);
      expect(retried.value.pad.length).toBe(pad.length);
      expect((await coll.findOne({ _id: 59 }))!.n).toBe(1);

      // The oldest one's reply was dropped: its retry is refused, never re-applied.
      const dropped = await raw.command(fam(0));
      expect([dropped.ok, dropped.codeName]).toEqual([0, "IncompleteTransactionHistory"]);
      expect((await coll.findOne({ _id: 0 }))!.n).toBe(1);

      // A newer txnNumber on the session replaces its kept reply instead of adding one.
      const next = await raw.command({ ...fam(59), txnNumber: Long.fromNumber(2) });
      expect(next.value.n).toBe(2);
      expect((await serverStatus(mongo)).retryableWrites.replyBytesKept).toBeLessThanOrEqual(cap);
      const older = await raw.command(fam(59));
      expect(older.codeName).toBe("TransactionTooOld");
    } finally {
      raw.close();
    }
  });
}, 30_000);

test("retryable writes through the driver still answer retries, and ending the session frees its reply", async () => {
  await withServer({}, async (mongo) => {
    const db = mongo.db();
    await db.collection<Doc>("r").insertOne({ _id: 1, n: 0 });
    const session = mongo.client.startSession();
    const command = { update: "r", updates: [{ q: { _id: 1 }, u: { $inc: { n: 1 } } }], txnNumber: Long.fromNumber(7) };
    const first = await db.command(command, { session });
    const second = await db.command(command, { session });
    expect([first.n, second.n, second.nModified]).toEqual([1, 1, 1]);
    expect((await db.collection<Doc>("r").findOne({ _id: 1 })).n).toBe(1);
    expect((await serverStatus(mongo)).retryableWrites.repliesKept).toBeGreaterThanOrEqual(1);
    const keptBefore = (await serverStatus(mongo)).retryableWrites.repliesKept;
    await session.endSession();
    await mongo.client.db("admin").command({ endSessions: [session.id] });
    expect((await serverStatus(mongo)).retryableWrites.repliesKept).toBe(keptBefore - 1);
  });
});
