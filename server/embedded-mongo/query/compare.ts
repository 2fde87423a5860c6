/**
 * MongoDB's BSON comparison order, shared by the matcher (range operators), the engine (sort, index keys)
 * and the command layer (aggregation sorts).
 *
 * Canonical type order: MinKey < null/undefined/missing < numbers < strings/symbols < objects < arrays <
 * BinData < ObjectId < bool < Date < Timestamp < RegExp < MaxKey. Numbers of every BSON flavour (int, double,
 * Long, Decimal128) compare numerically; NaN sorts below every other number and equals itself.
 */
import type { Binary, Decimal128, Long, ObjectId, Timestamp } from "bson";

export const TypeRank = {
  MinKey: 0,
  EmptyArraySortKey: 1,
  Null: 2,
  Number: 3,
  String: 4,
  Object: 5,
  Array: 6,
  BinData: 7,
  ObjectId: 8,
  Boolean: 9,
  Date: 10,
  Timestamp: 11,
  RegExp: 12,
  Code: 13,
  MaxKey: 14,
} as const;

export type TypeRankValue = (typeof TypeRank)[keyof typeof TypeRank];

/** `bson` classes carry `_bsontype`; reading it is much cheaper than instanceof chains across realms. */
export function bsonTypeOf(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === "string" ? tag : undefined;
}

export function typeRank(value: unknown): TypeRankValue {
  switch (typeof value) {
    case "undefined":
      return TypeRank.Null;
    case "number":
    case "bigint":
      return TypeRank.Number;
    case "string":
      return TypeRank.String;
    case "boolean":
      return TypeRank.Boolean;
    case "function":
      return TypeRank.Code;
    case "symbol":
      return TypeRank.String;
  }
  if (value === null) return TypeRank.Null;
  if (Array.isArray(value)) return TypeRank.Array;
  if (value instanceof Date) return TypeRank.Date;
  if (value instanceof RegExp) return TypeRank.RegExp;
  switch (bsonTypeOf(value)) {
    case undefined:
      if (value instanceof Uint8Array) return TypeRank.BinData;
      return TypeRank.Object;
    case "ObjectId":
      return TypeRank.ObjectId;
    case "Decimal128":
    case "Long":
    case "Int32":
    case "Double":
      return TypeRank.Number;
    case "Binary":
      return TypeRank.BinData;
    case "Timestamp":
      return TypeRank.Timestamp;
    case "MinKey":
      return TypeRank.MinKey;
    case "MaxKey":
      return TypeRank.MaxKey;
    case "BSONRegExp":
      return TypeRank.RegExp;
    case "BSONSymbol":
      return TypeRank.String;
    case "Code":
      return TypeRank.Code;
    default:
      // DBRef and anything unknown compare as embedded documents.
      return TypeRank.Object;
  }
}

const cmp = (a: number | bigint | string, b: number | bigint | string): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

/** A number-like BSON value as a JS number or (for exact 64-bit integers) a bigint. */
export function numericValue(value: unknown): number | bigint {
  if (typeof value === "number" || typeof value === "bigint") return value;
  switch (bsonTypeOf(value)) {
    case "Long":
      return (value as Long).toBigInt();
    case "Decimal128":
      return decimalToNumber(value as Decimal128);
    case "Int32":
    case "Double":
      return (value as { value: number }).value;
  }
  return Number.NaN;
}

export function decimalToNumber(value: Decimal128): number {
  const text = value.toString();
  if (text === "NaN" || text === "-NaN") return Number.NaN;
  return Number(text);
}

function compareNumbers(a: unknown, b: unknown): -1 | 0 | 1 {
  const x = numericValue(a);
  const y = numericValue(b);
  const xNaN = typeof x === "number" && Number.isNaN(x);
  const yNaN = typeof y === "number" && Number.isNaN(y);
  if (xNaN || yNaN) return xNaN && yNaN ? 0 : xNaN ? -1 : 1;
  if (typeof x === typeof y) return cmp(x, y);
  // Mixed bigint/number: compare exactly when the number is an integer, else as doubles.
  if (typeof x === "bigint" && Number.isInteger(y)) return cmp(x, BigInt(y));
  if (typeof y === "bigint" && Number.isInteger(x)) return cmp(BigInt(x), y);
  return cmp(Number(x), Number(y));
}

export function binaryBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  const binary = value as Binary;
  return binary.buffer.subarray(0, binary.position);
}

function binarySubtype(value: unknown): number {
  return value instanceof Uint8Array ? 0 : (value as Binary).sub_type;
}

function compareBytes(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return cmp(a.length, b.length);
}

/** A string comparison: binary (code unit) by default, or an Intl.Collator for a collation. */
export type StringComparator = (a: string, b: string) => number;

const binaryStringCompare: StringComparator = (a, b) => cmp(a, b);

const collatorCache = new Map<string, StringComparator>();

/**
 * Maps a MongoDB collation document to a string comparator. `undefined`, `{}` and `{ locale: "simple" }`
 * mean binary comparison. Supports locale, strength (1 base, 2 accents, 3+ case), caseLevel, caseFirst and
 * numericOrdering.
 */
export function collationComparator(collation: Record<string, unknown> | undefined): StringComparator {
  if (!collation || collation.locale === undefined || collation.locale === "simple") return binaryStringCompare;
  const key = JSON.stringify(collation);
  const cached = collatorCache.get(key);
  if (cached) return cached;
  const strength = typeof collation.strength === "number" ? collation.strength : 3;
  const sensitivity: Intl.CollatorOptions["sensitivity"] =
    strength === 1 ? (collation.caseLevel ? "case" : "base") : strength === 2 ? "accent" : "variant";
  let collator: Intl.Collator;
  try {
    collator = new Intl.Collator(String(collation.locale), {
      sensitivity,
      numeric: collation.numericOrdering === true,
      caseFirst: collation.caseFirst === "upper" || collation.caseFirst === "lower" ? collation.caseFirst : undefined,
      usage: "sort",
    });
  } catch {
    collator = new Intl.Collator("en", { sensitivity });
  }
  const compare: StringComparator = (a, b) => collator.compare(a, b);
  collatorCache.set(key, compare);
  return compare;
}

export function isSimpleCollation(collation: Record<string, unknown> | undefined): boolean {
  return !collation || collation.locale === undefined || collation.locale === "simple";
}

function stringOf(value: unknown): string {
  return typeof value === "string" ? value : String((value as { value?: unknown }).value ?? value);
}

/** Total order on BSON values as MongoDB defines it (arrays compare element by element, not as sort keys). */
export function compareValues(a: unknown, b: unknown, strings: StringComparator = binaryStringCompare): number {
  if (a === b) return 0;
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case TypeRank.MinKey:
    case TypeRank.MaxKey:
    case TypeRank.Null:
      return 0;
    case TypeRank.Number:
      if (typeof a === "number" && typeof b === "number" && !Number.isNaN(a) && !Number.isNaN(b)) return cmp(a, b);
      return compareNumbers(a, b);
    case TypeRank.String: {
      const d = strings(stringOf(a), stringOf(b));
      return d < 0 ? -1 : d > 0 ? 1 : 0;
    }
    case TypeRank.Object:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>, strings);
    case TypeRank.Array: {
      const xs = a as unknown[];
      const ys = b as unknown[];
      const n = Math.min(xs.length, ys.length);
      for (let i = 0; i < n; i++) {
        const d = compareValues(xs[i], ys[i], strings);
        if (d !== 0) return d;
      }
      return cmp(xs.length, ys.length);
    }
    case TypeRank.BinData: {
      const x = binaryBytes(a);
      const y = binaryBytes(b);
      if (x.length !== y.length) return cmp(x.length, y.length);
      const st = cmp(binarySubtype(a), binarySubtype(b));
      return st !== 0 ? st : compareBytes(x, y);
    }
    case TypeRank.ObjectId:
      return compareBytes((a as ObjectId).id, (b as ObjectId).id);
    case TypeRank.Boolean:
      return cmp(a ? 1 : 0, b ? 1 : 0);
    case TypeRank.Date:
      return compareNumbers((a as Date).getTime(), (b as Date).getTime());
    case TypeRank.Timestamp: {
      const x = a as Timestamp;
      const y = b as Timestamp;
      return cmp(x.t, y.t) || cmp(x.i, y.i);
    }
    case TypeRank.RegExp: {
      const [sa, fa] = regexParts(a);
      const [sb, fb] = regexParts(b);
      return cmp(sa, sb) || cmp(fa, fb);
    }
    default:
      return cmp(String(a), String(b));
  }
}

function regexParts(value: unknown): [string, string] {
  if (value instanceof RegExp) return [value.source, value.flags];
  const r = value as { pattern: string; options: string };
  return [r.pattern, r.options];
}

function compareObjects(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  strings: StringComparator,
): number {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const n = Math.min(ka.length, kb.length);
  for (let i = 0; i < n; i++) {
    const fa = ka[i] as string;
    const fb = kb[i] as string;
    const va = a[fa];
    const vb = b[fb];
    const tr = cmp(typeRank(va), typeRank(vb));
    if (tr !== 0) return tr;
    const fn = cmp(fa, fb);
    if (fn !== 0) return fn;
    const d = compareValues(va, vb, strings);
    if (d !== 0) return d;
  }
  return cmp(ka.length, kb.length);
}

/** BSON equality as `$eq` sees it: 1 == 1.0 == Long(1) == Decimal128("1"), field order matters in documents. */
export function valuesEqual(a: unknown, b: unknown, strings: StringComparator = binaryStringCompare): boolean {
  if (a === b) return true;
  if (typeRank(a) !== typeRank(b)) return false;
  // null and undefined are the same canonical type but MongoDB's $eq only equates them via missing fields.
  return compareValues(a, b, strings) === 0;
}

// ---- sort -------------------------------------------------------------------------------------------------

/**
 * The values reachable at `path`, descending into arrays the way MongoDB sort keys do: an array on the path
 * contributes each element. Returns `undefined` when nothing is there.
 */
export function valuesAtPath(doc: unknown, path: string): unknown {
  const parts = path.split(".");
  return walk(doc, parts, 0);
}

function walk(value: unknown, parts: string[], i: number): unknown {
  if (i === parts.length) return value;
  if (value === null || typeof value !== "object") return undefined;
  const part = parts[i] as string;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part)) {
      const direct = walk(value[Number(part)], parts, i + 1);
      if (direct !== undefined) return direct;
    }
    const out: unknown[] = [];
    for (const item of value) {
      if (item === null || typeof item !== "object" || Array.isArray(item)) continue;
      const v = walk(item, parts, i);
      if (v === undefined) continue;
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return out.length === 0 ? undefined : out;
  }
  if (bsonTypeOf(value) !== undefined || value instanceof Date || value instanceof RegExp) return undefined;
  return walk(Object.hasOwn(value as object, part) ? (value as Record<string, unknown>)[part] : undefined, parts, i + 1);
}

/** Sort key of one field: arrays sort by their smallest (ascending) or largest (descending) element. */
export function sortKey(value: unknown, direction: 1 | -1, strings: StringComparator = binaryStringCompare): unknown {
  if (!Array.isArray(value)) return value;
  if (value.length === 0) return EMPTY_ARRAY_SORT_KEY;
  let best = value[0];
  for (let i = 1; i < value.length; i++) {
    const d = compareValues(value[i], best, strings);
    if (direction === 1 ? d < 0 : d > 0) best = value[i];
  }
  return best;
}

/** An empty array sorts before null/missing, like MongoDB. */
const EMPTY_ARRAY_SORT_KEY = { _bsontype: "MinKey" } as const;

export type DocumentComparator = (a: Record<string, unknown>, b: Record<string, unknown>) => number;

/**
 * Comparator for a MongoDB sort document (`{ a: 1, "b.c": -1 }`). `$meta` sorts are ignored here (the command
 * layer handles text scores). Stable sorting (Array.prototype.sort) keeps ties in input order.
 */
export function compileSort(
  spec: Record<string, unknown>,
  collation?: Record<string, unknown>,
): DocumentComparator {
  const strings = collationComparator(collation);
  const fields: Array<[string, 1 | -1]> = [];
  for (const [path, dir] of Object.entries(spec)) {
    if (dir !== null && typeof dir === "object") continue;
    fields.push([path, Number(dir) < 0 ? -1 : 1]);
  }
  return (a, b) => {
    for (const [path, dir] of fields) {
      const va = sortKey(valuesAtPath(a, path), dir, strings);
      const vb = sortKey(valuesAtPath(b, path), dir, strings);
      const d = compareValues(va, vb, strings);
      if (d !== 0) return dir === 1 ? d : -d;
    }
    return 0;
  };
}

/** Sorts a copy of `docs`, precomputing sort keys once per document. */
export function sortDocuments<T extends Record<string, unknown>>(
  docs: T[],
  spec: Record<string, unknown>,
  collation?: Record<string, unknown>,
): T[] {
  const strings = collationComparator(collation);
  const fields: Array<[string, 1 | -1]> = [];
  for (const [path, dir] of Object.entries(spec)) {
    if (dir !== null && typeof dir === "object") continue;
    fields.push([path, Number(dir) < 0 ? -1 : 1]);
  }
  if (fields.length === 0) return docs.slice();
  const keyed = docs.map((doc, i) => ({
    doc,
    i,
    keys: fields.map(([path, dir]) => sortKey(valuesAtPath(doc, path), dir, strings)),
  }));
  keyed.sort((x, y) => {
    for (let f = 0; f < fields.length; f++) {
      const d = compareValues(x.keys[f], y.keys[f], strings);
      if (d !== 0) return (fields[f] as [string, 1 | -1])[1] === 1 ? d : -d;
    }
    return x.i - y.i;
  });
  return keyed.map((k) => k.doc);
}

/** MongoDB's name for a value's type in error messages ("missing", "null", "int", "double", "objectId"...). */
export function typeNameOf(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) <= 0x7fffffff ? "int" : "double";
  if (typeof v === "bigint") return "long";
  if (Array.isArray(v)) return "array";
  if (v instanceof Date) return "date";
  if (v instanceof RegExp) return "regex";
  const tag = bsonTypeOf(v);
  if (tag === "Int32") return "int";
  if (tag === "Decimal128") return "decimal";
  if (tag === "BSONRegExp") return "regex";
  return tag ? tag.charAt(0).toLowerCase() + tag.slice(1) : "object";
}
