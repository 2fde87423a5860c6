// Query, projection and aggregation behaviours where the embedded server used to answer differently from
// MongoDB 7.0 without an error (issues 13 and 14); the manual page each follows is named in the test.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { Binary, DBRef, ObjectId } from "mongodb";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

test("$slice alone keeps every other field and combines with an exclusion; $elemMatch projects the first match (manual: $slice (projection), $elemMatch (projection))", async () => {
  const coll = mongo.current.db().collection<Doc>("projections");
  await coll.insertMany([
    { _id: 1, title: "t", comments: [1, 2, 3, 4], meta: { tags: ["a", "b", "c"] }, scores: [3, 7, 9] },
    { _id: 2, title: "u", scores: [1] },
  ]);
  expect(await coll.findOne({ _id: 1 }, { projection: { comments: { $slice: 2 } } })).toEqual({
    _id: 1,
    title: "t",
    comments: [1, 2],
    meta: { tags: ["a", "b", "c"] },
    scores: [3, 7, 9],
  });
  expect(await coll.findOne({ _id: 1 }, { projection: { comments: { $slice: [-3, 2] }, meta: 0, scores: 0 } })).toEqual({
    _id: 1,
    title: "t",
    comments: [2, 3],
  });
  expect(await coll.find({}, { projection: { scores: { $elemMatch: { $gt: 5 } } } }).sort({ _id: 1 }).toArray()).toEqual([
    { _id: 1, scores: [7] },
    { _id: 2 },
  ]);
  const nested = await serverError(coll.find({}, { projection: { "meta.tags": { $elemMatch: { $eq: "a" } } } }).toArray());
  expect(nested.code).toBe(31275);
});

test("an inclusion projection returns _id first and fields in document order, $elemMatch results last (manual: Project Fields to Return from Query)", async () => {
  const coll = mongo.current.db().collection<Doc>("projection_order");
  await coll.insertOne({ _id: 1, a: 1, b: [{ k: 1 }, { k: 2 }], c: 3 });
  const doc = await coll.findOne({}, { projection: { c: 1, b: { $elemMatch: { k: 2 } }, a: 1, _id: 1 } });
  expect(Object.keys(doc!)).toEqual(["_id", "a", "c", "b"]);
  expect(doc!.b).toEqual([{ k: 2 }]);
});

test("$all on a scalar matches a value equal to every listed element (manual: $all)", async () => {
  const coll = mongo.current.db().collection<Doc>("all_scalar");
  await coll.insertMany([{ _id: 1, tag: "ssl" }, { _id: 2, tag: ["ssl", "security"] }, { _id: 3, tag: "other" }]);
  expect((await coll.find({ tag: { $all: ["ssl"] } }).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2]);
  expect((await coll.find({ tag: { $all: ["ssl", "security"] } }).toArray()).map((d) => d._id)).toEqual([2]);
  expect(await coll.countDocuments({ tag: { $all: [] } })).toBe(0);
});

test("bitwise query operators test BinData values and BinData masks (manual: $bitsAllSet, Bitwise Query Operators)", async () => {
  const coll = mongo.current.db().collection<Doc>("bits_bindata");
  await coll.insertMany([
    { _id: 1, a: 54 },
    { _id: 2, a: new Binary(Buffer.from([0x20])) },
    { _id: 3, a: new Binary(Buffer.from([0x00, 0x01])) },
    { _id: 4, a: -1 },
  ]);
  const ids = async (filter: Doc) => (await coll.find(filter).sort({ _id: 1 }).toArray()).map((d) => d._id);
  expect(await ids({ a: { $bitsAllSet: [5] } })).toEqual([1, 2, 4]);
  expect(await ids({ a: { $bitsAllSet: [8] } })).toEqual([3, 4]);
  expect(await ids({ a: { $bitsAnySet: new Binary(Buffer.from([0x20])) } })).toEqual([1, 2, 4]);
  expect(await ids({ a: { $bitsAllClear: [5, 8] } })).toEqual([]);
  expect(await ids({ a: { $bitsAnyClear: 100 } })).toEqual([1, 2, 3]);
});

test("a DBRef's $id, $ref and $db can be matched inside $elemMatch (manual: Database References)", async () => {
  const coll = mongo.current.db().collection<Doc>("dbrefs");
  const id = new ObjectId();
  await coll.insertMany([
    { _id: 1, refs: [new DBRef("authors", id), new DBRef("books", new ObjectId())] },
    { _id: 2, refs: [new DBRef("authors", new ObjectId())] },
  ]);
  expect((await coll.find({ refs: { $elemMatch: { $id: id } } }).toArray()).map((d) => d._id)).toEqual([1]);
  expect((await coll.find({ refs: { $elemMatch: { $ref: "authors", $id: { $in: [id] } } } }).toArray()).map((d) => d._id)).toEqual([1]);
  expect(await coll.countDocuments({ refs: { $elemMatch: { $ref: "books" } } })).toBe(1);
});

test("a collection's default collation is used by matching, sorting, counting, updates and deletes that name none (manual: Collation)", async () => {
  const db = mongo.current.db();
  await db.createCollection("default_collation", { collation: { locale: "en", strength: 2, numericOrdering: true } });
  const coll = db.collection<Doc>("default_collation");
  await coll.insertMany([{ _id: 1, s: "Ab", n: "10" }, { _id: 2, s: "ab", n: "9" }, { _id: 3, s: "b", n: "100" }]);
  expect(await coll.countDocuments({ s: "AB" })).toBe(2);
  expect((await coll.find({}).sort({ n: 1 }).toArray()).map((d) => d.n)).toEqual(["9", "10", "100"]);
  expect(await coll.distinct("s")).toHaveLength(2);
  expect((await coll.aggregate([{ $match: { s: "aB" } }, { $sort: { _id: 1 } }]).toArray()).map((d) => d._id)).toEqual([1, 2]);
  // An explicit simple collation is binary again.
  expect(await coll.countDocuments({ s: "AB" }, { collation: { locale: "simple" } })).toBe(0);
  expect((await coll.updateMany({ s: "AB" }, { $set: { hit: true } })).modifiedCount).toBe(2);
  expect((await coll.deleteMany({ s: "B" })).deletedCount).toBe(1);
});

test("an unknown pipeline stage is 40324 'Unrecognized pipeline stage name' (manual: Aggregation Stages)", async () => {
  const error = await serverError(mongo.current.db().collection("stages").aggregate([{ $nope: {} }]).toArray());
  expect(error.code).toBe(40324);
  expect(error.message).toContain("Unrecognized pipeline stage name: '$nope'");
});

test("$bucket documents start with _id, then count and accumulators (manual: $bucket)", async () => {
  const coll = mongo.current.db().collection<Doc>("buckets");
  await coll.insertMany([{ p: 1 }, { p: 15 }, { p: 12 }]);
  const out = await coll.aggregate([{ $bucket: { groupBy: "$p", boundaries: [0, 10, 20], output: { count: { $sum: 1 }, top: { $max: "$p" } } } }]).toArray();
  expect(out.map((d) => Object.keys(d))).toEqual([["_id", "count", "top"], ["_id", "count", "top"]]);
  const plain = await coll.aggregate([{ $bucket: { groupBy: "$p", boundaries: [0, 20] } }]).toArray();
  expect(plain).toEqual([{ _id: 0, count: 3 }]);
  expect(Object.keys(plain[0]!)).toEqual(["_id", "count"]);
});

test("listDatabases lists admin, config and local with sizes, as a replica-set member does (manual: listDatabases)", async () => {
  await mongo.current.db().collection("something").insertOne({});
  const { databases } = await mongo.current.client.db("admin").admin().listDatabases();
  const names = databases.map((d) => d.name);
  for (const name of ["admin", "config", "local", mongo.current.db().databaseName]) expect(names).toContain(name);
  expect([...names].sort()).toEqual(names);
  for (const d of databases) expect(d.sizeOnDisk).toBeGreaterThan(0);
});

test("$out and $merge refuse readConcern linearizable (manual: Read Concern \"linearizable\")", async () => {
  const db = mongo.current.db();
  await db.collection<Doc>("linear_src").insertOne({ _id: 1 });
  for (const stage of [{ $out: "linear_out" }, { $merge: { into: "linear_out" } }]) {
    const error = await serverError(db.command({ aggregate: "linear_src", pipeline: [stage], cursor: {}, readConcern: { level: "linearizable" } }));
    expect(error.code).toBe(72);
  }
  expect(await db.listCollections({ name: "linear_out" }).toArray()).toEqual([]);
});

test("$merge whenMatched fail reports the duplicate key with keyPattern and keyValue (manual: $merge)", async () => {
  const db = mongo.current.db();
  await db.collection<Doc>("merge_src").insertOne({ _id: 1, a: 1 });
  await db.collection<Doc>("merge_dst").insertOne({ _id: 1, a: 0 });
  const error = await serverError(db.collection("merge_src").aggregate([{ $merge: { into: "merge_dst", whenMatched: "fail" } }]).toArray());
  expect(error.code).toBe(11000);
  expect(error.errorResponse.keyPattern).toEqual({ _id: 1 });
  expect(error.errorResponse.keyValue).toEqual({ _id: 1 });
  // A unique index clash on insert reports the index's key too.
  await db.collection<Doc>("merge_dst2").createIndex({ a: 1 }, { unique: true });
  await db.collection<Doc>("merge_dst2").insertOne({ _id: 5, a: 1 });
  const unique = await serverError(db.collection("merge_src").aggregate([{ $merge: { into: "merge_dst2" } }]).toArray());
  expect(unique.code).toBe(11000);
  expect(unique.errorResponse.keyPattern).toEqual({ a: 1 });
  expect(unique.errorResponse.keyValue).toEqual({ a: 1 });
});

test("time-series and clustered collections and hashed indexes are refused with a clear error, not silently accepted (documented differences)", async () => {
  const db = mongo.current.db();
  const timeseries = await serverError(db.createCollection("ts", { timeseries: { timeField: "t" } }));
  expect(timeseries.message).toContain("time-series");
  const clustered = await serverError(db.createCollection("cl", { clusteredIndex: { key: { _id: 1 }, unique: true } }));
  expect(clustered.message).toContain("clustered");
  const hashed = await serverError(db.collection("hashed").createIndex({ a: "hashed" }));
  expect(hashed.message).toMatch(/hashed/i);
  expect((await db.listCollections({ name: { $in: ["ts", "cl"] } }).toArray()).length).toBe(0);
});
