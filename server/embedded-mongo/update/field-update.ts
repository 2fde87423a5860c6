/**
 * The common update without mingo: `$set`, `$unset` and `$inc` on top-level or dotted paths through plain
 * sub-documents. mingo's updater costs 10-20 µs for a single `$inc` (it clones the whole document and builds
 * its operator context); this applies the same change directly. Anything else returns undefined and goes to
 * mingo: other operators, positional or array-index paths, paths through arrays, Decimal128 `$inc`. It also
 * does the int64 arithmetic mingo's `$inc` lacks. Type errors (a path through a scalar, `$inc` of a string) are raised before
 * this runs, by the checks every operator update gets.
 */
import { BSON, Long, type Document } from "bson";
import { MongoCommandError } from "../errors";
import { copyExact } from "../bson-numbers";
import { isPlainObject } from "../command-helpers/documents";
import { PROTOTYPE_NAMES } from "../query/prototype-names";
import { isPositionalPart } from "./positional";

const FIELD_OPERATORS = new Set(["$set", "$unset", "$inc"]);

interface Change {
  op: string;
  parts: string[];
  value: unknown;
}

/** Applies `ops` to `doc` in place and returns whether it changed, or undefined when mingo must do it. */
export function applyFieldUpdate(doc: Document, ops: Document): boolean | undefined {
  const changes: Change[] = [];
  for (const [op, arg] of Object.entries(ops)) {
    if (!FIELD_OPERATORS.has(op)) return undefined;
    for (const [path, value] of Object.entries(arg as Document)) {
      const parts = path.split(".");
      if (parts.some((part) => part === "" || isPositionalPart(part) || PROTOTYPE_NAMES.has(part))) return undefined;
      if (op === "$inc" && !isIncrementable(value)) return undefined;
      changes.push({ op, parts, value });
    }
  }
  // Decided before anything is written: every container on every path is a plain object or missing, and
  // every $inc target a number or missing.
  for (const { op, parts } of changes) if (!walkable(doc, parts, op === "$inc")) return undefined;
  // MongoDB (5.0+) applies update paths in field-name order, so new fields appear in that order.
  changes.sort((a, b) => comparePaths(a.parts, b.parts));
  let changed = false;
  for (const change of changes) if (apply(doc, change)) changed = true;
  return changed;
}

function walkable(doc: Document, parts: string[], numericTarget: boolean): boolean {
  let current: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    current = (current as Document)[parts[i]!];
    if (current === undefined) return true;
    if (!isPlainObject(current)) return false;
  }
  const target = (current as Document)[parts[parts.length - 1]!];
  return !numericTarget || target === undefined || isIncrementable(target);
}

/** JS numbers (int32/double, and int64 that fit a double) and Longs; Decimal128 arithmetic is not done here. */
function isIncrementable(value: unknown): value is number | Long {
  return typeof value === "number" || (value as { _bsontype?: string } | null)?._bsontype === "Long";
}

function apply(doc: Document, { op, parts, value }: Change): boolean {
  const last = parts[parts.length - 1]!;
  let parent: Document = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = parent[parts[i]!];
    if (next === undefined) {
      if (op === "$unset") return false;
      const created: Document = {};
      parent[parts[i]!] = created;
      parent = created;
    } else {
      parent = next as Document;
    }
  }
  const existing = parent[last];
  if (op === "$unset") {
    if (!(last in parent)) return false;
    delete parent[last];
    return true;
  }
  if (op === "$inc") {
    if (existing === undefined) {
      parent[last] = value;
      return true;
    }
    const sum = add(existing as number | Long, value as number | Long); // `walkable` vetted the target
    if (sameBson(sum, existing)) return false;
    parent[last] = sum;
    return true;
  }
  if (existing !== undefined && sameBson(existing, value)) return false;
  parent[last] = copyValue(value);
  return true;
}

/** MongoDB's $inc arithmetic: with a Long on either side and no fraction the result is a Long (overflow is refused). */
function add(a: number | Long, b: number | Long): number | Long {
  if (typeof a === "number" && typeof b === "number") return a + b;
  const fraction = (v: number | Long) => typeof v === "number" && !Number.isInteger(v);
  if (fraction(a) || fraction(b)) return Number(a) + Number(b);
  const sum = BigInt(a.toString()) + BigInt(b.toString());
  if (sum > INT64_MAX || sum < INT64_MIN) {
    throw new MongoCommandError("BadValue", `Failed to apply $inc operations to current value (${a.toString()}): int64 overflow`);
  }
  return Long.fromBigInt(sum);
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

function sameBson(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== "object" || b === null || typeof b !== "object") return a === b;
  return Buffer.from(BSON.serialize({ v: a })).equals(BSON.serialize({ v: b }));
}

/** Values from the command are shared by every document a multi-update touches: each gets its own copy. */
function copyValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  return copyExact(value);
}

/** Field-name order; numeric names in numeric order, as MongoDB processes them. */
function comparePaths(a: string[], b: string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const numeric = /^\d+$/.test(x) && /^\d+$/.test(y);
    if (numeric) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
