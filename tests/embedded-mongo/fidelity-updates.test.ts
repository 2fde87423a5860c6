// Update behaviours where the embedded server used to answer differently from MongoDB 7.0 (issues 13 and 14),
// each checked through the official driver against what the MongoDB manual page named in the test says.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();

test("positional paths below the same element do not conflict: $, $[] and $[<id>] (manual: $ (update), $[], $[<identifier>])", async () => {
  const coll = mongo.current.db().collection<Doc>("positional_siblings");
  await coll.insertOne({ _id: 1, a: [{ k: 1, x: 0 }, { k: 2, x: 0 }, { k: 3, x: 0 }] });

  await coll.updateOne({ _id: 1, "a.k": 2 }, { $set: { "a.$.x": 1, "a.$.y": 2 } });
  expect((await coll.findOne({ _id: 1 }))!.a[1]).toEqual({ k: 2, x: 1, y: 2 });

  await coll.updateOne({ _id: 1 }, { $set: { "a.$[].x": 5, "a.$[].z": 6 } });
  expect((await coll.findOne({ _id: 1 }))!.a.map((e: Doc) => [e.x, e.z])).toEqual([[5, 6], [5, 6], [5, 6]]);

  // Array filters are judged on the elements as they were before the update, even when it changes `k`.
  await coll.updateOne({ _id: 1 }, { $set: { "a.$[e].k": 10, "a.$[e].w": true } }, { arrayFilters: [{ "e.k": { $gte: 2 } }] });
  expect((await coll.findOne({ _id: 1 }))!.a.map((e: Doc) => [e.k, e.w ?? false])).toEqual([[1, false], [10, true], [10, true]]);
});

test("$set and $addToSet on sibling paths of one element apply together; a path and its prefix still conflict (manual: Update Operators)", async () => {
  const coll = mongo.current.db().collection<Doc>("sibling_operators");
  await coll.insertOne({ _id: 1, items: [{ name: "a", tags: [] }] });
  await coll.updateOne({ _id: 1, "items.name": "a" }, { $set: { "items.$.name": "b" }, $addToSet: { "items.$.tags": "t" } });
  expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, items: [{ name: "b", tags: ["t"] }] });

  const error = await serverError(coll.updateOne({ _id: 1 }, { $set: { items: [], "items.0.name": "c" } }));
  expect(error.code).toBe(40);
  const twice = await serverError(
    coll.updateOne({ _id: 1 }, { $set: { "items.$[].name": "x", "items.$[i].name": "y" } }, { arrayFilters: [{ "i.name": "b" }] }),
  );
  expect(twice.code).toBe(40);
  expect(twice.message).toContain("items.0.name");
});

test("$pull with a condition using $or, $and or plain fields removes the matching documents (manual: $pull)", async () => {
  const coll = mongo.current.db().collection<Doc>("pull_conditions");
  await coll.insertOne({ _id: 1, results: [{ item: "A", score: 5 }, { item: "B", score: 8 }, { item: "C", score: 8 }], n: [1, 5, 9, "x"] });
  await coll.updateOne({ _id: 1 }, { $pull: { results: { $or: [{ item: "A" }, { score: 8, item: "B" }] } } } as never);
  expect((await coll.findOne({ _id: 1 }))!.results).toEqual([{ item: "C", score: 8 }]);
  await coll.updateOne({ _id: 1 }, { $pull: { results: { score: 8 } } } as never);
  expect((await coll.findOne({ _id: 1 }))!.results).toEqual([]);
  // Operator conditions apply to the element values; only documents match a document condition.
  await coll.updateOne({ _id: 1 }, { $pull: { n: { $gte: 5 } } } as never);
  expect((await coll.findOne({ _id: 1 }))!.n).toEqual([1, "x"]);
  const result = await coll.updateOne({ _id: 1 }, { $pull: { n: { $or: [{ a: 1 }] } } } as never);
  expect(result.modifiedCount).toBe(0);
});

test("`$`-prefixed field names: stored by inserts (top level and nested) and by upserts, refused as an update path of an existing document (manual: Field Names with Periods and Dollar Signs)", async () => {
  const db = mongo.current.db();
  const coll = db.collection<Doc>("dollar_names");
  await db.command({ insert: "dollar_names", documents: [{ _id: 1, $price: 50, location: { $db: "novels", $inc: true } }] });
  expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, $price: 50, location: { $db: "novels", $inc: true } });

  // An upsert that inserts is validated as an insert...
  await db.command({ update: "dollar_names", updates: [{ q: { _id: 2 }, u: { $set: { phone: 25, $hotel: 320 } }, upsert: true }] });
  expect(await coll.findOne({ _id: 2 })).toEqual({ _id: 2, $hotel: 320, phone: 25 });
  // ...the same update on the existing document is refused.
  const reply = await db.command({ update: "dollar_names", updates: [{ q: { _id: 2 }, u: { $set: { $hotel: 1 } } }] });
  expect(reply.writeErrors?.[0]?.code).toBe(52);
  // Nested `$` names may be set on existing documents.
  await coll.updateOne({ _id: 1 }, { $set: { "location.$ref": "x" } });
  expect((await coll.findOne({ _id: 1 }))!.location.$ref).toBe("x");
});

test("pipeline updates create top-level `$` fields with $setField/$literal and read them with $getField (manual: $setField, $getField)", async () => {
  const coll = mongo.current.db().collection<Doc>("dollar_pipeline");
  await coll.insertOne({ _id: 1, n: 1 });
  await coll.updateOne({ _id: 1 }, [{ $replaceWith: { $setField: { field: { $literal: "$a" }, value: 7, input: "$$ROOT" } } }]);
  expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1, n: 1, $a: 7 });
  const found = await coll.find({ $expr: { $eq: [{ $getField: { $literal: "$a" } }, 7] } }).toArray();
  expect(found.map((d) => d._id)).toEqual([1]);
});

test("a pipeline update whose output lacks _id keeps the document's _id (manual: Updates with Aggregation Pipeline)", async () => {
  const coll = mongo.current.db().collection<Doc>("pipeline_keeps_id");
  await coll.insertMany([
    { _id: 1, x: 1, y: 1, t: { u: { v: 1 } } },
    { _id: 2, x: 2, y: 1 },
  ]);
  await coll.updateOne({ _id: 1 }, [{ $replaceRoot: { newRoot: "$t" } }, { $addFields: { foo: 1 } }]);
  await coll.updateMany({ _id: 2 }, [{ $project: { x: 1 } }, { $addFields: { foo: 1 } }]);
  expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
    { _id: 1, u: { v: 1 }, foo: 1 },
    { _id: 2, x: 2, foo: 1 },
  ]);
  const changed = await serverError(coll.updateOne({ _id: 1 }, [{ $set: { _id: 9 } }]));
  expect(changed.code).toBe(66);
});

test("a 7.0 server refuses `sort` in an update statement (manual: update command; sort came with 8.0)", async () => {
  const db = mongo.current.db();
  await db.collection<Doc>("update_sort").insertMany([{ _id: 1 }, { _id: 2 }]);
  const reply = await db.command({ update: "update_sort", updates: [{ q: {}, u: { $set: { k: 1 } }, sort: { _id: -1 } }] });
  expect(reply.writeErrors?.[0]?.code).toBe(40415);
  expect(await db.collection<Doc>("update_sort").countDocuments({ k: 1 })).toBe(0);
});
