/**
 * `$densify` (manual: "$densify (aggregation)"), replacing mingo's, which stopped at the last document
 * (explicit bounds gave 1 document instead of 10) and generated without limit (a wide range grew memory to
 * gigabytes).
 *
 * As MongoDB 7.0 does (document_source_densify.cpp): the input is sorted by the partition fields (not for
 * `"full"`) and the field; documents whose field is null or missing pass through; generated values sit on the
 * grid `start + k * step` (start = the lower bound, the partition's minimum, or the global minimum for "full"),
 * each computed by adding `step` to the previous one; the upper bound of an explicit range is exclusive, the
 * global maximum of "full" inclusive. Generating more than `internalQueryMaxAllowedDensifyDocs` documents
 * (MongoDB's default 500,000; `setParameter` changes it) fails with 5897900 before the next one is built.
 */
import type { Options } from "mingo/types";
import { Lazy } from "mingo/lazy";
import { MongoCommandError } from "../errors";
import { bsonTypeOf, collationComparator, compareValues, numericValue, typeNameOf as typeName, valuesEqual, type StringComparator } from "./compare";

type Doc = Record<string, unknown>;
type Value = number | Date;
type Bounds = "full" | "partition" | [Value, Value];

/** MongoDB's default internalQueryMaxAllowedDensifyDocs. */
export const DEFAULT_MAX_DENSIFY_DOCS = 500_000;

const TIME_UNITS = ["millisecond", "second", "minute", "hour", "day", "week", "month", "quarter", "year"] as const;
type TimeUnit = (typeof TIME_UNITS)[number];
const FIXED_UNIT_MS: Partial<Record<TimeUnit, number>> = {
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};
const MONTHS: Partial<Record<TimeUnit, number>> = { month: 1, quarter: 3, year: 12 };

interface DensifySpec {
  field: string;
  partitionByFields: string[];
  step: number;
  unit: TimeUnit | undefined;
  bounds: Bounds;
}

interface Transformable {
  transform(f: (docs: unknown[]) => unknown): unknown;
}

/** The pipeline operator mingo calls; `options.maxDensifyDocs` carries the server's parameter. */
export function $densify(collection: Transformable, expr: unknown, options: Options): unknown {
  const spec = parseSpec(expr);
  const max = (options as unknown as { options?: { maxDensifyDocs?: number } }).options?.maxDensifyDocs ?? DEFAULT_MAX_DENSIFY_DOCS;
  const strings = collationComparator(options.collation as Doc | undefined);
  return collection.transform((docs) => Lazy(densify(docs as Doc[], spec, max, strings)));
}

const isNumeric = (v: unknown): boolean => ["int", "double", "long", "decimal"].includes(typeName(v));
const toNumber = (v: unknown): number => Number(numericValue(v));

function idlError(path: string, problem: "missing" | "unknown" | { found: unknown; expected: string }): MongoCommandError {
  if (problem === "missing") return new MongoCommandError("Location40414", `BSON field '${path}' is missing but a required field`);
  if (problem === "unknown") return new MongoCommandError("Location40415", `BSON field '${path}' is an unknown field.`);
  return new MongoCommandError("TypeMismatch", `BSON field '${path}' is the wrong type '${typeName(problem.found)}', expected type '${problem.expected}'`);
}

function isObject(v: unknown): v is Doc {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) && bsonTypeOf(v) === undefined;
}

function checkFieldPath(path: string): void {
  if (path.length === 0) throw new MongoCommandError("Location40352", "FieldPath cannot be constructed with empty string");
  if (path.startsWith("$")) throw new MongoCommandError("Location16410", `FieldPath field names may not start with '$'. Consider using $getField or $setField.`);
  if (path.split(".").some((part) => part.length === 0)) throw new MongoCommandError("Location15998", "FieldPath field names may not be empty strings.");
}

function parseSpec(expr: unknown): DensifySpec {
  if (!isObject(expr)) {
    throw new MongoCommandError("FailedToParse", `The $densify stage specification must be an object, found ${typeName(expr)}`);
  }
  for (const key of Object.keys(expr)) {
    if (key !== "field" && key !== "partitionByFields" && key !== "range") throw idlError(`$densify.${key}`, "unknown");
  }
  const { field, partitionByFields, range } = expr;
  if (field === undefined) throw idlError("$densify.field", "missing");
  if (typeof field !== "string") throw idlError("$densify.field", { found: field, expected: "string" });
  if (range === undefined) throw idlError("$densify.range", "missing");
  if (!isObject(range)) throw idlError("$densify.range", { found: range, expected: "object" });
  let partitions: string[] = [];
  if (partitionByFields !== undefined) {
    if (!Array.isArray(partitionByFields)) throw idlError("$densify.partitionByFields", { found: partitionByFields, expected: "array" });
    partitionByFields.forEach((p, i) => {
      if (typeof p !== "string") throw idlError(`$densify.partitionByFields.${i}`, { found: p, expected: "string" });
    });
    partitions = partitionByFields as string[];
  }
  for (const key of Object.keys(range)) {
    if (key !== "step" && key !== "unit" && key !== "bounds") throw idlError(`$densify.range.${key}`, "unknown");
  }
  if (range.step === undefined) throw idlError("$densify.range.step", "missing");
  if (range.bounds === undefined) throw idlError("$densify.range.bounds", "missing");
  if (range.unit !== undefined && typeof range.unit !== "string") throw idlError("$densify.range.unit", { found: range.unit, expected: "string" });

  // RangeStatement::parse
  const stepValue = range.step;
  if (!isNumeric(stepValue) || !(toNumber(stepValue) > 0)) {
    throw new MongoCommandError("Location5733401", "The step parameter in a range statement must be a strictly positive numeric value");
  }
  const step = toNumber(stepValue);
  let unit: TimeUnit | undefined;
  if (range.unit !== undefined) {
    if (!Number.isInteger(step)) {
      throw new MongoCommandError("Location6586400", "The step parameter in a range statement must be a whole number when densifying a date range");
    }
    if (!TIME_UNITS.includes(range.unit as TimeUnit)) throw new MongoCommandError("FailedToParse", `unknown time unit value: ${range.unit as string}`);
    unit = range.unit as TimeUnit;
  }
  let bounds: Bounds;
  const b = range.bounds;
  if (Array.isArray(b)) {
    if (b.length !== 2) throw new MongoCommandError("Location5733403", "A bounding array in a range statement must have exactly two elements");
    if (compareValues(b[0], b[1]) > 0) {
      throw new MongoCommandError("Location5733402", "A bounding array must be an ascending array of either two dates or two numbers");
    }
    if (isNumeric(b[0])) {
      if (unit) throw new MongoCommandError("Location5733409", "Numeric bounds may not have unit parameter");
      if (!isNumeric(b[1])) throw new MongoCommandError("Location5733406", "A bounding array must contain either both dates or both numeric types");
      if (typeName(b[0]) !== typeName(b[1]) || typeName(b[0]) !== typeName(stepValue)) {
        throw new MongoCommandError("Location5876900", "Upper bound, lower bound, and step must all have the same type");
      }
      bounds = [toNumber(b[0]), toNumber(b[1])];
    } else if (b[0] instanceof Date) {
      if (!(b[1] instanceof Date)) throw new MongoCommandError("Location5733405", "A bounding array must contain either both dates or both numeric types");
      if (!unit) throw new MongoCommandError("Location5733410", "A bounding array of dates must specify a unit");
      bounds = [b[0], b[1]];
    } else {
      throw new MongoCommandError("Location5946800", "Explicit bounds must be numeric or dates");
    }
  } else if (typeof b === "string") {
    if (b !== "full" && b !== "partition") throw new MongoCommandError("Location5946802", "Bounds string must either be 'full' or 'partition'");
    bounds = b;
  } else {
    throw new MongoCommandError(
      "Location5733404",
      "The bounds in a range statement must be the string 'full', 'partition', or an ascending array of two numbers or two dates",
    );
  }
  for (const p of partitions) checkFieldPath(p);
  checkFieldPath(field);
  if (bounds === "partition" && partitions.length === 0) {
    throw new MongoCommandError(
      "Location5733408",
      "One cannot specify the bounds as 'partition' without specifying a non-empty array of partitionByFields. You may have meant to specify 'full' bounds.",
    );
  }
  return { field, partitionByFields: partitions, step, unit, bounds };
}

/** A path's value without descending into arrays (MongoDB's Document::getNestedField). */
function nested(doc: Doc, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split(".")) {
    if (!isObject(value) || !Object.hasOwn(value, part)) return undefined;
    value = value[part];
  }
  return value;
}

function setNested(doc: Doc, path: string, value: unknown): void {
  const parts = path.split(".");
  let target = doc;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(target, part) ? target[part] : undefined;
    if (Array.isArray(next)) throw new MongoCommandError("Location5733307", "$densify cannot generate fields nested inside arrays");
    if (next !== undefined && !isObject(next)) throw new MongoCommandError("Location5733308", "$densify cannot overwrite non-object values with objects");
    if (next === undefined) Object.defineProperty(target, part, { value: {}, enumerable: true, writable: true, configurable: true });
    target = target[part] as Doc;
  }
  Object.defineProperty(target, parts[parts.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
}

function dateAdd(date: Date, unit: TimeUnit, amount: number): Date {
  const fixed = FIXED_UNIT_MS[unit];
  if (fixed !== undefined) return new Date(date.getTime() + fixed * amount);
  const months = (MONTHS[unit] ?? 1) * amount;
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const out = new Date(date.getTime());
  out.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return out;
}

function densify(input: Doc[], spec: DensifySpec, max: number, strings: StringComparator): Doc[] {
  const { field, partitionByFields, step, unit, bounds } = spec;
  const next = (v: Value): Value => (typeof v === "number" ? v + step : dateAdd(v, unit!, step));
  const less = (a: Value, b: Value) => (typeof a === "number" ? a < (b as number) : a.getTime() < (b as Date).getTime());
  const same = (a: Value, b: Value) => (typeof a === "number" ? a === b : a.getTime() === (b as Date).getTime());

  const sortPaths = bounds === "full" ? [field] : [...partitionByFields, field];
  const keyed = input.map((doc, i) => ({ doc, i, keys: sortPaths.map((p) => nested(doc, p) ?? null) }));
  keyed.sort((x, y) => {
    for (let k = 0; k < sortPaths.length; k++) {
      const d = compareValues(x.keys[k], y.keys[k], strings);
      if (d !== 0) return d;
    }
    return x.i - y.i;
  });

  const out: Doc[] = [];
  let generated = 0;
  // Partitions in order of first appearance, with the next grid value each still has to produce.
  const partitions: Array<{ key: unknown[]; next: Value }> = [];
  const find = (key: unknown[]) => partitions.find((p) => p.key.every((v, i) => (v === undefined ? key[i] === undefined : key[i] !== undefined && valuesEqual(v, key[i], strings))));
  const emit = (value: Value, key: unknown[]) => {
    if (++generated > max) {
      throw new MongoCommandError(
        "Location5897900",
        `Generated ${generated} documents in $densify, which is over the limit of ${max}. Increase the 'internalQueryMaxAllowedDensifyDocs' parameter to allow more generated documents`,
      );
    }
    const doc: Doc = {};
    partitionByFields.forEach((p, i) => {
      if (key[i] !== undefined) setNested(doc, p, key[i]);
    });
    setNested(doc, field, value instanceof Date ? new Date(value.getTime()) : value);
    out.push(doc);
  };
  const [lower, upper] = Array.isArray(bounds) ? bounds : [undefined, undefined];
  // Below the upper bound of an explicit range, at or below the global maximum for "full".
  let globalMin: Value | undefined;
  let globalMax: Value | undefined;
  if (Array.isArray(bounds) && partitionByFields.length === 0) partitions.push({ key: [], next: lower! });

  for (const { doc } of keyed) {
    const raw = nested(doc, field);
    if (raw === null || raw === undefined) {
      out.push(doc);
      continue;
    }
    const value = densifyValue(raw, unit);
    if (bounds === "full") {
      globalMin ??= value;
      globalMax = value;
    }
    const key = partitionByFields.map((p) => nested(doc, p));
    let partition = find(key);
    if (!partition) {
      const start = Array.isArray(bounds) ? lower! : bounds === "full" ? globalMin! : value;
      partition = { key, next: start };
      partitions.push(partition);
    }
    while (less(partition.next, value) && (upper === undefined || less(partition.next, upper))) {
      emit(partition.next, key);
      partition.next = next(partition.next);
    }
    if (same(partition.next, value)) partition.next = next(value);
    out.push(doc);
  }
  for (const partition of partitions) {
    if (upper !== undefined) {
      while (less(partition.next, upper)) {
        emit(partition.next, partition.key);
        partition.next = next(partition.next);
      }
    } else if (bounds === "full" && globalMax !== undefined) {
      while (!less(globalMax, partition.next)) {
        emit(partition.next, partition.key);
        partition.next = next(partition.next);
      }
    }
  }
  return out;
}

function densifyValue(raw: unknown, unit: TimeUnit | undefined): Value {
  if (raw instanceof Date) {
    if (!unit) throw new MongoCommandError("Location6053600", "Encountered date densify value in collection when step does not have a date unit.");
    return raw;
  }
  if (!isNumeric(raw)) throw new MongoCommandError("Location5733201", "Densify field type must be numeric or a date");
  if (unit) throw new MongoCommandError("Location6053600", "Encountered numeric densify value in collection when step has a date unit.");
  return toNumber(raw);
}
