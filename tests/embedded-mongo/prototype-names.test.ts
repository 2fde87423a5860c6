// Field names `__proto__`, `constructor` and `prototype` are ordinary field names in MongoDB (manual: "Field
// Names", https://www.mongodb.com/docs/manual/core/document/#field-names — only `_id`, `$`-prefixed and
// dotted names have rules). Issue 13, robustness item 2: update paths through `__proto__` wrote to the server
// process's Object.prototype, after which `find({x: 1})` matched documents lacking `x` for every client.
// Every update operator (https://www.mongodb.com/docs/manual/reference/operator/update/) and query path runs
// over those names here; after each, Object.prototype must be exactly as before.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { afterAll, beforeAll, expect, test } from "bun:test";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

const mongo = useTestMongo();
const NAMES = ["__proto__", "constructor", "prototype"] as const;

function prototypeState(): string {
  const describe = (proto: object) =>
    Object.getOwnPropertyNames(proto)
      .sort()
      .map((name) => `${name}:${typeof (Object.getOwnPropertyDescriptor(proto, name)?.value ?? "accessor")}`)
      .join(",");
  return `${describe(Object.prototype)}|${describe(Array.prototype)}|${describe(Function.prototype)}`;
}

const before = prototypeState();
beforeAll(() => expect(prototypeState()).toBe(before));
afterAll(() => expect(prototypeState()).toBe(before));

/** A document literal whose keys may include `__proto__` as an own field (JSON.parse keeps it as one). */
function doc(json: string): Doc {
  return JSON.parse(json);
}

/** The value at `path`, reading own fields only. */
function at(value: Doc, path: string): unknown {
  let current = value;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, part)) return undefined;
    current = current[part];
  }
  return current;
}

function expectUntouched(): void {
  expect(prototypeState()).toBe(before);
  expect(({} as Doc).x).toBeUndefined();
  expect(({} as Doc)._bsontype).toBeUndefined();
}

for (const name of NAMES) {
  const coll = () => mongo.current.db().collection<Doc>(`names_${name.replace(/_/g, "u")}`);

  const seed = async () => {
    await coll().deleteMany({});
    await coll().insertMany([
      doc(`{"_id": 1, "${name}": {"x": 1}, "a": {"${name}": 2}, "l": {"${name}": [1, 2, 3]}}`),
      doc(`{"_id": 2, "b": 1}`),
    ]);
  };
  const one = async (id = 1) => (await coll().findOne({ _id: id })) as Doc;

  test(`${name}: inserted and read back as an ordinary field, top level and nested`, async () => {
    await seed();
    const found = await one();
    expect(at(found, `${name}.x`)).toBe(1);
    expect(at(found, `a.${name}`)).toBe(2);
    expect(Object.keys(found)).toEqual(["_id", name, "a", "l"]);
    expectUntouched();
  });

  test(`${name}: filters on the name match stored fields only (equality, dotted, null, $exists, $in, $elemMatch)`, async () => {
    await seed();
    const ids = async (filter: Doc) => (await coll().find(filter).toArray()).map((d) => d._id);
    expect(await ids(doc(`{"${name}": {"x": 1}}`))).toEqual([1]);
    expect(await ids(doc(`{"${name}.x": 1}`))).toEqual([1]);
    expect(await ids(doc(`{"a.${name}": 2}`))).toEqual([1]);
    expect(await ids(doc(`{"${name}": null}`))).toEqual([2]);
    expect(await ids(doc(`{"${name}": {"$exists": false}}`))).toEqual([2]);
    expect(await ids(doc(`{"a.${name}": {"$in": [2, 3]}}`))).toEqual([1]);
    expect(await ids(doc(`{"l.${name}": {"$elemMatch": {"$gt": 2}}}`))).toEqual([1]);
    expect(await ids(doc(`{"$expr": {"$eq": ["$a.${name}", 2]}}`))).toEqual([1]);
    // The original symptom: a field found on every object once Object.prototype had it.
    expect(await ids({ x: 1 })).toEqual([]);
    expectUntouched();
  });

  const updates: { label: string; update: string; path: string; expected: unknown }[] = [
    { label: "$set nested", update: `{"$set": {"${name}.y": 5}}`, path: `${name}.y`, expected: 5 },
    { label: "$set on a missing field", update: `{"$set": {"b.${name}": 7}}`, path: `b.${name}`, expected: 7 },
    { label: "$unset", update: `{"$unset": {"${name}": ""}}`, path: name, expected: undefined },
    { label: "$inc", update: `{"$inc": {"a.${name}": 1}}`, path: `a.${name}`, expected: 3 },
    { label: "$mul", update: `{"$mul": {"a.${name}": 2}}`, path: `a.${name}`, expected: 4 },
    { label: "$min", update: `{"$min": {"a.${name}": 1}}`, path: `a.${name}`, expected: 1 },
    { label: "$max", update: `{"$max": {"a.${name}": 10}}`, path: `a.${name}`, expected: 10 },
    { label: "$rename from", update: `{"$rename": {"a.${name}": "c"}}`, path: "c", expected: 2 },
    { label: "$rename to", update: `{"$rename": {"b": "${name}2"}}`, path: `${name}2`, expected: undefined },
    { label: "$push", update: `{"$push": {"l.${name}": 4}}`, path: `l.${name}`, expected: [1, 2, 3, 4] },
    { label: "$addToSet", update: `{"$addToSet": {"l.${name}": 3}}`, path: `l.${name}`, expected: [1, 2, 3] },
    { label: "$pop", update: `{"$pop": {"l.${name}": 1}}`, path: `l.${name}`, expected: [1, 2] },
    { label: "$pull", update: `{"$pull": {"l.${name}": 2}}`, path: `l.${name}`, expected: [1, 3] },
    { label: "$pullAll", update: `{"$pullAll": {"l.${name}": [1, 3]}}`, path: `l.${name}`, expected: [2] },
    { label: "$bit", update: `{"$bit": {"a.${name}": {"or": 1}}}`, path: `a.${name}`, expected: 3 },
    { label: "positional $[]", update: `{"$inc": {"l.${name}.$[]": 10}}`, path: `l.${name}`, expected: [11, 12, 13] },
  ];
  for (const { label, update, path, expected } of updates) {
    test(`${name}: ${label} treats the name as an ordinary field`, async () => {
      await seed();
      const result = await coll().updateOne({ _id: 1 }, doc(update));
      expect(result.matchedCount).toBe(1);
      expect(at(await one(), path)).toEqual(expected);
      expectUntouched();
    });
  }

  test(`${name}: $set and $currentDate create the field on a document lacking it`, async () => {
    await seed();
    await coll().updateOne({ _id: 2 }, doc(`{"$set": {"${name}.x": 1}, "$currentDate": {"d.${name}": true}}`));
    const found = await one(2);
    expect(at(found, `${name}.x`)).toBe(1);
    expect(at(found, `d.${name}`)).toBeInstanceOf(Date);
    expect((await coll().find({ x: 1 }).toArray()).length).toBe(0);
    expectUntouched();
  });

  test(`${name}: upsert with $setOnInsert, replacement and pipeline updates`, async () => {
    await seed();
    await coll().updateOne({ _id: 3 }, doc(`{"$setOnInsert": {"${name}": {"x": 9}}}`), { upsert: true });
    expect(at(await one(3), `${name}.x`)).toBe(9);
    await coll().replaceOne({ _id: 2 }, doc(`{"${name}": 4}`));
    expect(at(await one(2), name)).toBe(4);
    await coll().updateOne({ _id: 1 }, [doc(`{"$set": {"copy": "$a.${name}", "${name}": "$$REMOVE"}}`)]);
    const found = await one();
    expect(found.copy).toBe(2);
    expect(Object.hasOwn(found, name)).toBe(false);
    expectUntouched();
  });

  test(`${name}: projection, sort, distinct, count, aggregation and an index over the name`, async () => {
    await seed();
    await coll().insertOne(doc(`{"_id": 4, "${name}": {"x": 0}, "a": {"${name}": 1}}`));
    const projected = await coll().find({ _id: 1 }, { projection: doc(`{"${name}": 1, "_id": 0}`) }).toArray();
    expect(projected).toHaveLength(1);
    expect(Object.keys(projected[0])).toEqual([name]);
    const sorted = await coll().find({}).sort(doc(`{"a.${name}": -1}`)).toArray();
    expect(sorted.map((d) => d._id)).toEqual([1, 4, 2]);
    expect((await coll().distinct(`a.${name}`)).sort()).toEqual([1, 2]);
    expect(await coll().countDocuments(doc(`{"${name}.x": {"$gte": 0}}`))).toBe(2);
    const grouped = await coll()
      .aggregate([{ $match: doc(`{"${name}": {"$exists": true}}`) }, { $group: { _id: null, total: { $sum: `$a.${name}` } } }])
      .toArray();
    expect(grouped[0]?.total).toBe(3);
    const added = await coll().aggregate([{ $match: { _id: 2 } }, { $addFields: doc(`{"${name}.z": 1}`) }]).toArray();
    expect(at(added[0], `${name}.z`)).toBe(1);
    await coll().createIndex(doc(`{"a.${name}": 1}`));
    const viaIndex = await coll().find(doc(`{"a.${name}": 2}`)).hint(doc(`{"a.${name}": 1}`)).toArray();
    expect(viaIndex.map((d) => d._id)).toEqual([1]);
    expect(await coll().countDocuments(doc(`{"a.${name}": null}`))).toBe(1);
    expectUntouched();
  });
}

// `_bsontype` is the one name the server's BSON library reserves (it marks its own value classes): refused
// with a clear error rather than stored in a form that cannot be read back.
test("$set of __proto__._bsontype (once a hang) is refused with BadValue; the server keeps serving", async () => {
  const coll = mongo.current.db().collection<Doc>("bsontype");
  await coll.insertOne({ _id: 1 });
  const error = await serverError(coll.updateOne({ _id: 1 }, { $set: { "__proto__._bsontype": "ObjectId" } }));
  expect(error.code).toBe(2);
  expect(error.message).toContain("_bsontype");
  expect(await coll.findOne({ _id: 1 })).toEqual({ _id: 1 });
  expect(await mongo.current.client.db("admin").command({ ping: 1 })).toMatchObject({ ok: 1 });
  expectUntouched();
});
