/**
 * Embedded MongoDB server: single-document operations through the official driver versus the same work done
 * directly on bun:sqlite with the engine's pragmas (the floor: a table of serialized BSON keyed by _id plus a
 * secondary index table). Also find-by-indexed-field latency at 1,000 and 100,000 documents.
 * Target: driver path within 3x of the floor.
 */
import { Database } from "bun:sqlite";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BSON, ObjectId } from "bson";
import { MongoClient } from "mongodb";
import { startEmbeddedMongo } from "../server/embedded-mongo";

const OPS = 3000;
const WARMUP = 300;

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

const fmt = (f: Figures) =>
  `${Math.round(f.opsPerSec).toString().padStart(7)} ops/s  p50 ${(f.p50 * 1000).toFixed(0).padStart(5)}µs  p99 ${(f.p99 * 1000).toFixed(0).padStart(6)}µs`;

function docFor(i: number) {
  return { _id: new ObjectId(), email: `user${i}@example.com`, name: `User ${i}`, org: i % 50, score: i, tags: ["a", "b"] };
}

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
    insert(doc: ReturnType<typeof docFor>) {
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

const dir = mkdtempSync(join(tmpdir(), "bench-embedded-mongo-"));
try {
  const server = await startEmbeddedMongo({ dataDir: join(dir, "server") });
  const client = new MongoClient(server.uri);
  await client.connect();
  const coll = client.db("bench").collection("users");
  await coll.createIndex({ email: 1 });
  const floor = openFloor(dir);

  const total = OPS + WARMUP;
  const driverDocs = Array.from({ length: total }, (_, i) => docFor(i));
  const floorDocs = Array.from({ length: total }, (_, i) => docFor(i));

  const rows: Array<[string, Figures, Figures]> = [];
  const order = (i: number) => (i < OPS ? WARMUP + i : i - OPS); // warm-up uses the tail, measurement the rest
  rows.push([
    "insertOne",
    await measure(OPS, (i) => coll.insertOne(driverDocs[order(i)]!)),
    await measure(OPS, (i) => floor.insert(floorDocs[order(i)]!)),
  ]);
  rows.push([
    "find by _id",
    await measure(OPS, (i) => coll.findOne({ _id: driverDocs[i % total]!._id })),
    await measure(OPS, (i) => floor.findById(floorDocs[i % total]!._id)),
  ]);
  rows.push([
    "find by indexed field",
    await measure(OPS, (i) => coll.findOne({ email: `user${i % total}@example.com` })),
    await measure(OPS, (i) => floor.findByEmail(`user${i % total}@example.com`)),
  ]);
  rows.push([
    "updateOne by _id ($inc)",
    await measure(OPS, (i) => coll.updateOne({ _id: driverDocs[i % total]!._id }, { $inc: { score: 1 } })),
    await measure(OPS, (i) => floor.update(floorDocs[i % total]!._id)),
  ]);

  // What the driver and a loopback round trip cost by themselves: no server work beyond answering.
  const ping = await measure(OPS, () => client.db("admin").command({ ping: 1 }));
  console.log(`single-document operations (${OPS} ops each, sequential, file-backed WAL)`);
  console.log(`${"driver ping (wire floor)".padEnd(24)} driver ${fmt(ping)}`);
  for (const [name, driver, base] of rows) {
    console.log(`${name.padEnd(24)} driver ${fmt(driver)}`);
    console.log(`${"".padEnd(24)} sqlite ${fmt(base)}   ratio ${(base.opsPerSec / driver.opsPerSec).toFixed(2)}x`);
  }

  // ---- find-by-indexed-field latency as the collection grows --------------------------------------------
  const scaled = client.db("bench").collection("scaled");
  await scaled.createIndex({ email: 1 });
  let inserted = 0;
  const grow = async (to: number) => {
    while (inserted < to) {
      const n = Math.min(5000, to - inserted);
      await scaled.insertMany(Array.from({ length: n }, (_, k) => docFor(inserted + k)));
      inserted += n;
    }
  };
  console.log("\nfind by indexed field vs collection size");
  for (const size of [1_000, 100_000]) {
    await grow(size);
    const f = await measure(2000, (i) => scaled.findOne({ email: `user${(i * 7919) % size}@example.com` }));
    console.log(`${size.toLocaleString("en").padStart(8)} docs   ${fmt(f)}`);
  }

  await client.close();
  await server.stop();
  floor.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
