// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { expect, test } from "bun:test";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

// A small expression must not be able to allocate without bound: the whole server is one process.
const mongo = useTestMongo();

function coll(name: string) {
  return mongo.current.db().collection<Doc>(name);
}

// MongoDB counts one element more than it builds: 24 + (1e9 + 1) * 16 bytes.
test("$range over a billion values is refused as MongoDB refuses it, and other clients keep being served", async () => {
  await coll("one").insertOne({ _id: 1 });
  const other = await mongo.current.newClient();
  const [error, count] = await Promise.all([
    serverError(coll("one").aggregate([{ $project: { r: { $range: [0, 1e9] } } }]).toArray()),
    other.db(mongo.current.db().databaseName).collection("one").countDocuments(),
  ]);
  expect(error.code).toBe(146);
  expect(error.codeName).toBe("ExceededMemoryLimit");
  expect(error.message).toBe(
    "$range would use too much memory (16000000040 bytes) and cannot spill to disk. Memory limit: 67108864 bytes",
  );
  expect(count).toBe(1);
});

test("$range within the limit still works, with steps and MongoDB's argument errors", async () => {
  await coll("ranges").insertOne({ _id: 1, n: 5 });
  const [doc] = await coll("ranges")
    .aggregate([{ $addFields: { up: { $range: [0, "$n"] }, down: { $range: [10, 0, -4] }, big: { $size: { $range: [0, 1_000_000] } } } }])
    .toArray();
  expect(doc).toEqual({ _id: 1, n: 5, up: [0, 1, 2, 3, 4], down: [10, 6, 2], big: 1_000_000 });
  const error = await serverError(coll("ranges").aggregate([{ $project: { r: { $range: [0, 5, 0] } } }]).toArray());
  expect(error.code).toBe(34449);
  const fractional = await serverError(coll("ranges").aggregate([{ $project: { r: { $range: [0.5, 5] } } }]).toArray());
  expect(fractional.code).toBe(34444);
});

test("a $reduce doubling a string stops at MongoDB's 64MB string limit", async () => {
  await coll("strings").insertOne({ _id: 1, s: "ab" });
  const error = await serverError(
    coll("strings")
      .aggregate([
        { $project: { s: { $reduce: { input: { $range: [0, 40] }, initialValue: "$s", in: { $concat: ["$$value", "$$value"] } } } } },
      ])
      .toArray(),
  );
  expect(error.code).toBe(13548);
  expect(error.message).toContain("past the 64MB limit");
});

test("$replaceAll whose result would pass 64MB is refused before it is built", async () => {
  await coll("replace").insertOne({ _id: 1, s: "x".repeat(100_000) });
  const error = await serverError(
    coll("replace")
      .aggregate([{ $project: { s: { $replaceAll: { input: "$s", find: "x", replacement: "y".repeat(1000) } } } }])
      .toArray(),
  );
  expect(error.code).toBe(13548);
  const [ok] = await coll("replace")
    .aggregate([{ $project: { n: { $strLenCP: { $replaceAll: { input: "$s", find: "x", replacement: "yz" } } } } }])
    .toArray();
  expect(ok?.n).toBe(200_000);
});

test("arrays doubled by $reduce/$concatArrays or multiplied by nested $map are refused past 100MB", async () => {
  await coll("arrays").insertOne({ _id: 1 });
  const doubling = await serverError(
    coll("arrays")
      .aggregate([
        {
          $project: {
            a: { $reduce: { input: { $range: [0, 60] }, initialValue: [1], in: { $concatArrays: ["$$value", "$$value"] } } },
          },
        },
      ])
      .toArray(),
  );
  expect(doubling.code).toBe(146);
  const nested = await serverError(
    coll("arrays")
      .aggregate([{ $project: { a: { $map: { input: { $range: [0, 1_000_000] }, in: { $range: [0, 1_000_000] } } } } }])
      .toArray(),
  );
  expect(nested.code).toBe(146);
  expect(nested.message).toContain("$map would use too much memory");
  const [small] = await coll("arrays")
    .aggregate([{ $project: { _id: 0, a: { $map: { input: [1, 2], as: "x", in: { $concatArrays: [["$$x"], { $range: [0, "$$x"] }] } } } } }])
    .toArray();
  expect(small).toEqual({ a: [[1, 0], [2, 0, 1]] });
});

// The driver's `mingo` entry point merged its default operators over ours; pipelines must see our overrides.
test("aggregation expressions use the server's bson-aware operators (a Decimal128 compares with numbers)", async () => {
  const { Decimal128 } = await import("bson");
  await coll("decimals").insertOne({ _id: 1, n: Decimal128.fromString("5") });
  const [doc] = await coll("decimals")
    .aggregate([{ $project: { _id: 0, same: { $eq: ["$n", 5] }, more: { $gt: ["$n", 4] } } }])
    .toArray();
  expect(doc).toEqual({ same: true, more: true });
});
