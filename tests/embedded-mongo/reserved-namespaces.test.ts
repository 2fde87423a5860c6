// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

// The databases and collections MongoDB keeps for itself are refused as targets, with MongoDB's codes.
const mongo = useTestMongo();

test("$out into admin, config or local and into system.* is refused, writing nothing", async () => {
  const source = mongo.current.db().collection<Doc>("source");
  await source.insertOne({ _id: 1 });
  for (const db of ["admin", "config", "local"]) {
    const error = await serverError(source.aggregate([{ $out: { db, coll: "stolen" } }]).toArray());
    expect(error.code).toBe(31321);
    expect(error.message).toBe(`Can't $out to internal database: ${db}`);
    expect(await mongo.current.db(db).collection("stolen").countDocuments()).toBe(0);
  }
  const special = await serverError(source.aggregate([{ $out: "system.views" }]).toArray());
  expect(special.code).toBe(17385);
  expect(special.message).toBe("Can't $out to special collection: system.views");
});

test("$merge into an internal database or a system collection is refused with $merge's own codes", async () => {
  const source = mongo.current.db().collection<Doc>("source2");
  await source.insertOne({ _id: 1 });
  const internal = await serverError(source.aggregate([{ $merge: { into: { db: "admin", coll: "x" } } }]).toArray());
  expect(internal.code).toBe(31320);
  expect(internal.message).toBe("Cannot $merge to internal database: admin");
  const special = await serverError(source.aggregate([{ $merge: "system.js" }]).toArray());
  expect(special.code).toBe(31319);
  expect(special.message).toBe("Cannot $merge to special collection: system.js");
  // Ordinary targets still work.
  await source.aggregate([{ $merge: "copy" }]).toArray();
  expect(await mongo.current.db().collection("copy").countDocuments()).toBe(1);
});

test("insert, update, delete and findAndModify on a system.* collection are refused (InvalidNamespace)", async () => {
  const system = mongo.current.db().collection<Doc>("system.things");
  const dbName = mongo.current.db().databaseName;
  const attempts = [
    () => system.insertOne({ a: 1 }),
    () => system.updateOne({}, { $set: { a: 1 } }, { upsert: true }),
    () => system.updateMany({}, { $set: { a: 1 } }),
    () => system.deleteMany({}),
    () => system.findOneAndUpdate({}, { $set: { a: 1 } }),
  ];
  for (const attempt of attempts) {
    const error = await serverError(attempt());
    expect(error.code).toBe(73);
    expect(error.message).toBe(`Invalid system namespace: ${dbName}.system.things`);
  }
});
