// Views through the official driver, as the MongoDB manual ("Views", "create", "collMod") describes them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

async function seed(name: string) {
  const db = mongo.current.db();
  await db.collection<Doc>(name).insertMany([
    { _id: 1, dept: "a", score: 10, name: "Ann" },
    { _id: 2, dept: "b", score: 20, name: "Bob" },
    { _id: 3, dept: "a", score: 30, name: "Cid" },
  ]);
  return db;
}

test("create with viewOn/pipeline makes a read-only view listed as type 'view' (manual: create, Views)", async () => {
  const db = await seed("staff");
  await db.createCollection("dept_a", { viewOn: "staff", pipeline: [{ $match: { dept: "a" } }, { $project: { dept: 0 } }] });
  const [info] = await db.listCollections({ name: "dept_a" }).toArray();
  expect(info).toMatchObject({ name: "dept_a", type: "view", options: { viewOn: "staff", pipeline: [{ $match: { dept: "a" } }, { $project: { dept: 0 } }] }, info: { readOnly: true } });
  expect((await db.listCollections({ type: "collection" }).toArray()).map((c) => c.name)).not.toContain("dept_a");
});

test("find, count, countDocuments, estimatedDocumentCount, distinct and aggregate read through a view (manual: Views, Supported Operations)", async () => {
  const db = await seed("staff_reads");
  await db.createCollection("high", { viewOn: "staff_reads", pipeline: [{ $match: { score: { $gte: 20 } } }, { $addFields: { double: { $multiply: ["$score", 2] } } }] });
  const view = db.collection<Doc>("high");
  expect(await view.find({}, { projection: { name: 1, double: 1 } }).sort({ score: -1 }).toArray()).toEqual([
    { _id: 3, name: "Cid", double: 60 },
    { _id: 2, name: "Bob", double: 40 },
  ]);
  expect(await view.find({ dept: "a" }).toArray()).toEqual([{ _id: 3, dept: "a", score: 30, name: "Cid", double: 60 }]);
  expect(await view.find({}).sort({ _id: 1 }).skip(1).limit(1).toArray()).toHaveLength(1);
  expect(await view.countDocuments({ dept: "b" })).toBe(1);
  expect(await view.estimatedDocumentCount()).toBe(2);
  expect((await view.distinct("dept")).sort()).toEqual(["a", "b"]);
  expect(await view.aggregate([{ $group: { _id: null, total: { $sum: "$double" } } }]).toArray()).toEqual([{ _id: null, total: 100 }]);
  // A view on a view applies both pipelines, and $lookup can read a view.
  await db.createCollection("high_a", { viewOn: "high", pipeline: [{ $match: { dept: "a" } }] });
  expect((await db.collection<Doc>("high_a").find().toArray()).map((d) => d._id)).toEqual([3]);
  const joined = await db.collection<Doc>("staff_reads").aggregate([{ $match: { _id: 1 } }, { $lookup: { from: "high", localField: "dept", foreignField: "dept", as: "peers" } }]).toArray();
  expect(joined[0]!.peers.map((d: Doc) => d._id)).toEqual([3]);
});

test("writes and index builds on a view are CommandNotSupportedOnView (166) (manual: Views, Behavior)", async () => {
  const db = await seed("staff_writes");
  await db.createCollection("ro", { viewOn: "staff_writes", pipeline: [] });
  const view = db.collection<Doc>("ro");
  const attempts: Array<() => Promise<unknown>> = [
    () => view.insertOne({ _id: 9 }),
    () => view.updateOne({ _id: 1 }, { $set: { x: 1 } }),
    () => view.deleteOne({ _id: 1 }),
    () => view.findOneAndUpdate({ _id: 1 }, { $set: { x: 1 } }),
    () => view.createIndex({ name: 1 }),
    () => db.collection("staff_writes").aggregate([{ $out: "ro" }]).toArray(),
  ];
  for (const attempt of attempts) expect((await serverError(attempt())).code).toBe(166);
  expect(await db.collection<Doc>("staff_writes").countDocuments({ x: 1 })).toBe(0);
});

test("view definitions are checked: no $out, no cycles; collMod changes the pipeline (manual: collMod)", async () => {
  const db = await seed("staff_defs");
  expect((await serverError(db.createCollection("bad", { viewOn: "staff_defs", pipeline: [{ $out: "x" }] }))).code).toBe(167);
  await db.createCollection("v1", { viewOn: "staff_defs", pipeline: [] });
  await db.createCollection("v2", { viewOn: "v1", pipeline: [] });
  expect((await serverError(db.command({ collMod: "v1", viewOn: "v2", pipeline: [] }))).code).toBe(93);
  await db.command({ collMod: "v1", viewOn: "staff_defs", pipeline: [{ $match: { dept: "b" } }] });
  expect((await db.collection<Doc>("v2").find().toArray()).map((d) => d._id)).toEqual([2]);
  // Dropping a view leaves its collection alone.
  await db.collection("v2").drop();
  expect(await db.collection("staff_defs").countDocuments()).toBe(3);
});
