/**
 * Chooses how a find runs: which index (if any), which key intervals to scan, and whether the index order
 * already is the requested sort. The matcher always re-checks every fetched document, so bounds only need to
 * be a superset of the matches; they must never miss one.
 */
import { MongoCommandError } from "../errors";
import { bsonTypeOf, compareValues, TypeRank, typeRank, valuesEqual } from "../query/compare";
import { concatBytes, encodeValue, prefixSuccessor, typeHigh, typeLow } from "./keys";
import type { Document, SortSpec } from "./types";

export interface PlannableIndex {
  name: string;
  fields: { path: string; direction: 1 | -1 }[];
  key: Record<string, unknown>;
  unique: boolean;
  sparse: boolean;
  partialFilterExpression?: Document;
  multikey: boolean;
}

export interface Interval {
  lo: Uint8Array | null;
  hi: Uint8Array | null;
}

export interface Plan {
  stage: "COLLSCAN" | "IXSCAN";
  index?: PlannableIndex;
  /** Intervals in scan order; a single `{lo:null,hi:null}` is the whole index. */
  intervals: Interval[];
  /** 1 = ascending key (or natural) order, -1 = descending. */
  direction: 1 | -1;
  /** The scan yields documents already in the requested sort order. */
  providesSort: boolean;
}

type Condition =
  | { kind: "points"; values: unknown[] }
  | { kind: "range"; lo?: { value: unknown; inclusive: boolean }; hi?: { value: unknown; inclusive: boolean } };

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v) || v instanceof Date || v instanceof RegExp) return false;
  if (bsonTypeOf(v) !== undefined) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith("$"));
}

/** Values an index point lookup can serve: not arrays (whole-array equality), regexes or Min/MaxKey. */
function isPointValue(v: unknown): boolean {
  if (v === undefined || Array.isArray(v) || v instanceof RegExp) return false;
  const tag = bsonTypeOf(v);
  if (tag === "BSONRegExp" || tag === "MinKey" || tag === "MaxKey") return false;
  if (v !== null && typeof v === "object" && !(v instanceof Date) && tag === undefined) {
    // Embedded documents: usable as long as they contain no operator-looking keys.
    return !Object.keys(v).some((k) => k.startsWith("$"));
  }
  return true;
}

function containsString(v: unknown): boolean {
  if (typeof v === "string") return true;
  if (v === null || typeof v !== "object" || bsonTypeOf(v) !== undefined || v instanceof Date) return false;
  return Object.values(v as object).some(containsString);
}

function conditionOf(value: unknown): Condition | undefined {
  if (!isOperatorObject(value)) return isPointValue(value) ? { kind: "points", values: [value] } : undefined;
  if ("$eq" in value) return isPointValue(value.$eq) ? { kind: "points", values: [value.$eq] } : undefined;
  if ("$in" in value) {
    const list = value.$in;
    if (!Array.isArray(list) || !list.every(isPointValue)) return undefined;
    return { kind: "points", values: list };
  }
  const range: Extract<Condition, { kind: "range" }> = { kind: "range" };
  for (const [op, operand] of Object.entries(value)) {
    if (!isPointValue(operand) || (operand !== null && typeof operand === "object" && !(operand instanceof Date) && bsonTypeOf(operand) === undefined)) continue;
    if (op === "$gt" || op === "$gte") {
      if (!range.lo || compareValues(operand, range.lo.value) > 0) range.lo = { value: operand, inclusive: op === "$gte" };
    } else if (op === "$lt" || op === "$lte") {
      if (!range.hi || compareValues(operand, range.hi.value) < 0) range.hi = { value: operand, inclusive: op === "$lte" };
    }
  }
  return range.lo || range.hi ? range : undefined;
}

/** Top-level field conditions, including those inside a top-level $and. */
export function extractConditions(filter: Document, out = new Map<string, Condition>()): Map<string, Condition> {
  for (const [key, value] of Object.entries(filter)) {
    if (key === "$and" && Array.isArray(value)) {
      for (const sub of value) if (sub && typeof sub === "object") extractConditions(sub as Document, out);
      continue;
    }
    if (key.startsWith("$") || out.has(key)) continue;
    const cond = conditionOf(value);
    if (cond) out.set(key, cond);
  }
  return out;
}

interface Bounds {
  intervals: Interval[];
  /** Number of leading fields constrained to points, and whether a range followed. */
  pointFields: number;
  hasRange: boolean;
  /** Each point field had exactly one value (so key order within the scan is the next fields' order). */
  singlePoint: boolean;
  includesNull: boolean;
}

function rangeInterval(cond: Extract<Condition, { kind: "range" }>, multikey: boolean): { lo: Uint8Array; hi: Uint8Array; includesNull: boolean } | undefined {
  let { lo, hi } = cond;
  // A multikey field can satisfy each side with a different element: only one side may bound the scan.
  if (multikey && lo && hi) hi = undefined;
  const rank = typeRank(lo ? lo.value : hi?.value);
  if (lo && hi && typeRank(hi.value) !== rank) return undefined;
  const loBytes = lo ? (lo.inclusive ? encodeValue(lo.value) : prefixSuccessor(encodeValue(lo.value))) : typeLow(rank);
  const hiBytes = hi ? (hi.inclusive ? prefixSuccessor(encodeValue(hi.value)) : encodeValue(hi.value)) : typeHigh(rank);
  return { lo: loBytes, hi: hiBytes, includesNull: rank === TypeRank.Null };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

function boundsFor(index: PlannableIndex, conds: Map<string, Condition>, simpleCollation: boolean): Bounds {
  let prefixes: Uint8Array[] = [new Uint8Array(0)];
  let pointFields = 0;
  let singlePoint = true;
  let includesNull = false;
  for (const field of index.fields) {
    const cond = conds.get(field.path);
    if (!cond) break;
    if (cond.kind === "points") {
      if (!simpleCollation && cond.values.some(containsString)) break;
      const encoded = new Map<string, Uint8Array>();
      for (const v of cond.values) {
        if (v === null) includesNull = true;
        const e = encodeValue(v);
        encoded.set(Buffer.from(e).toString("latin1"), e);
      }
      const values = [...encoded.values()].sort(compareBytes);
      if (values.length === 0) return { intervals: [], pointFields: pointFields + 1, hasRange: false, singlePoint, includesNull };
      if (values.length > 1) singlePoint = false;
      const next: Uint8Array[] = [];
      for (const p of prefixes) for (const v of values) next.push(concatBytes(p, v));
      prefixes = next;
      pointFields++;
      continue;
    }
    if (!simpleCollation && (containsString(cond.lo?.value) || containsString(cond.hi?.value))) break;
    const r = rangeInterval(cond, index.multikey);
    if (!r) break;
    if (r.includesNull) includesNull = true;
    const intervals = compareBytes(r.lo, r.hi) >= 0 ? [] : prefixes.map((p) => ({ lo: concatBytes(p, r.lo), hi: concatBytes(p, r.hi) }));
    return { intervals, pointFields, hasRange: true, singlePoint, includesNull };
  }
  if (pointFields === 0) return { intervals: [{ lo: null, hi: null }], pointFields: 0, hasRange: false, singlePoint: true, includesNull: true };
  return {
    intervals: prefixes.map((p) => ({ lo: p, hi: prefixSuccessor(p) })),
    pointFields,
    hasRange: false,
    singlePoint,
    includesNull,
  };
}

/** Partial indexes only answer queries that imply their filter; we recognise the common, exact cases. */
function impliesPartialFilter(filter: Document, conds: Map<string, Condition>, partial: Document): boolean {
  for (const [path, want] of Object.entries(partial)) {
    if (path.startsWith("$")) return false;
    const have = Object.hasOwn(filter, path) ? filter[path] : undefined;
    if (have !== undefined && valuesEqual(have, want)) continue;
    if (isOperatorObject(want) && Object.keys(want).length === 1 && want.$exists === true) {
      const cond = conds.get(path);
      if (cond?.kind === "points" && cond.values.every((v) => v !== null)) continue;
      if (cond?.kind === "range" && typeRank(cond.lo?.value ?? cond.hi?.value) !== TypeRank.Null) continue;
    }
    return false;
  }
  return true;
}

/** The sort fields, or undefined when the sort has $meta parts. */
function sortFields(sort: SortSpec | undefined): { path: string; direction: 1 | -1 }[] | undefined {
  if (!sort) return [];
  const out: { path: string; direction: 1 | -1 }[] = [];
  for (const [path, dir] of Object.entries(sort)) {
    if (dir !== null && typeof dir === "object") return undefined;
    out.push({ path, direction: Number(dir) < 0 ? -1 : 1 });
  }
  return out;
}

/**
 * Physical key order is ascending on every field (descending index fields are stored ascending), so an index
 * serves a sort whose fields follow its point prefix with one uniform direction.
 */
function sortDirection(index: PlannableIndex, bounds: Bounds, sort: { path: string; direction: 1 | -1 }[]): 1 | -1 | undefined {
  if (sort.length === 0 || index.multikey || !bounds.singlePoint || bounds.intervals.length > 1) return undefined;
  const dir = sort[0]?.direction ?? 1;
  let i = bounds.pointFields;
  for (const s of sort) {
    if (s.direction !== dir) return undefined;
    const field = index.fields[i];
    if (!field || field.path !== s.path) return undefined;
    i++;
  }
  return dir;
}

export function findIndexForHint(indexes: PlannableIndex[], hint: string | Document): PlannableIndex | undefined {
  if (typeof hint === "string") return indexes.find((i) => i.name === hint);
  const wanted = Object.entries(hint);
  return indexes.find((i) => {
    const have = Object.entries(i.key);
    return have.length === wanted.length && have.every(([k, v], n) => wanted[n]?.[0] === k && Number(wanted[n]?.[1]) === Number(v));
  });
}

export function planQuery(
  indexes: PlannableIndex[],
  filter: Document,
  options: { sort?: SortSpec; hint?: string | Document; collation?: Document },
): Plan {
  const collscan = (direction: 1 | -1 = 1): Plan => ({ stage: "COLLSCAN", intervals: [], direction, providesSort: false });
  const simpleCollation = !options.collation || options.collation.locale === undefined || options.collation.locale === "simple";
  const conds = extractConditions(filter);
  const sort = sortFields(options.sort);

  if (options.hint !== undefined && options.hint !== null) {
    const hint = options.hint;
    if (typeof hint === "object" && "$natural" in hint) return collscan(Number(hint.$natural) < 0 ? -1 : 1);
    const index = findIndexForHint(indexes, hint as string | Document);
    if (!index) {
      throw new MongoCommandError("BadValue", "error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index");
    }
    const bounds = boundsFor(index, conds, simpleCollation);
    const dir = sort ? sortDirection(index, bounds, sort) : undefined;
    return { stage: "IXSCAN", index, intervals: bounds.intervals, direction: dir ?? 1, providesSort: dir !== undefined };
  }

  let best: { index: PlannableIndex; bounds: Bounds; score: number } | undefined;
  for (const index of indexes) {
    if (index.partialFilterExpression && !impliesPartialFilter(filter, conds, index.partialFilterExpression)) continue;
    const bounds = boundsFor(index, conds, simpleCollation);
    if (bounds.pointFields === 0 && !bounds.hasRange) continue;
    if (index.sparse && bounds.includesNull) continue;
    let score = bounds.pointFields * 10 + (bounds.hasRange ? 5 : 0);
    if (index.unique && bounds.pointFields === index.fields.length && bounds.singlePoint) score += 100;
    if (sort && sortDirection(index, bounds, sort) !== undefined) score += 3;
    score -= index.fields.length * 0.01;
    if (!best || score > best.score) best = { index, bounds, score };
  }
  if (best) {
    const dir = sort ? sortDirection(best.index, best.bounds, sort) : undefined;
    return { stage: "IXSCAN", index: best.index, intervals: best.bounds.intervals, direction: dir ?? 1, providesSort: dir !== undefined };
  }

  // No filter bounds: an index can still spare a sort (and let a limit stop early).
  if (sort && sort.length > 0) {
    for (const index of indexes) {
      if (index.sparse || index.partialFilterExpression) continue;
      const bounds = boundsFor(index, new Map(), simpleCollation);
      const dir = sortDirection(index, bounds, sort);
      if (dir !== undefined && simpleCollation) {
        return { stage: "IXSCAN", index, intervals: bounds.intervals, direction: dir, providesSort: true };
      }
    }
  }
  return collscan();
}

/**
 * Whether every document the plan fetches matches `filter`, so the matcher need not see it: the filter is only
 * equalities on the index's leading top-level fields, with values whose index key is equal exactly when the
 * values are (strings under simple collation, ObjectIds, booleans; not numbers, whose keys are doubles and
 * approximate Longs and Decimal128s, nor null, which also matches missing fields). Keys are prefix-free, so
 * a key within a point prefix's interval has exactly those leading values.
 */
export function boundsImplyFilter(plan: Plan, filter: Document, collation: Document | undefined): boolean {
  const index = plan.index;
  if (plan.stage !== "IXSCAN" || !index) return false;
  if (collation && collation.locale !== undefined && collation.locale !== "simple") return false;
  const keys = Object.keys(filter);
  if (keys.length === 0 || keys.length > index.fields.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const path = (index.fields[i] as { path: string }).path;
    if (path.includes(".") || !Object.hasOwn(filter, path) || !isExactEquality(filter[path])) return false;
  }
  return true;
}

function isExactEquality(value: unknown): boolean {
  if (isExactKeyValue(value)) return true;
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const ops = Object.keys(value);
  if (ops.length !== 1) return false;
  const operand = (value as Record<string, unknown>)[ops[0] as string];
  if (ops[0] === "$eq") return isExactKeyValue(operand);
  if (ops[0] === "$in") return Array.isArray(operand) && operand.every(isExactKeyValue);
  return false;
}

function isExactKeyValue(value: unknown): boolean {
  if (typeof value === "string") return !LONE_SURROGATE.test(value);
  return typeof value === "boolean" || bsonTypeOf(value) === "ObjectId";
}

/** Keys hold UTF-8, which turns a lone surrogate into U+FFFD: such strings would share a key with others. */
const LONE_SURROGATE = /\p{Cs}/u;
