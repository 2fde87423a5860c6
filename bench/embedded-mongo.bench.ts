/**
 * Embedded MongoDB server: single-document operations through the official driver versus the same work done
 * directly on bun:sqlite (the floor: a table of serialized BSON keyed by encoded _id plus a secondary index
 * table, with the engine's pragmas: WAL, synchronous=NORMAL, the same cache size). Target (issue 2): the driver
 * path within 3x of the floor, and find-by-indexed-field latency flat from 1,000 to 100,000 documents.
 *
 * Two deployments are measured, because both are real:
 * - separate process: the server runs as `npm run db` does (scripts/db.ts in its own Bun process, data on
 *   disk) and the driver talks to it over loopback. Each round trip crosses processes and wakes both up.
 * - in-process: the server shares the driver's process and event loop, which is how the app in development
 *   and the test suite run it (server/db/embedded-default.ts). Driver and server CPU time add up on one thread.
 *
 * For each operation: sequential latency (p50/p99) and ops/s, throughput with 16 concurrent workers (one
 * pooled connection each), and the floor. `driver ping` is the round-trip floor: the driver's own work plus
 * loopback for a command the server answers without touching storage. `x floor` = driver p50 / floor p50;
 * `server x floor` = (driver p50 − ping p50) / floor p50, roughly what the server adds on top of the round
 * trip, relative to the floor (it still includes the driver's per-operation work beyond a ping).
 */
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { BSON, ObjectId } from "bson";
import { MongoClient, type Collection } from "mongodb";
import { startEmbeddedMongo } from "../server/embedded-mongo";

const OPS = 3000;
const WARMUP = 300;
const CONCURRENCY = 16;
const CONCURRENT_OPS = 4000;

interface Figures {
  opsPerSec: number;
  p50: number;
  p99: number;
}

async function measure(ops: number, fn: (i: number) => unknown | Promise<unknown>): Promise<Figures> {
  for (let i = 0; i < WARMUP; i++) await fn(ops + i);
  const times = new Float64Array(ops);
  const start = performance.now();
  for (let i = 0; i < ops; i++) {
    const t = performance.now();
    await fn(i);
    times[i] = performance.now() - t;
  }
  const total = performance.now() - start;
  times.sort();
  return { opsPerSec: (ops / total) * 1000, p50: times[Math.floor(ops * 0.5)]!, p99: times[Math.floor(ops * 0.99)]! };
}

/** `CONCURRENCY` workers share `ops` operations; returns ops/s over the wall-clock time. */
async function throughput(ops: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ops; i = next++) await fn(i);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return (ops / (performance.now() - start)) * 1000;
}

const us = (ms: number) => `${(ms * 1000).toFixed(0)}µs`;
const fmt = (f: Figures) =>
  `${Math.round(f.opsPerSec).toString().padStart(6)} ops/s  p50 ${us(f.p50).padStart(7)}  p99 ${us(f.p99).padStart(7)}`;

function docFor(i: number) {
  return { _id: new ObjectId(), email: `user${i}@example.com`, name: `User ${i}`, org: i % 50, score: i, tags: ["a", "b"] };
}
type BenchDoc = ReturnType<typeof docFor>;

// ---- floor: bun:sqlite directly ----------------------------------------------------------------------------
function openFloor(dir: string) {
  const db = new Database(join(dir, "floor.sqlite"));
  db.run("PRAGMA journal_mode=WAL");
  db.run("PRAGMA synchronous=NORMAL");
  db.run("PRAGMA cache_size=-16000");
  db.run("CREATE TABLE docs (rid INTEGER PRIMARY KEY, idk BLOB NOT NULL UNIQUE, doc BLOB NOT NULL)");
  db.run("CREATE TABLE ix_email (k BLOB NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (k, rid)) WITHOUT ROWID");
  const insertDoc = db.prepare("INSERT INTO docs (idk, doc) VALUES (?, ?) RETURNING rid");
  const insertKey = db.prepare("INSERT INTO ix_email (k, rid) VALUES (?, ?)");
  const byId = db.prepare("SELECT rid, doc FROM docs WHERE idk = ?");
  const byEmail = db.prepare("SELECT d.doc FROM ix_email i JOIN docs d ON d.rid = i.rid WHERE i.k = ?");
  const updateDoc = db.prepare("UPDATE docs SET doc = ? WHERE rid = ?");
  const key = (v: unknown) => BSON.serialize({ v });
  return {
    insert(doc: BenchDoc) {
      db.transaction(() => {
        const row = insertDoc.get(key(doc._id), BSON.serialize(doc)) as { rid: number };
        insertKey.run(key(doc.email), row.rid);
      })();
    },
    findById(id: ObjectId) {
      const row = byId.get(key(id)) as { doc: Uint8Array } | null;
      return row ? BSON.deserialize(row.doc) : null;
    },
    findByEmail(email: string) {
      return (byEmail.all(key(email)) as { doc: Uint8Array }[]).map((r) => BSON.deserialize(r.doc));
    },
    update(id: ObjectId) {
      db.transaction(() => {
        const row = byId.get(key(id)) as { rid: number; doc: Uint8Array };
        const doc = BSON.deserialize(row.doc);
        doc.score = (doc.score as number) + 1;
        updateDoc.run(BSON.serialize(doc), row.rid);
      })();
    },
    close: () => db.close(),
  };
}

// ---- the server in its own process, started the way `npm run db` starts it ----------------------------------
async function spawnServer(dataDir: string): Promise<{ uri: string; stop(): Promise<void> }> {
  const script = join(import.meta.dir, "../scripts/db.ts");
  const child = Bun.spawn([process.execPath, script, "--port", "0", "--data-dir", dataDir], { stdout: "pipe", stderr: "inherit" });
  const reader = child.stdout.getReader();
  let out = "";
  while (!out.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`scripts/db.ts exited before printing its URI (${out})`);
    out += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  return {
    uri: out.trim().split("\n")[0]!,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}

// ---- one deployment: every operation through the driver -------------------------------------------------------
interface OpResult {
  name: string;
  driver: Figures;
  concurrent: number;
}

async function driverSuite(uri: string): Promise<{ ping: Figures; pingConcurrent: number; ops: OpResult[]; client: MongoClient }> {
  const client = new MongoClient(uri, { maxPoolSize: CONCURRENCY });
  await client.connect();
  const coll: Collection<BenchDoc> = client.db("bench").collection("users");
  await coll.createIndex({ email: 1 });
  const total = OPS + WARMUP;
  const docs = Array.from({ length: total }, (_, i) => docFor(i));
  const order = (i: number) => (i < OPS ? WARMUP + i : i - OPS); // warm-up uses the tail, measurement the rest
  const admin = client.db("admin");
  // Open the whole pool before timing anything concurrent.
  await Promise.all(Array.from({ length: CONCURRENCY }, () => admin.command({ ping: 1 })));

  const ping = await measure(OPS, () => admin.command({ ping: 1 }));
  const pingConcurrent = await throughput(CONCURRENT_OPS, () => admin.command({ ping: 1 }));
  const ops: OpResult[] = [];
  const op = async (name: string, fn: (i: number) => Promise<unknown>, concurrentFn = fn) => {
    const driver = await measure(OPS, fn);
    ops.push({ name, driver, concurrent: await throughput(CONCURRENT_OPS, concurrentFn) });
  };
  let extra = 0;
  await op(
    "insertOne",
    (i) => coll.insertOne(docs[order(i)]!),
    () => coll.insertOne(docFor(total + extra++)),
  );
  await op("find by _id", (i) => coll.findOne({ _id: docs[i % total]!._id }));
  await op("find by indexed field", (i) => coll.findOne({ email: `user${i % total}@example.com` }));
  await op("updateOne by _id ($inc)", (i) => coll.updateOne({ _id: docs[i % total]!._id }, { $inc: { score: 1 } }));
  return { ping, pingConcurrent, ops, client };
}

async function floorSuite(dir: string): Promise<Figures[]> {
  const floor = openFloor(dir);
  const total = OPS + WARMUP;
  const docs = Array.from({ length: total }, (_, i) => docFor(i));
  const order = (i: number) => (i < OPS ? WARMUP + i : i - OPS);
  const results = [
    await measure(OPS, (i) => floor.insert(docs[order(i)]!)),
    await measure(OPS, (i) => floor.findById(docs[i % total]!._id)),
    await measure(OPS, (i) => floor.findByEmail(`user${i % total}@example.com`)),
    await measure(OPS, (i) => floor.update(docs[i % total]!._id)),
  ];
  floor.close();
  return results;
}

function report(title: string, suite: { ping: Figures; pingConcurrent: number; ops: OpResult[] }, floor: Figures[]): void {
  console.log(`\n${title}`);
  console.log(
    `${"".padEnd(24)} ${"driver, sequential".padEnd(40)} ${`${CONCURRENCY} concurrent`.padStart(13)}   ${"sqlite floor".padEnd(16)} x floor  server x floor`,
  );
  const ping = suite.ping;
  console.log(`${"ping (round-trip floor)".padEnd(24)} ${fmt(ping)}  ${Math.round(suite.pingConcurrent).toString().padStart(7)} ops/s`);
  suite.ops.forEach((o, n) => {
    const base = floor[n]!;
    const ratio = o.driver.p50 / base.p50;
    const serverRatio = Math.max(0, o.driver.p50 - ping.p50) / base.p50;
    console.log(
      `${o.name.padEnd(24)} ${fmt(o.driver)}  ${Math.round(o.concurrent).toString().padStart(7)} ops/s   p50 ${us(base.p50).padStart(6)}` +
        `   ${ratio.toFixed(1).padStart(5)}x  ${serverRatio.toFixed(1).padStart(9)}x`,
    );
  });
}

async function growthSuite(coll: Collection<BenchDoc>): Promise<void> {
  await coll.createIndex({ email: 1 });
  let inserted = 0;
  const grow = async (to: number) => {
    while (inserted < to) {
      const n = Math.min(5000, to - inserted);
      await coll.insertMany(Array.from({ length: n }, (_, k) => docFor(inserted + k)));
      inserted += n;
    }
  };
  console.log("\nfind by indexed field vs collection size (separate process)");
  for (const size of [1_000, 100_000]) {
    await grow(size);
    const f = await measure(2000, (i) => coll.findOne({ email: `user${(i * 7919) % size}@example.com` }));
    console.log(`${size.toLocaleString("en").padStart(8)} docs   ${fmt(f)}`);
  }
}

interface TtlFigures {
  finds: number;
  p50: number;
  p99: number;
  max: number;
  passMs: number;
}

/**
 * The TTL monitor's cost (issue 13): 100,000 expired documents deleted by one pass while a client runs finds
 * by _id on another collection; returns the finds' latency during the pass and the pass's length.
 */
async function ttlSuite(uri: string, label: string): Promise<TtlFigures> {
  const EXPIRED = 100_000;
  const client = new MongoClient(uri);
  await client.connect();
  const admin = client.db("admin");
  const db = client.db("bench_ttl");
  await admin.command({ setParameter: 1, ttlMonitorEnabled: false });
  const expiring = db.collection<{ _id: number; at: Date; payload: string }>("expiring");
  const old = new Date(Date.now() - 3_600_000);
  for (let i = 0; i < EXPIRED; i += 5000) {
    await expiring.insertMany(Array.from({ length: 5000 }, (_, k) => ({ _id: i + k, at: old, payload: "x".repeat(100) })));
  }
  await expiring.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
  const reads = db.collection<{ _id: number }>("reads");
  await reads.insertMany(Array.from({ length: 1000 }, (_, i) => ({ _id: i })));
  const idle = await measure(1000, (i) => reads.findOne({ _id: i % 1000 }));
  await admin.command({ setParameter: 1, ttlMonitorEnabled: true, ttlMonitorSleepSecs: 1 });
  const times: number[] = [];
  let started = 0;
  let i = 0;
  while ((await expiring.estimatedDocumentCount()) > 0) {
    const t = performance.now();
    await reads.findOne({ _id: i++ % 1000 });
    const took = performance.now() - t;
    // Count only finds that overlapped the pass (the count changed since the pass began).
    if (started === 0 && (await expiring.estimatedDocumentCount()) < EXPIRED) started = performance.now();
    if (started > 0) times.push(took);
  }
  const passMs = started > 0 ? performance.now() - started : 0;
  times.sort((a, b) => a - b);
  const pct = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))] ?? 0;
  const figures = { finds: times.length, p50: pct(0.5), p99: pct(0.99), max: pct(1), passMs };
  console.log(`${label}
  find by _id, idle         ${fmt(idle)}
  find by _id, during pass  ${figures.finds} finds   p50 ${us(figures.p50).padStart(6)}  p99 ${us(figures.p99).padStart(6)}  max ${us(figures.max).padStart(6)}   pass ≈ ${Math.round(passMs)} ms`);
  await client.close();
  return figures;
}

/** The same pass with the monitor's former batching (500 per batch, a yield after each) and its current one. */
async function ttlComparison(dir: string): Promise<void> {
  console.log(`\nTTL monitor: one pass deleting 100,000 expired documents (in-process)`);
  const runs: TtlFigures[] = [];
  for (const [name, tuning] of [
    ["former: batches of 500, a yield after each", { batchDocs: 500, sliceMs: 0 }],
    ["current: batches of 64, a yield after every 4 ms of work", {}],
  ] as const) {
    const server = await startEmbeddedMongo({ dataDir: join(dir, `ttl-${runs.length}`), ttlMonitor: tuning });
    runs.push(await ttlSuite(server.uri, name));
    await server.stop();
  }
  const [former, current] = runs as [TtlFigures, TtlFigures];
  console.log(
    `  current / former: finds' p99 ${(current.p99 / former.p99).toFixed(2)}x, max ${(current.max / former.max).toFixed(2)}x, pass length ${(current.passMs / former.passMs).toFixed(2)}x`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "bench-embedded-mongo-"));
try {
  console.log(
    `single-document operations: ${OPS} sequential ops each (after ${WARMUP} warm-up), ${CONCURRENT_OPS} ops over ${CONCURRENCY} workers; ` +
      `file-backed WAL, synchronous=NORMAL; ${cpus().length} CPUs`,
  );
  const floor = await floorSuite(dir);

  const external = await spawnServer(join(dir, "external"));
  const separate = await driverSuite(external.uri);
  report("separate process (server started like `npm run db`; the realistic deployment of a database)", separate, floor);
  await growthSuite(separate.client.db("bench").collection("scaled"));
  await separate.client.close();
  await external.stop();

  const server = await startEmbeddedMongo({ dataDir: join(dir, "inprocess") });
  const inProcess = await driverSuite(server.uri);
  report("in-process (server on the driver's event loop, as the app in development and the tests run it)", inProcess, floor);
  await inProcess.client.close();
  await server.stop();
  await ttlComparison(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
