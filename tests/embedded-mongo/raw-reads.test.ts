// Reads that carry stored BSON straight into the reply (ADR 0023) must give the driver exactly the bytes the
// decode/re-encode path gives. The oracle is `aggregate` with the same $match/$sort/$skip/$limit: it serves the
// same engine query but always decodes and re-encodes. Both are read with `raw: true`, so the comparison is on
// the BSON bytes the driver receives, not on decoded values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { describe, expect, test } from "bun:test";
import {
  Binary,
  BSONRegExp,
  Code,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
  UUID,
  type ClientSession,
  type Collection,
} from "mongodb";
import { BSON } from "bson";
import { createStorageEngine } from "../../server/embedded-mongo/engine/index";
import { compileRawFilter, compileRawProjection } from "../../server/embedded-mongo/engine/raw-documents";
import { RawBson } from "../../server/embedded-mongo/raw-bson";
import { useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

const ORGS = ["org-a", "org-b", "org-ü"];
const ids = Array.from({ length: 40 }, () => new ObjectId());

function documentOf(i: number): Doc {
  return {
    _id: ids[i],
    organizationId: ORGS[i % ORGS.length],
    createdAt: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000),
    year: 2000 + i,
    active: i % 2 === 0,
    title: `Report ${i} — ünïcødé 🌍`,
    int: new Int32(i),
    double: new Double(i + 0.5),
    wholeDouble: new Double(i),
    negativeZero: -0,
    long: Long.fromString("9007199254740993"),
    smallLong: Long.fromNumber(i),
    decimal: Decimal128.fromString(`${i}.10`),
    binary: new Binary(new Uint8Array([i, 0, 255])),
    uuid: new UUID(),
    regex: new BSONRegExp("^a.c$", "im"),
    timestamp: new Timestamp({ t: 1_700_000_000 + i, i: 1 }),
    min: new MinKey(),
    max: new MaxKey(),
    code: new Code("function () { return 1; }"),
    nothing: null,
    nested: { z: 1, a: { deep: [1, "two", { three: 3 }] }, m: [] },
    tags: ["x", `t${i}`],
    metrics: { sections: Object.fromEntries(Array.from({ length: 5 }, (_, s) => [`s${s}`, { missing: [`a.b.${s}`, `c.${i}`] }])) },
  };
}

async function reports(): Promise<Collection<Doc>> {
  const coll = mongo.current.db().collection<Doc>("reports");
  if ((await coll.estimatedDocumentCount()) === 0) {
    await coll.insertMany(ids.map((_, i) => documentOf(i)));
    await coll.createIndex({ organizationId: 1, createdAt: -1, _id: -1 });
    await coll.createIndex({ active: 1 });
    await coll.createIndex({ title: 1 });
    // A server-side $inc on a Long keeps a Long: stored as int64 though small.
    await coll.updateMany({}, { $inc: { smallLong: Long.fromNumber(1) } });
  }
  return coll;
}

interface Query {
  filter: Doc;
  sort?: Doc;
  skip?: number;
  limit?: number;
  projection?: Doc;
  batchSize?: number;
}

const hex = (docs: unknown[]) => docs.map((d) => Buffer.from(d as Uint8Array).toString("hex"));

/** The query's documents as raw BSON, via find and via the decoding path (aggregate). */
async function bothWays(coll: Collection<Doc>, q: Query, session?: ClientSession) {
  const viaFind = await coll
    .find(q.filter, {
      raw: true,
      session,
      ...(q.sort ? { sort: q.sort } : {}),
      ...(q.skip !== undefined ? { skip: q.skip } : {}),
      ...(q.limit !== undefined ? { limit: q.limit } : {}),
      ...(q.projection ? { projection: q.projection } : {}),
      ...(q.batchSize !== undefined ? { batchSize: q.batchSize } : {}),
    })
    .toArray();
  const pipeline: Doc[] = [{ $match: q.filter }];
  if (q.sort) pipeline.push({ $sort: q.sort });
  if (q.skip !== undefined) pipeline.push({ $skip: q.skip });
  if (q.limit !== undefined) pipeline.push({ $limit: q.limit });
  if (q.projection) pipeline.push({ $project: q.projection });
  const viaAggregate = await coll.aggregate(pipeline, { raw: true, session }).toArray();
  return { viaFind: hex(viaFind), viaAggregate: hex(viaAggregate) };
}

const QUERIES: [string, Query][] = [
  ["_id equality", { filter: { _id: ids[7] } }],
  ["_id $in", { filter: { _id: { $in: [ids[3], ids[30], new ObjectId()] } } }],
  ["indexed string equality (the report list)", { filter: { organizationId: "org-a" }, sort: { createdAt: -1, _id: -1 }, limit: 11 }],
  ["indexed equality, non-ASCII value", { filter: { organizationId: "org-ü" } }],
  ["indexed $eq with skip and limit", { filter: { organizationId: { $eq: "org-b" } }, skip: 2, limit: 5 }],
  ["indexed boolean equality", { filter: { active: true } }],
  ["indexed equality with a string that is a prefix of others", { filter: { title: documentOf(1).title } }],
  ["equality plus another predicate (matcher re-checks)", { filter: { organizationId: "org-a", year: { $gte: 2010 } } }],
  ["range on an indexed field", { filter: { createdAt: { $gte: new Date(Date.UTC(2020, 0, 10)) } } }],
  ["collection scan", { filter: { "nested.a.deep": "two" } }],
  ["in-memory sort", { filter: {}, sort: { year: -1 } }],
  ["projection", { filter: { organizationId: "org-a" }, projection: { title: 1, long: 1 } }],
  ["small batches spanning getMores", { filter: {}, batchSize: 3 }],
  ["indexed equality in small batches", { filter: { organizationId: "org-b" }, batchSize: 2 }],
  ["no match", { filter: { organizationId: "org-z" } }],
  // Top-level equalities checked on the stored bytes (ADR 0026): a tenant-scoped read by id.
  ["_id and tenant equality (a tenant's findOne)", { filter: { _id: ids[4], organizationId: ORGS[4 % 3] } }],
  ["no match: _id of another tenant", { filter: { _id: ids[4], organizationId: ORGS[5 % 3] } }],
  ["_id and tenant $eq, non-ASCII tenant", { filter: { _id: { $eq: ids[2] }, organizationId: { $eq: "org-ü" } } }],
  ["unindexed string and boolean equality", { filter: { title: documentOf(9).title, active: false } }],
  ["no match: string equality on a field of another type", { filter: { year: "2003" } }],
  ["string equality on an array field (the matcher decides)", { filter: { tags: "x", organizationId: "org-b" } }],
  ["no match: equality on a missing field", { filter: { organizationId: "org-a", absent: "x" } }],
  ["no match: a prefix of the stored string", { filter: { organizationId: "org-" } }],
  // Inclusion projections cut from the stored bytes.
  ["projection of top-level fields, in the document's order", { filter: { organizationId: "org-a" }, projection: { year: 1, _id: 1, title: 1, absent: 1 } }],
  ["projection without _id", { filter: { organizationId: "org-b" }, projection: { _id: 0, long: 1, decimal: 1, regex: 1, code: 1 } }],
  ["projection of dotted paths into embedded documents", { filter: { organizationId: "org-a" }, projection: { "nested.z": 1, "metrics.sections.s1": 1, "metrics.sections.s3.missing": 1, year: 1 } }],
  ["projection of a path ending in an array", { filter: { organizationId: "org-a" }, projection: { "nested.a.deep": 1 } }],
  ["projection of a path through an array (decoding path)", { filter: { organizationId: "org-a" }, projection: { "tags.x": 1, "nested.m.x": 1, year: 1 } }],
  ["projection of a missing inner field (decoding path)", { filter: { organizationId: "org-a" }, projection: { "nested.absent": 1, year: 1 } }],
  ["projection with an in-memory sort", { filter: {}, sort: { year: -1 }, limit: 7, projection: { year: 1, title: 1 } }],
];

describe("find returns what the decoding path returns, byte for byte", () => {
  for (const [name, q] of QUERIES) {
    test(name, async () => {
      const coll = await reports();
      const { viaFind, viaAggregate } = await bothWays(coll, q);
      expect(viaFind).toEqual(viaAggregate);
      if (!name.startsWith("no match")) expect(viaFind.length).toBeGreaterThan(0);
    });
  }

  test("inside a transaction, before and after its own writes", async () => {
    const coll = await reports();
    const session = mongo.current.client.startSession();
    try {
      session.startTransaction();
      const before = await bothWays(coll, { filter: { organizationId: "org-a" } }, session);
      expect(before.viaFind).toEqual(before.viaAggregate);
      await coll.insertOne({ ...documentOf(0), _id: new ObjectId(), title: "in txn" }, { session });
      await coll.updateOne({ _id: ids[3] }, { $set: { title: "changed in txn" } }, { session });
      const after = await bothWays(coll, { filter: { organizationId: "org-a" }, batchSize: 4 }, session);
      expect(after.viaFind).toEqual(after.viaAggregate);
      expect(after.viaFind.length).toBe(before.viaFind.length + 1);
      await session.abortTransaction();
    } finally {
      await session.endSession();
    }
  });

  test("a read after an update returns the updated document", async () => {
    const coll = await reports();
    await coll.updateOne({ _id: ids[5] }, { $set: { title: "renamed" } });
    const doc = await coll.findOne({ _id: ids[5] });
    expect(doc.title).toBe("renamed");
    expect(doc.long).toEqual(Long.fromString("9007199254740993"));
    expect(await coll.countDocuments({ organizationId: ORGS[5 % 3] })).toBe(
      (await coll.find({ organizationId: ORGS[5 % 3] }).toArray()).length,
    );
  });

  test("a small Long made by a server-side $inc comes back as int64, as MongoDB returns it", async () => {
    // The decoding path turned it into an int32 (bson promotes small Longs to numbers); the stored bytes are
    // the int64 MongoDB would return.
    const coll = mongo.current.db().collection<Doc>("longs");
    await coll.insertOne({ _id: "l", org: "o", n: Long.fromString("9007199254740993") });
    await coll.createIndex({ org: 1 });
    await coll.updateOne({ _id: "l" }, { $inc: { n: Long.fromString("-9007199254740990") } });
    const raw = await coll.findOne({ org: "o" }, { promoteLongs: false });
    expect(raw?.n).toEqual(Long.fromNumber(3));
    expect((await coll.findOne({ _id: "l" }))?.n).toBe(3);
  });

  test("count by indexed equality counts the matches", async () => {
    const coll = await reports();
    const db = mongo.current.db();
    for (const org of [...ORGS, "org-z"]) {
      const counted = await db.command({ count: "reports", query: { organizationId: org } });
      const expected = ids.filter((_, i) => ORGS[i % ORGS.length] === org).length;
      expect(counted.n).toBe(expected);
      expect((await coll.find({ organizationId: org }).toArray()).length).toBe(expected);
    }
  });
});

describe("which reads pass stored bytes through", () => {
  const ns = { db: "t", coll: "c" };
  const engine = createStorageEngine({ memory: true });
  engine.createIndexes(ns, [{ key: { org: 1 }, name: "org_1" }]);
  for (let i = 0; i < 6; i++) engine.insertOne(ns, { _id: i, org: i % 2 === 0 ? "even" : "odd", n: i });

  test("reads without an in-memory stage return stored BSON", () => {
    for (const filter of [{ org: "even" }, { _id: 3 }, { n: { $gt: 2 } }, {}]) {
      const docs = engine.findForReply(ns, filter, {});
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) expect(doc).toBeInstanceOf(RawBson);
    }
  });

  test("an in-memory sort or a transaction's own writes get decoded documents", () => {
    expect(engine.findForReply(ns, { org: "even" }, { sort: { n: -1 } })[0]).not.toBeInstanceOf(RawBson);
    const txn = engine.beginTransaction();
    engine.insertOne(ns, { _id: 10, org: "even", n: 10 }, { txn });
    const docs = engine.findForReply(ns, { org: "even" }, { txn });
    expect(docs.map((d) => (d as Doc).n)).toEqual([0, 2, 4, 10]);
    engine.abortTransaction(txn);
  });
});

describe("filters and projections answered on the stored bytes", () => {
  const stored = BSON.serialize(documentOf(4));

  test("tenant equality is decided without decoding; what it cannot decide is left to the matcher", () => {
    const decide = (filter: Doc) => compileRawFilter(filter, undefined)?.(stored);
    expect(decide({ _id: ids[4], organizationId: ORGS[1] })).toBe(true);
    expect(decide({ _id: ids[4], organizationId: ORGS[0] })).toBe(false);
    expect(decide({ _id: ids[5] })).toBe(false);
    expect(decide({ active: true, title: documentOf(4).title })).toBe(true);
    expect(decide({ absent: "x" })).toBe(false);
    expect(decide({ tags: "x" })).toBeUndefined(); // an array may contain it
    expect(decide({ year: "2004" })).toBeUndefined(); // another type: the matcher's rules
    expect(compileRawFilter({ year: 2004 }, undefined)).toBeUndefined();
    expect(compileRawFilter({ "nested.z": "1" }, undefined)).toBeUndefined();
    expect(compileRawFilter({ organizationId: { $in: ["org-a"] } }, undefined)).toBeUndefined();
    expect(compileRawFilter({ organizationId: "org-a" }, { locale: "de", strength: 1 })).toBeUndefined();
  });

  test("an inclusion projection is cut from the bytes, values as stored", () => {
    const cut = compileRawProjection({ "metrics.sections.s2": 1, long: 1, year: 1 })!(stored)!;
    const doc = BSON.deserialize(cut, { promoteLongs: false });
    expect(Object.keys(doc)).toEqual(["_id", "year", "long", "metrics"]);
    expect(doc.long).toEqual(Long.fromString("9007199254740993"));
    expect(doc.metrics).toEqual({ sections: { s2: { missing: ["a.b.2", "c.4"] } } });
    expect(BSON.deserialize(compileRawProjection({ "nested.a.deep": 1 })!(stored)!).nested).toEqual({ a: { deep: [1, "two", { three: 3 }] } });
    expect(compileRawProjection({ "tags.x": 1 })!(stored)).toBeUndefined(); // through an array
    expect(compileRawProjection({ "nested.nothing": 1 })!(stored)).toBeUndefined(); // missing inside
    expect(compileRawProjection({ "title.x": 1 })!(stored)).toBeUndefined(); // through a string
    expect(compileRawProjection({ title: 0 })).toBeUndefined(); // exclusion
    expect(compileRawProjection({ a: 1, "a.b": 1 })).toBeUndefined(); // collision: the decoding path reports it
    expect(compileRawProjection({ a: { $slice: 1 } })).toBeUndefined();
  });
});
