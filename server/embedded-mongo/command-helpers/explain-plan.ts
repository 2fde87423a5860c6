/**
 * Query plans in MongoDB 7.0's explain shape (manual: "Explain Results"; the classic engine's, which 7.0 uses
 * for plain finds under `trySbeRestricted`): a `winningPlan` tree of stages — COLLSCAN, or FETCH over IXSCAN
 * with `indexBounds`, under SORT/SKIP/LIMIT/PROJECTION_* as the read needs them — and, with
 * `executionStats`, the same tree with the counts the engine measured (`keysExamined`, `docsExamined`,
 * `nReturned`). Built from the engine's own plan (`engine.plan()`), so it shows what the read really does.
 */
import { createHash } from "node:crypto";
import type { Document } from "bson";
import { extractConditions } from "../engine/planner";
import type { FindOptions, QueryPlanInfo } from "../engine/types";
import { bsonTypeOf, compareValues } from "../query/compare";

/** MongoDB's in-memory sort limit (internalQueryMaxBlockingSortMemoryUsageBytes). */
const SORT_MEMORY_LIMIT = 104_857_600;

export interface ReadShape {
  filter: Document;
  options: FindOptions;
  projection?: Document;
}

export interface ExplainedRead {
  /** queryPlanner.winningPlan */
  winningPlan: Document;
  /** executionStats.executionStages */
  executionStages: Document;
  info: QueryPlanInfo;
}

/** Prints a bound value as MongoDB's explain does (`"a"`, `5`, `new Date(…)`, `ObjectId('…')`). */
function printValue(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === "boolean") return String(v);
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  const tag = bsonTypeOf(v);
  if (tag === "ObjectId") return `ObjectId('${String(v)}')`;
  if (tag === "MinKey" || tag === "MaxKey") return tag;
  if (tag) return String(v);
  return JSON.stringify(v);
}

/** The open end of a range on the operand's type, as MongoDB brackets types. */
function openEnd(operand: unknown, high: boolean): string {
  if (typeof operand === "number" || ["Int32", "Double", "Long", "Decimal128"].includes(bsonTypeOf(operand) ?? "")) return high ? "inf.0" : "-inf.0";
  if (typeof operand === "string") return high ? "{}" : '""';
  if (operand instanceof Date) return high ? "new Date(9223372036854775807)" : "new Date(-9223372036854775808)";
  return high ? "MaxKey" : "MinKey";
}

function indexBounds(keyPattern: Document, filter: Document, direction: 1 | -1): Document {
  const conditions = extractConditions(filter);
  const bounds: Document = {};
  for (const [path, dir] of Object.entries(keyPattern)) {
    const condition = conditions.get(path);
    const reverse = (Number(dir) < 0) !== (direction < 0);
    let intervals: string[];
    if (!condition) {
      intervals = [reverse ? "[MaxKey, MinKey]" : "[MinKey, MaxKey]"];
    } else if (condition.kind === "points") {
      const values = [...condition.values].sort((a, b) => compareValues(a, b));
      if (reverse) values.reverse();
      intervals = values.map((v) => `[${printValue(v)}, ${printValue(v)}]`);
    } else {
      const operand = condition.lo?.value ?? condition.hi?.value;
      const lo = condition.lo ? printValue(condition.lo.value) : openEnd(operand, false);
      const hi = condition.hi ? printValue(condition.hi.value) : openEnd(operand, true);
      const loBracket = condition.lo && !condition.lo.inclusive ? "(" : "[";
      const hiBracket = condition.hi && !condition.hi.inclusive ? ")" : "]";
      intervals = reverse
        ? [`${hiBracket === ")" ? "(" : "["}${hi}, ${lo}${loBracket === "(" ? ")" : "]"}`]
        : [`${loBracket}${lo}, ${hi}${hiBracket}`];
    }
    bounds[path] = intervals;
  }
  return bounds;
}

const counters = (nReturned: number, works: number) => ({
  nReturned,
  executionTimeMillisEstimate: 0,
  works,
  advanced: nReturned,
  needTime: Math.max(0, works - nReturned - 1),
  needYield: 0,
  saveState: 0,
  restoreState: 0,
  isEOF: 1,
});

function isSimpleProjection(projection: Document): boolean {
  return Object.values(projection).every((v) => typeof v === "boolean" || typeof v === "number");
}

/**
 * The plan tree of one read and, with `info` from the engine, its execution stages. `withStats` false gives
 * the queryPlanner tree only.
 */
export function explainRead(read: ReadShape, info: QueryPlanInfo): ExplainedRead {
  const { filter, options, projection } = read;
  const detail = info.detail ?? { nMatched: 0, nReturned: 0, direction: 1 as const, sortInMemory: false };
  const direction = detail.direction === 1 ? "forward" : "backward";
  const hasFilter = Object.keys(filter).length > 0;

  let plan: Document;
  let stats: Document;
  if (info.stage === "COLLSCAN") {
    plan = { stage: "COLLSCAN", ...(hasFilter ? { filter } : {}), direction };
    stats = { stage: "COLLSCAN", ...(hasFilter ? { filter } : {}), ...counters(detail.nMatched, info.docsExamined + 1), direction, docsExamined: info.docsExamined };
  } else {
    const index = detail.index ?? { keyPattern: {}, multikey: false, unique: false, sparse: false, partial: false };
    const ixscan = {
      stage: "IXSCAN",
      keyPattern: index.keyPattern,
      indexName: info.indexName,
      isMultiKey: index.multikey,
      multiKeyPaths: Object.fromEntries(Object.keys(index.keyPattern).map((path) => [path, []])),
      isUnique: index.unique,
      isSparse: index.sparse,
      isPartial: index.partial,
      indexVersion: 2,
      direction,
      indexBounds: indexBounds(index.keyPattern, filter, detail.direction),
    };
    plan = { stage: "FETCH", inputStage: ixscan };
    stats = {
      stage: "FETCH",
      ...counters(detail.nMatched, info.docsExamined + 1),
      docsExamined: info.docsExamined,
      alreadyHasObj: 0,
      inputStage: { ...ixscan, ...counters(info.keysExamined, info.keysExamined + 1), keysExamined: info.keysExamined, seeks: 1, dupsTested: index.multikey ? info.keysExamined : 0, dupsDropped: 0 },
    };
  }

  const skip = options.skip ?? 0;
  const limit = Math.abs(options.limit ?? 0);
  const wrap = (stage: Document, nReturned: number) => {
    plan = { ...stage, inputStage: plan };
    stats = { ...stage, ...counters(nReturned, nReturned + 1), inputStage: stats };
  };
  if (detail.sortInMemory) {
    const sortStage: Document = { stage: "SORT", sortPattern: options.sort, memLimit: SORT_MEMORY_LIMIT, type: "simple" };
    if (limit > 0) sortStage.limitAmount = skip + limit;
    wrap(sortStage, Math.min(detail.nMatched, limit > 0 ? skip + limit : detail.nMatched));
    if (skip > 0) wrap({ stage: "SKIP", skipAmount: skip }, detail.nReturned);
  } else {
    if (skip > 0) wrap({ stage: "SKIP", skipAmount: skip }, limit > 0 ? detail.nReturned : detail.nReturned);
    if (limit > 0) wrap({ stage: "LIMIT", limitAmount: limit }, detail.nReturned);
  }
  if (projection && Object.keys(projection).length > 0) {
    wrap({ stage: isSimpleProjection(projection) ? "PROJECTION_SIMPLE" : "PROJECTION_DEFAULT", transformBy: projection }, detail.nReturned);
  }
  return { winningPlan: plan, executionStages: stats, info };
}

/** queryPlanner's fixed fields around a winning plan. */
export function queryPlanner(namespace: string, filter: Document, winningPlan: Document): Document {
  const hash = createHash("sha256").update(JSON.stringify(shapeOf(filter))).digest("hex").toUpperCase();
  return {
    namespace,
    indexFilterSet: false,
    parsedQuery: filter,
    queryHash: hash.slice(0, 8),
    planCacheKey: hash.slice(8, 16),
    optimizationTimeMillis: 0,
    maxIndexedOrSolutionsReached: false,
    maxIndexedAndSolutionsReached: false,
    maxScansToExplodeReached: false,
    winningPlan,
    rejectedPlans: [],
  };
}

/** A filter's shape (field names and operators, values dropped): what MongoDB's queryHash hashes. */
function shapeOf(value: unknown): unknown {
  if (value === null || typeof value !== "object" || bsonTypeOf(value) !== undefined || value instanceof Date) return "?";
  if (Array.isArray(value)) return value.map(shapeOf);
  return Object.fromEntries(Object.entries(value as Document).map(([k, v]) => [k, shapeOf(v)]));
}
