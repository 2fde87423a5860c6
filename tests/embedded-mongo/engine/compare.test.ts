import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { Binary, Decimal128, Long, MaxKey, MinKey, ObjectId, Timestamp, UUID } from "bson";
import { createStorageEngine } from "../../../server/embedded-mongo/engine";
import type { StorageEngine } from "../../../server/embedded-mongo/engine/types";
import { compareValues, sortDocuments, valuesEqual } from "../../../server/embedded-mongo/query/compare";
import { compileFilter } from "../../../server/embedded-mongo/query/match";

const ns = { db: "test", coll: "values" };
let engine: StorageEngine;
beforeEach(() => {
  engine = createStorageEngine({ memory: true });
});
afterEach(() => engine.close());

// One value per canonical BSON type, in MongoDB's order.
const ordered: [string, unknown][] = [
  ["minKey", new MinKey()],
  ["null", null],
  ["number", 3],
  ["string", "abc"],
  ["object", { a: 1 }],
  ["array", [9]],
  ["binData", new Binary(new Uint8Array([1, 2]))],
  ["objectId", new ObjectId("650000000000000000000001")],
  ["bool", false],
  ["date", new Date(0)],
  ["timestamp", new Timestamp({ t: 1, i: 1 })],
  ["regex", /re/],
  ["maxKey", new MaxKey()],
];

describe("BSON order", () => {
  test("canonical type order", () => {
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        const d = Math.sign(compareValues(ordered[i]?.[1], ordered[j]?.[1]));
        expect([ordered[i]?.[0], ordered[j]?.[0], d]).toEqual([ordered[i]?.[0], ordered[j]?.[0], Math.sign(i - j)]);
      }
    }
  });

  test("numbers of every BSON flavour compare numerically", () => {
    expect(compareValues(Long.fromNumber(5), 4.5)).toBe(1);
    expect(compareValues(Decimal128.fromString("2.5"), 3)).toBe(-1);
    expect(compareValues(Long.fromString("9007199254740993"), 9007199254740992)).toBe(1);
    expect(compareValues(Number.NaN, -Infinity)).toBe(-1);
    expect(valuesEqual(Long.fromNumber(1), 1)).toBe(true);
    expect(valuesEqual(Decimal128.fromString("1.0"), 1)).toBe(true);
    expect(valuesEqual(1, "1")).toBe(false);
  });

  test("ObjectIds order by bytes and equal across instances; binary by length first", () => {
    const a = new ObjectId("650000000000000000000001");
    const b = new ObjectId("650000000000000000000002");
    expect(compareValues(a, b)).toBe(-1);
    expect(valuesEqual(a, new ObjectId(a.toHexString()))).toBe(true);
    expect(compareValues(new Binary(new Uint8Array([9])), new Binary(new Uint8Array([1, 1])))).toBe(-1);
    const u = new UUID();
    expect(valuesEqual(u, new UUID(u.toHexString()))).toBe(true);
  });

  test("sort: arrays by smallest element ascending and largest descending; missing sorts as null", () => {
    const docs = [
      { _id: 1, v: [5, 1] },
      { _id: 2, v: 3 },
      { _id: 3 },
      { _id: 4, v: [2, 9] },
      { _id: 5, v: "x" },
    ];
    expect(sortDocuments(docs, { v: 1 }).map((d) => d._id)).toEqual([3, 1, 4, 2, 5]);
    expect(sortDocuments(docs, { v: -1 }).map((d) => d._id)).toEqual([5, 4, 1, 2, 3]);
  });

  test("collation: case-insensitive strength 2 and locale ordering", () => {
    const docs = [{ s: "b" }, { s: "A" }, { s: "a" }, { s: "B" }, { s: "é" }];
    expect(sortDocuments(docs, { s: 1 }).map((d) => d.s)).toEqual(["A", "B", "a", "b", "é"]);
    expect(sortDocuments(docs, { s: 1 }, { locale: "fr", strength: 2 }).map((d) => d.s)).toEqual(["A", "a", "b", "B", "é"]);
    expect(compileFilter({ s: "a" }, { collation: { locale: "en", strength: 2 } })({ s: "A" })).toBe(true);
    expect(compileFilter({ s: "a" })({ s: "A" })).toBe(false);
  });
});

describe("filters on BSON values through the engine", () => {
  test("ObjectId equality and $in, Date ranges, Decimal/Long vs numbers, $type", () => {
    const ids = [new ObjectId(), new ObjectId(), new ObjectId()];
    engine.insertOne(ns, { _id: ids[0], at: new Date("2024-01-01"), amount: Decimal128.fromString("10.50"), big: Long.fromString("9007199254740993") });
    engine.insertOne(ns, { _id: ids[1], at: new Date("2024-06-01"), amount: 3, big: 1 });
    engine.insertOne(ns, { _id: ids[2], at: new Date("2025-01-01"), amount: Long.fromNumber(20), big: "1" });
    const idsOf = (filter: Record<string, unknown>) => engine.find(ns, filter).map((d) => String(d._id));
    expect(idsOf({ _id: new ObjectId(ids[1]?.toHexString()) })).toEqual([String(ids[1])]);
    expect(idsOf({ _id: { $in: [ids[2], new ObjectId()] } })).toEqual([String(ids[2])]);
    expect(idsOf({ _id: { $nin: [ids[2]] } })).toEqual([String(ids[0]), String(ids[1])]);
    expect(idsOf({ at: { $gt: new Date("2024-03-01") } })).toEqual([String(ids[1]), String(ids[2])]);
    expect(idsOf({ amount: { $gte: 10 } })).toEqual([String(ids[0]), String(ids[2])]);
    expect(idsOf({ amount: 20 })).toEqual([String(ids[2])]);
    expect(idsOf({ big: { $gt: 9007199254740992 } })).toEqual([String(ids[0])]);
    expect(idsOf({ big: { $type: "string" } })).toEqual([String(ids[2])]);
    expect(idsOf({ amount: { $type: "decimal" } })).toEqual([String(ids[0])]);
    expect(idsOf({ amount: { $type: "number" } }).length).toBe(3);
    expect(idsOf({ _id: { $type: "objectId" } }).length).toBe(3);
    expect(idsOf({ $expr: { $gt: ["$amount", 5] } })).toEqual([String(ids[0]), String(ids[2])]);
    expect(engine.find(ns, {}, { sort: { amount: -1 } }).map((d) => String(d._id))).toEqual([String(ids[2]), String(ids[0]), String(ids[1])]);
  });

  test("indexed lookups agree with equality across numeric types and bson classes", () => {
    engine.createIndexes(ns, [{ key: { v: 1 }, name: "v_1" }]);
    engine.insertOne(ns, { _id: 1, v: 5 });
    engine.insertOne(ns, { _id: 2, v: Long.fromNumber(5) });
    engine.insertOne(ns, { _id: 3, v: Decimal128.fromString("5.00") });
    engine.insertOne(ns, { _id: 4, v: "5" });
    engine.insertOne(ns, { _id: 5, v: new Date(5) });
    expect(engine.find(ns, { v: 5 }).map((d) => d._id)).toEqual([1, 2, 3]);
    expect(engine.plan(ns, { v: 5 })).toMatchObject({ stage: "IXSCAN", docsExamined: 3 });
    expect(engine.find(ns, { v: { $lt: 6 } }).map((d) => d._id)).toEqual([1, 2, 3]);
    expect(engine.find(ns, { v: { $lte: new Date(10) } }).map((d) => d._id)).toEqual([5]);
    expect(engine.find(ns, {}, { sort: { v: 1 } }).map((d) => d._id)).toEqual([1, 2, 3, 4, 5]);
  });
});
