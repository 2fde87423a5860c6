// Loosely typed documents: the fuzzer builds arbitrary shapes on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { afterAll, beforeAll, expect, test } from "bun:test";
import { BSON, Decimal128, Long, MongoClient, MongoServerError, ObjectId } from "mongodb";
import { opMsg, opMsgRaw, OP_QUERY, RawClient } from "../helpers/raw-wire";

/**
 * A bounded, seeded fuzz run (issue 13, item 9): hostile wire frames, BSON documents, update paths and
 * pipeline stages, a few thousand cases in a few seconds. A case fails the test when the server hangs on it
 * (no answer within the per-case deadline), crashes (it no longer answers `ping` on a fresh connection, or
 * its process exited) or changes `Object.prototype`/`Array.prototype` in the server's process (prototype
 * pollution). Server errors are expected answers. The server runs in a child process
 * (tests/helpers/fuzz-server.ts) so that a hang cannot stop this test's own deadlines.
 *
 * Replay a failure with the seed it prints:  FUZZ_SEED=<seed> npx bun test tests/embedded-mongo/fuzz.test.ts
 * FUZZ_CASES=<n> runs more cases.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed_2026) >>> 0;
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
// Generous: a hang never answers, while a loaded 2-CPU machine can slow a legitimate case to a second.
const CASE_DEADLINE_MS = 10_000;
/** Prototype and ping checks run after every CHECK_EVERY cases. */
const CHECK_EVERY = 10;

/** mulberry32: small, fast, good enough to explore; the same seed gives the same cases. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof rng>;

const NAMES = ["a", "b", "c", "x", "_id", "__proto__", "constructor", "prototype", "toString", "valueOf", "$x", "a.b", "0", "1", "", "_bsontype", "hasOwnProperty", "length"];
const PATHS = ["a", "a.b", "a.0", "a.$", "a.$[]", "a.$[e]", "__proto__.x", "a.__proto__.x", "constructor.prototype.x", "prototype", "b.c.d", "x.1.y", "toString", "a..b", "$a", "_id", "c.constructor"];

function value(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 2 ? 9 : 12)) {
    case 0:
      return r.int(2000) - 1000;
    case 1:
      return r.pick([0.5, -1.25, Number.MAX_SAFE_INTEGER, 1e300, Number.NaN, Number.POSITIVE_INFINITY, -0]);
    case 2:
      return r.pick(["", "x", "__proto__", "$x", "a".repeat(r.int(300)), "é€😀"]);
    case 3:
      return r.pick([true, false, null]);
    case 4:
      return new Date(r.int(2 ** 40));
    case 5:
      return Long.fromNumber(r.int(2 ** 50) - 2 ** 49);
    case 6:
      return Decimal128.fromString(r.pick(["1.5", "-0", "NaN", "1E+300"]));
    case 7:
      return new ObjectId();
    case 8:
      return r.pick([/a+/, /^x/i]);
    case 9:
    case 10: {
      const doc: Doc = {};
      for (let i = r.int(4); i > 0; i--) Object.defineProperty(doc, r.pick(NAMES), { value: value(r, depth + 1), enumerable: true, configurable: true, writable: true });
      return doc;
    }
    default:
      return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
  }
}

function document(r: Rng): Doc {
  const doc = value(r, 1);
  const out: Doc = doc !== null && typeof doc === "object" && !Array.isArray(doc) && Object.getPrototypeOf(doc) === Object.prototype ? doc : { v: doc };
  return out;
}

const UPDATE_OPERATORS = ["$set", "$unset", "$inc", "$mul", "$min", "$max", "$rename", "$setOnInsert", "$push", "$addToSet", "$pull", "$pullAll", "$pop", "$currentDate", "$bit"];

function update(r: Rng): Doc {
  if (r.chance(0.15)) return [{ [r.pick(["$set", "$unset", "$project", "$replaceWith", "$addFields"])]: r.chance(0.5) ? { [r.pick(PATHS)]: value(r, 2) } : value(r, 2) }];
  const u: Doc = {};
  for (let i = 1 + r.int(2); i > 0; i--) {
    const op = r.pick(UPDATE_OPERATORS);
    const spec: Doc = {};
    Object.defineProperty(spec, r.pick(PATHS), { value: r.chance(0.8) ? value(r, 2) : { $each: [value(r, 3)], $slice: r.int(3) - 1 }, enumerable: true, configurable: true, writable: true });
    u[op] = spec;
  }
  return u;
}

const STAGES = ["$match", "$project", "$group", "$sort", "$limit", "$skip", "$unwind", "$addFields", "$set", "$unset", "$replaceRoot", "$replaceWith", "$count", "$sortByCount", "$bucket", "$bucketAuto", "$facet", "$sample", "$densify", "$fill", "$setWindowFields", "$redact", "$lookup", "$unionWith", "$graphLookup", "$documents"];
const EXPRESSIONS = ["$add", "$concat", "$range", "$map", "$reduce", "$filter", "$arrayElemAt", "$objectToArray", "$arrayToObject", "$getField", "$setField", "$regexMatch", "$dateAdd", "$toString", "$size", "$slice", "$concatArrays", "$let", "$literal", "$cond", "$switch", "$sum", "$mergeObjects"];

function expression(r: Rng, depth = 0): unknown {
  if (depth > 2 || r.chance(0.35)) return r.chance(0.5) ? `$${r.pick(PATHS)}` : value(r, 3);
  return { [r.pick(EXPRESSIONS)]: r.chance(0.6) ? Array.from({ length: r.int(4) }, () => expression(r, depth + 1)) : expression(r, depth + 1) };
}

function stage(r: Rng): Doc {
  const name = r.pick(STAGES);
  const shapes: unknown[] = [
    value(r, 1),
    { [r.pick(PATHS)]: expression(r) },
    { field: r.pick(PATHS), range: { step: r.pick([1, 0, -1, 0.5, 1e9, null]), bounds: r.pick(["full", "partition", [0, r.int(1e7)], null]) } },
    { size: r.pick([1, 1e15, -1, null, "3", 2.5]) },
    { groupBy: expression(r), boundaries: r.pick([[0, 10], null, [5, 1]]), buckets: r.pick([2, 0, null]), output: { n: { $sum: 1 } } },
    { from: "fuzz", localField: r.pick(PATHS), foreignField: r.pick(PATHS), as: r.pick(PATHS), pipeline: r.chance(0.5) ? [stage(r)] : undefined },
    { path: `$${r.pick(PATHS)}`, newRoot: expression(r), coll: "fuzz", pipeline: [{ $out: "fuzz_out" }] },
  ];
  return { [name]: r.pick(shapes) };
}

/** A valid OP_MSG, then bytes flipped, cut, lengthened or rewritten: framing the driver never sends. */
function frame(r: Rng, db: string): Buffer {
  const body = r.chance(0.5) ? { insert: "fuzz", documents: [document(r)], $db: db } : { find: "fuzz", filter: { a: value(r, 2) }, $db: db };
  let bytes: Buffer;
  try {
    bytes = r.chance(0.1) ? opMsg(body, { flags: r.pick([1, 2, 1 << 16, 4, 0xffff]) }) : opMsgRaw(BSON.serialize(body));
  } catch {
    bytes = opMsg({ ping: 1, $db: "admin" });
  }
  switch (r.int(6)) {
    case 0:
      for (let i = 1 + r.int(4); i > 0; i--) bytes[r.int(bytes.length)] = r.int(256);
      return bytes;
    case 1:
      return bytes.subarray(0, r.int(bytes.length));
    case 2: {
      const out = Buffer.concat([bytes, Buffer.alloc(r.int(64), r.int(256))]);
      out.writeInt32LE(r.chance(0.5) ? out.length : r.pick([-1, 0, 15, 48_000_001, out.length + 5]), 0);
      return out;
    }
    case 3:
      bytes.writeInt32LE(r.pick([1, 2001, 2004, 2012, 2013, 9999, OP_QUERY]), 12);
      return bytes;
    case 4:
      bytes.writeInt32LE(r.int(2 ** 31), 21); // the body's own length
      return bytes;
    default:
      return bytes;
  }
}

interface FuzzServer {
  port: number;
  /** The server process's prototype description, or undefined when it does not answer in time. */
  prototype(): Promise<string | undefined>;
  exited(): boolean;
  stop(): void;
}

async function startFuzzServer(): Promise<FuzzServer> {
  let onPort: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => (onPort = resolve));
  let pending: ((state: string) => void) | undefined;
  let exited = false;
  const child = Bun.spawn([process.execPath, "tests/helpers/fuzz-server.ts"], {
    stdout: "inherit",
    stderr: "inherit",
    ipc(message: Doc) {
      if (typeof message?.port === "number") onPort(message.port);
      if (typeof message?.prototype === "string") pending?.(message.prototype);
    },
    onExit() {
      exited = true;
    },
  });
  return {
    port: await port,
    prototype: () =>
      new Promise((resolve) => {
        const timer = setTimeout(() => resolve(undefined), CASE_DEADLINE_MS);
        pending = (state) => {
          clearTimeout(timer);
          resolve(state);
        };
        child.send("prototype");
      }),
    exited: () => exited,
    stop: () => child.kill(),
  };
}

let server: FuzzServer;
let client: MongoClient;
beforeAll(async () => {
  server = await startFuzzServer();
  client = new MongoClient(`mongodb://127.0.0.1:${server.port}/`, { serverSelectionTimeoutMS: CASE_DEADLINE_MS, socketTimeoutMS: 0 });
  await client.connect();
});
afterAll(async () => {
  await client?.close(true);
  server?.stop();
});

/** Resolves with the operation's outcome, or "hang" once the deadline passes. */
async function withDeadline(run: () => Promise<unknown>): Promise<"ok" | "hang"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"hang">((resolve) => (timer = setTimeout(() => resolve("hang"), CASE_DEADLINE_MS)));
  const outcome = run().then(
    () => "ok" as const,
    (error) => {
      if (error instanceof MongoServerError || error instanceof BSON.BSONError || error instanceof RangeError) return "ok" as const;
      // The driver refusing to send (a key it rejects, a document too large) is an answer too.
      if (error instanceof Error && /BSON|serialize|key|Invalid|too large/i.test(error.message)) return "ok" as const;
      throw error;
    },
  );
  try {
    return await Promise.race([outcome, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function alive(): Promise<boolean> {
  if (server.exited()) return false;
  const raw = await RawClient.connect(server.port);
  try {
    return (await raw.command({ ping: 1, $db: "admin" }, CASE_DEADLINE_MS)).ok === 1;
  } catch {
    return false;
  } finally {
    raw.close();
  }
}

test(`seeded fuzz: frames, BSON, update paths and pipeline stages never hang, crash or pollute prototypes (seed ${SEED})`, async () => {
  const r = rng(SEED);
  const db = client.db("fuzz");
  const coll = db.collection<Doc>("fuzz");
  const dbName = db.databaseName;
  const before = await server.prototype();
  expect(before).toBeString();
  const failures: string[] = [];
  const kinds = ["frame", "document", "update", "pipeline"] as const;
  {
    for (let i = 0; i < CASES && failures.length === 0; i++) {
      const kind = kinds[i % kinds.length]!;
      let description: string = kind;
      const run = async () => {
        switch (kind) {
          case "frame": {
            const bytes = frame(r, dbName);
            description = `frame ${bytes.subarray(0, 64).toString("hex")}…`;
            if (process.env.FUZZ_VERBOSE) console.log("FRAME", bytes.toString("hex"));
            // An answer, a closed connection or silence (an incomplete frame waits for more bytes) are all
            // fine for that connection; whether the server still serves others is checked below.
            const raw = await RawClient.connect(server.port);
            raw.send(bytes);
            await raw.reply(1).catch(() => undefined);
            raw.close();
            return;
          }
          case "document": {
            const doc = document(r);
            description = `insert ${BSON.EJSON.stringify(doc, { relaxed: false }).slice(0, 300)}`;
            await coll.insertOne(doc);
            await coll.find({ [r.pick(NAMES)]: value(r, 2) }).limit(5).toArray();
            return;
          }
          case "update": {
            const u = update(r);
            const filter = r.chance(0.5) ? {} : { [r.pick(PATHS)]: value(r, 2) };
            const options: Doc = { upsert: r.chance(0.3) };
            if (r.chance(0.2)) options.arrayFilters = [{ "e.x": value(r, 3) }];
            description = `update ${BSON.EJSON.stringify({ filter, u, options }).slice(0, 400)}`;
            await (r.chance(0.5) ? coll.updateOne(filter, u, options) : coll.updateMany(filter, u, options));
            return;
          }
          case "pipeline": {
            const pipeline = Array.from({ length: 1 + r.int(3) }, () => stage(r));
            description = `aggregate ${BSON.EJSON.stringify(pipeline).slice(0, 400)}`;
            await coll.aggregate(pipeline, { maxTimeMS: CASE_DEADLINE_MS }).toArray();
            return;
          }
        }
      };
      const started = Date.now();
      const outcome = await withDeadline(run).catch((error: Error) => `threw ${error.message}`);
      if (process.env.FUZZ_VERBOSE) console.log(i, Date.now() - started, "ms", description);
      if (outcome !== "ok") failures.push(`case ${i} (${description}): ${outcome === "hang" ? `no answer within ${CASE_DEADLINE_MS} ms` : outcome}`);
      // Checked every few cases (each costs a round trip): a failure names the window; the seed replays it.
      else if (i % CHECK_EVERY === CHECK_EVERY - 1 || i === CASES - 1) {
        const now = await server.prototype();
        const window = `cases ${i - CHECK_EVERY + 1}–${i} (last: ${description})`;
        if (now === undefined) failures.push(`${window}: the server process did not answer within ${CASE_DEADLINE_MS} ms (hung or exited)`);
        else if (now !== before) failures.push(`${window}: Object.prototype changed in the server`);
        else if (!(await alive())) failures.push(`cases ${i - CHECK_EVERY + 1}–${i} (last: ${description}): the server no longer answers ping`);
      }
      if (i % 200 === 199) await coll.deleteMany({}); // keep the collection small so every case stays fast
    }
  }
  if (failures.length > 0) console.error(`fuzz failed with FUZZ_SEED=${SEED}:\n${failures.join("\n")}`);
  expect(failures).toEqual([]);
  expect(await alive()).toBe(true);
}, 240_000);
