// Loosely typed documents: these tests assert on shapes the server returns, not on app schemas.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;
import { beforeAll, expect, test } from "bun:test";
import { serverError, useTestMongo } from "../helpers/embedded-mongo";

// explain, checked against the manual's pages "explain", "cursor.explain()" and "Explain Results".
const mongo = useTestMongo();
const SIZE = 200;

function coll() {
  return mongo.current.db().collection<Doc>("orders");
}

beforeAll(async () => {
  await coll().insertMany(Array.from({ length: SIZE }, (_, i) => ({ _id: i, status: i % 10 === 0 ? "open" : "closed", total: i, region: `r${i % 4}` })));
  await coll().createIndex({ status: 1 });
});

/** The stage names of a plan tree, top down. */
function stages(plan: Doc): string[] {
  const out: string[] = [];
  for (let s = plan; s; s = s.inputStage) out.push(s.stage);
  return out;
}

test("an indexed equality is FETCH over IXSCAN, with keysExamined equal to the matches (Explain Results)", async () => {
  const explained = await coll().find({ status: "open" }).explain("executionStats");
  expect(explained.explainVersion).toBe("1");
  expect(explained.queryPlanner.namespace).toBe(`${mongo.current.db().databaseName}.orders`);
  expect(stages(explained.queryPlanner.winningPlan)).toEqual(["FETCH", "IXSCAN"]);
  const ixscan = explained.queryPlanner.winningPlan.inputStage;
  expect(ixscan).toMatchObject({ indexName: "status_1", keyPattern: { status: 1 }, direction: "forward", indexBounds: { status: ['["open", "open"]'] } });
  const matches = SIZE / 10;
  expect(explained.executionStats).toMatchObject({ executionSuccess: true, nReturned: matches, totalKeysExamined: matches, totalDocsExamined: matches });
  expect(typeof explained.executionStats.executionTimeMillis).toBe("number");
  expect(stages(explained.executionStats.executionStages)).toEqual(["FETCH", "IXSCAN"]);
  expect(explained.executionStats.executionStages.inputStage).toMatchObject({ keysExamined: matches, nReturned: matches });
  expect(explained.serverInfo.version).toStartWith("7.0");
});

test("an unindexed filter is a COLLSCAN that examines every document", async () => {
  const explained = await coll().find({ region: "r1" }).explain("executionStats");
  expect(stages(explained.queryPlanner.winningPlan)).toEqual(["COLLSCAN"]);
  expect(explained.queryPlanner.winningPlan.filter).toEqual({ region: "r1" });
  expect(explained.executionStats).toMatchObject({ nReturned: SIZE / 4, totalKeysExamined: 0, totalDocsExamined: SIZE });
});

test("sort, skip, limit and projection appear as SORT, SKIP, LIMIT and PROJECTION stages", async () => {
  const sorted = await coll().find({ region: "r2" }).sort({ total: -1 }).limit(3).project({ total: 1 }).explain("executionStats");
  expect(stages(sorted.queryPlanner.winningPlan)).toEqual(["PROJECTION_SIMPLE", "SORT", "COLLSCAN"]);
  expect(sorted.queryPlanner.winningPlan.inputStage).toMatchObject({ sortPattern: { total: -1 }, limitAmount: 3 });
  expect(sorted.executionStats.nReturned).toBe(3);
  // The index gives the order: no SORT stage, and the limit stops the scan early.
  const byIndex = await coll().find({}).sort({ status: 1 }).skip(2).limit(5).explain("executionStats");
  expect(stages(byIndex.queryPlanner.winningPlan)).toEqual(["LIMIT", "SKIP", "FETCH", "IXSCAN"]);
  expect(byIndex.executionStats.nReturned).toBe(5);
  expect(byIndex.executionStats.totalKeysExamined).toBe(7);
});

test("verbosity: queryPlanner omits executionStats; allPlansExecution (the default) adds allPlansExecution", async () => {
  const planner = await coll().find({ status: "open" }).explain("queryPlanner");
  expect(planner.queryPlanner.winningPlan.stage).toBe("FETCH");
  expect(planner.executionStats).toBeUndefined();
  const all = await mongo.current.db().command({ explain: { find: "orders", filter: { status: "open" } } });
  expect(all.executionStats.allPlansExecution).toEqual([]);
  const bad = await serverError(mongo.current.db().command({ explain: { find: "orders" }, verbosity: "everything" }));
  expect(bad.code).toBe(9);
  expect((await serverError(mongo.current.db().command({ explain: { insert: "orders", documents: [{}] } }))).code).toBe(59);
});

test("aggregate: a pushed-down $match shows the index in $cursor; later stages list their nReturned", async () => {
  const explained = await coll()
    .aggregate([{ $match: { status: "open" } }, { $group: { _id: "$region", n: { $sum: 1 } } }])
    .explain("executionStats");
  const cursor = explained.stages[0].$cursor;
  expect(stages(cursor.queryPlanner.winningPlan)).toEqual(["FETCH", "IXSCAN"]);
  expect(cursor.executionStats.totalKeysExamined).toBe(SIZE / 10);
  // Open orders are every tenth one: regions r0 and r2 only.
  expect(explained.stages[1]).toMatchObject({ $group: { _id: "$region" }, nReturned: 2 });
  // A pipeline the find layer serves whole is explained like a find; `explain: true` answers queryPlanner.
  const whole = await mongo.current.db().command({ aggregate: "orders", pipeline: [{ $match: { region: "r0" } }], explain: true });
  expect(whole.queryPlanner.winningPlan.stage).toBe("COLLSCAN");
  expect(whole.executionStats).toBeUndefined();
});

test("count, distinct, update and delete explain without writing anything", async () => {
  const db = mongo.current.db();
  const count = await db.command({ explain: { count: "orders", query: { status: "open" } }, verbosity: "executionStats" });
  expect(stages(count.queryPlanner.winningPlan)).toEqual(["COUNT", "FETCH", "IXSCAN"]);
  expect(count.executionStats.executionStages.nCounted).toBe(SIZE / 10);

  const distinct = await db.command({ explain: { distinct: "orders", key: "region", query: { status: "open" } }, verbosity: "queryPlanner" });
  expect(distinct.queryPlanner.winningPlan.inputStage.inputStage.stage).toBe("IXSCAN");

  const update = await db.command({
    explain: { update: "orders", updates: [{ q: { status: "open" }, u: { $set: { flagged: true } }, multi: true }] },
    verbosity: "executionStats",
  });
  expect(stages(update.queryPlanner.winningPlan)).toEqual(["UPDATE", "FETCH", "IXSCAN"]);
  expect(update.executionStats.executionStages).toMatchObject({ nMatched: SIZE / 10, nWouldModify: SIZE / 10 });

  const del = await db.command({ explain: { delete: "orders", deletes: [{ q: { region: "r3" }, limit: 0 }] }, verbosity: "executionStats" });
  expect(stages(del.queryPlanner.winningPlan)).toEqual(["DELETE", "COLLSCAN"]);
  expect(del.executionStats.executionStages.nWouldDelete).toBe(SIZE / 4);

  expect(await coll().countDocuments()).toBe(SIZE);
  expect(await coll().countDocuments({ flagged: true })).toBe(0);
  const twoStatements = db.command({ explain: { delete: "orders", deletes: [{ q: {}, limit: 0 }, { q: {}, limit: 0 }] } });
  expect((await serverError(twoStatements)).code).toBe(16);
});
