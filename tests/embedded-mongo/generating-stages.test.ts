// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { afterEach, expect, test } from "bun:test";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

// Stages whose output can be larger than their input: $sample and $densify, checked against the manual's
// pages "$sample (aggregation)" and "$densify (aggregation)" and MongoDB 7.0's parser (its error codes).
const mongo = useTestMongo();

function coll(name: string) {
  return mongo.current.db().collection<Doc>(name);
}

async function setDensifyLimit(value: number): Promise<unknown> {
  const reply = await mongo.current.client.db("admin").command({ setParameter: 1, internalQueryMaxAllowedDensifyDocs: value });
  return reply.was;
}

afterEach(async () => {
  await setDensifyLimit(500_000);
});

test("$sample: size is required, numeric and not negative, with MongoDB's codes (manual: $sample)", async () => {
  await coll("sample").insertMany([{ _id: 1 }, { _id: 2 }]);
  const cases: Array<[unknown, number]> = [
    [{}, 28749],
    [{ size: "3" }, 28746],
    [{ size: null }, 28746],
    [{ size: -1 }, 28747],
    [{ size: 2, other: 1 }, 28748],
    [5, 28745],
  ];
  for (const [spec, code] of cases) {
    const error = await serverError(coll("sample").aggregate([{ $sample: spec }]).toArray());
    expect({ spec, code: error.code }).toEqual({ spec, code });
  }
  // Checked when the pipeline is parsed, not when a document reaches the stage.
  expect((await serverError(coll("missing_collection").aggregate([{ $sample: {} }]).toArray())).code).toBe(28749);
});

test("$sample: a huge size returns each document once, without building the size first", async () => {
  await coll("big_sample").insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: i })));
  const started = process.memoryUsage().rss;
  const all = await coll("big_sample").aggregate([{ $sample: { size: 1e15 } }]).toArray();
  expect(all).toHaveLength(50);
  expect(new Set(all.map((d) => d._id)).size).toBe(50);
  // Before: mingo looped `size` times (1e15 iterations, gigabytes).
  expect(process.memoryUsage().rss - started).toBeLessThan(200 * 1024 * 1024);
  // A non-integral size is truncated, as BSONElement::numberLong() does.
  expect(await coll("big_sample").aggregate([{ $sample: { size: 2.9 } }]).toArray()).toHaveLength(2);
  const some = await coll("big_sample").aggregate([{ $sample: { size: 10 } }]).toArray();
  expect(new Set(some.map((d) => d._id)).size).toBe(10);
});

test("$densify with explicit bounds fills the range [lower, upper) (manual: $densify, 'Densify Time Series Data')", async () => {
  const hour = 3_600_000;
  const t0 = Date.UTC(2021, 4, 18);
  await coll("weather").insertMany([
    { metadata: { sensorId: 5578 }, timestamp: new Date(t0), temp: 12 },
    { metadata: { sensorId: 5578 }, timestamp: new Date(t0 + 4 * hour), temp: 11 },
    { metadata: { sensorId: 5578 }, timestamp: new Date(t0 + 8 * hour), temp: 11 },
    { metadata: { sensorId: 5578 }, timestamp: new Date(t0 + 12 * hour), temp: 12 },
  ]);
  const out = await coll("weather")
    .aggregate([{ $densify: { field: "timestamp", range: { step: 1, unit: "hour", bounds: [new Date(t0), new Date(t0 + 8 * hour)] } } }])
    .toArray();
  expect(out.map((d) => (d.timestamp.getTime() - t0) / hour)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 12]);
  expect(out[1]).toEqual({ timestamp: new Date(t0 + hour) });

  // The fuzzer's case: one document, bounds [0, 10] → ten documents (mingo returned one).
  await coll("one").insertOne({ x: 0 });
  const ten = await coll("one").aggregate([{ $densify: { field: "x", range: { step: 1, bounds: [0, 10] } } }, { $project: { _id: 0 } }]).toArray();
  expect(ten.map((d) => d.x)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  // With no documents at all, an explicit range is still generated.
  expect(await coll("none").aggregate([{ $densify: { field: "x", range: { step: 2, bounds: [0, 10] } } }]).toArray()).toHaveLength(5);
});

test("$densify 'full' and 'partition' bounds follow the manual's coffee example", async () => {
  await coll("coffee").insertMany([
    { altitude: 600, variety: "Arabica Typica", score: 68.3 },
    { altitude: 750, variety: "Arabica Typica", score: 69.5 },
    { altitude: 950, variety: "Arabica Typica", score: 70.5 },
    { altitude: 1250, variety: "Gesha", score: 88.15 },
    { altitude: 1700, variety: "Gesha", score: 95.5, price: 1029 },
  ]);
  const altitudes = async (bounds: string) => {
    const docs = await coll("coffee")
      .aggregate([{ $densify: { field: "altitude", partitionByFields: ["variety"], range: { bounds, step: 200 } } }])
      .toArray();
    const by = (variety: string) =>
      docs
        .filter((d) => d.variety === variety)
        .map((d) => d.altitude)
        .sort((a, b) => a - b);
    return { arabica: by("Arabica Typica"), gesha: by("Gesha") };
  };
  expect(await altitudes("full")).toEqual({
    arabica: [600, 750, 800, 950, 1000, 1200, 1400, 1600],
    gesha: [600, 800, 1000, 1200, 1250, 1400, 1600, 1700],
  });
  expect(await altitudes("partition")).toEqual({ arabica: [600, 750, 800, 950], gesha: [1250, 1450, 1650, 1700] });
});

test("$densify stops at internalQueryMaxAllowedDensifyDocs with error 5897900 (jstests densify_doc_limit)", async () => {
  // MongoDB's default is 500,000 (manual: $densify): a range of a billion fails instead of exhausting memory.
  const huge = await serverError(coll("limit").aggregate([{ $densify: { field: "v", range: { step: 1, bounds: [0, 1e9] } } }]).toArray());
  expect(huge.code).toBe(5897900);
  expect(huge.message).toContain("internalQueryMaxAllowedDensifyDocs");

  expect(await setDensifyLimit(10)).toBe(500_000);
  const densify = (range: Doc, partitionByFields?: string[]) =>
    coll("limit").aggregate([{ $densify: { field: "v", range, ...(partitionByFields ? { partitionByFields } : {}) } }]).toArray();
  expect((await serverError(densify({ step: 1, bounds: [0, 11] }))).code).toBe(5897900);
  expect(await densify({ step: 1, bounds: [0, 10] })).toHaveLength(10);
  await coll("limit").insertMany([
    { v: 0, part: 1 },
    { v: 12, part: 1 },
  ]);
  expect((await serverError(densify({ step: 1, bounds: "full" }))).message).toBe(
    "Generated 11 documents in $densify, which is over the limit of 10. Increase the 'internalQueryMaxAllowedDensifyDocs' parameter to allow more generated documents",
  );
  // Documents already there don't count.
  await coll("limit").insertOne({ v: 5, part: 1 });
  expect(await densify({ step: 1, bounds: "full" })).toHaveLength(13);
  // The count is shared across partitions.
  await setDensifyLimit(20);
  await coll("limit").insertMany([
    { v: 0, part: 2 },
    { v: 12, part: 2 },
  ]);
  expect((await serverError(densify({ step: 1, bounds: "partition" }, ["part"]))).code).toBe(5897900);
});

test("$densify specifications are checked as MongoDB's parser does", async () => {
  const cases: Array<[unknown, number]> = [
    [1, 9],
    [{ range: { step: 1, bounds: "full" } }, 40414],
    [{ field: 1, range: { step: 1, bounds: "full" } }, 14],
    [{ field: "a" }, 40414],
    [{ field: "a", range: { step: 1, bounds: "full" }, extra: 1 }, 40415],
    [{ field: "a", range: { step: 0, bounds: "full" } }, 5733401],
    [{ field: "a", range: { step: null, bounds: "full" } }, 5733401],
    [{ field: "a", range: { step: 1.5, unit: "hour", bounds: "full" } }, 6586400],
    [{ field: "a", range: { step: 1, unit: "fortnight", bounds: "full" } }, 9],
    [{ field: "a", range: { step: 1, bounds: [0] } }, 5733403],
    [{ field: "a", range: { step: 1, bounds: [10, 0] } }, 5733402],
    [{ field: "a", range: { step: 1, bounds: [0, 1.5] } }, 5876900],
    [{ field: "a", range: { step: 1, bounds: ["a", "b"] } }, 5946800],
    [{ field: "a", range: { step: 1, bounds: "everything" } }, 5946802],
    [{ field: "a", range: { step: 1, bounds: null } }, 5733404],
    [{ field: "a", range: { step: 1, bounds: "partition" } }, 5733408],
    [{ field: "$a", range: { step: 1, bounds: "full" } }, 16410],
  ];
  for (const [spec, code] of cases) {
    const error = await serverError(coll("specs").aggregate([{ $densify: spec }]).toArray());
    expect({ spec, code: error.code }).toEqual({ spec, code });
  }
  await coll("typed").insertMany([{ a: "text" }]);
  expect((await serverError(coll("typed").aggregate([{ $densify: { field: "a", range: { step: 1, bounds: "full" } } }]).toArray())).code).toBe(5733201);
});
