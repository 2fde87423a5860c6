/**
 * Expression operators that can build unbounded values from a small input, capped before they allocate.
 *
 * Aggregation runs synchronously on the one JavaScript thread: `{$range: [0, 1e9]}` or a `$reduce` that
 * doubles a string would otherwise exhaust memory and take every client down with the process. MongoDB caps
 * `$range` (internalQueryMaxRangeBytes, 64 MiB) and strings built by `$concat`/`$replaceAll` (its 64 MiB
 * BufBuilder); it has no such cap for `$concatArrays`/`$map` results in 7.0 (a document is 16 MiB anyway), so
 * we refuse those past 100 MiB, MongoDB's per-stage memory limit.
 */
import { evalExpr } from "mingo/core";
import * as expressionOperators from "mingo/operators/expression";
import type { Options } from "mingo/types";
import { MongoCommandError } from "../errors";
import { bsonTypeOf, typeNameOf as typeName } from "./compare";

type ExpressionOperator = (obj: unknown, expr: unknown, options: Options) => unknown;

/** MongoDB's internalQueryMaxRangeBytes default. */
export const MAX_RANGE_BYTES = 64 * 1024 * 1024;
/** MongoDB's BufBuilder limit, which bounds any string an expression builds. */
export const MAX_STRING_BYTES = 64 * 1024 * 1024;
/** MongoDB's per-stage memory limit, used for arrays an expression builds. */
export const MAX_INTERMEDIATE_BYTES = 100 * 1024 * 1024;
/** sizeof(mongo::Value), what MongoDB counts per `$range` element. */
const VALUE_BYTES = 16;
/** sizeof(std::vector<Value>). */
const VECTOR_BYTES = 24;

const original = expressionOperators as unknown as Record<string, ExpressionOperator>;
const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

function exceeded(what: string, bytes: number): MongoCommandError {
  return new MongoCommandError(
    "ExceededMemoryLimit",
    `${what} would use too much memory (${bytes} bytes) and cannot spill to disk. Memory limit: ${MAX_INTERMEDIATE_BYTES} bytes`,
  );
}

function stringTooLong(bytes: number): MongoCommandError {
  return new MongoCommandError("Location13548", `BufBuilder attempted to grow() to ${bytes} bytes, past the 64MB limit.`);
}

/** A numeric BSON value as a JS number, or undefined for anything else. */
function numericValue(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  switch (bsonTypeOf(v)) {
    case "Int32":
    case "Double":
    case "Long":
      return Number((v as { valueOf(): number | bigint }).valueOf());
    case "Decimal128":
      return Number(String(v));
    default:
      return undefined;
  }
}

function int32Argument(v: unknown, what: string, codes: { numeric: number; integral: number }, article: string): number {
  const n = numericValue(v);
  if (n === undefined) {
    throw new MongoCommandError(`Location${codes.numeric}` as "Location34443", `$range requires a numeric ${what} value, found value of type: ${typeName(v)}`);
  }
  if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) {
    throw new MongoCommandError(
      `Location${codes.integral}` as "Location34444",
      `$range requires ${article} ${what} value that can be represented as a 32-bit integer, found value: ${String(v)}`,
    );
  }
  return n;
}

/** MongoDB's $range, including its check of the memory the result needs before building it. */
const $range: ExpressionOperator = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 3) {
    throw new MongoCommandError(
      "Location16020",
      `Expression $range takes at least 2 arguments, and at most 3. ${Array.isArray(expr) ? expr.length : 1} were passed in.`,
    );
  }
  const [startValue, endValue, stepValue] = evalExpr(obj, expr, options) as unknown[];
  const start = int32Argument(startValue, "starting", { numeric: 34443, integral: 34444 }, "a");
  const end = int32Argument(endValue, "ending", { numeric: 34445, integral: 34446 }, "an");
  let step = 1;
  if (expr.length === 3) {
    step = int32Argument(stepValue, "step", { numeric: 34447, integral: 34448 }, "a");
    if (step === 0) throw new MongoCommandError("Location34449", "$range requires a non-zero step value");
  }
  const steps = Math.trunc((end - start) / step);
  const length = steps >= 0 ? 1 + steps : 0;
  const needed = VECTOR_BYTES + length * VALUE_BYTES;
  if (needed >= MAX_RANGE_BYTES) {
    throw new MongoCommandError(
      "ExceededMemoryLimit",
      `$range would use too much memory (${needed} bytes) and cannot spill to disk. Memory limit: ${MAX_RANGE_BYTES} bytes`,
    );
  }
  const out: number[] = [];
  for (let i = start; step > 0 ? i < end : i > end; i += step) out.push(i);
  return out;
};

/**
 * Approximate bytes `value` occupies, counting shared sub-values each time they appear (as the BSON they
 * become would). Stops counting once past `limit`, so a huge value costs no more than `limit` to measure.
 */
export function approximateSize(value: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") total += v.length + VALUE_BYTES;
    else if (Array.isArray(v)) {
      total += VALUE_BYTES;
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === "object" && !(v instanceof Date) && bsonTypeOf(v) === undefined && !(v instanceof Uint8Array)) {
      total += VALUE_BYTES;
      for (const [key, item] of Object.entries(v)) {
        total += key.length;
        stack.push(item);
      }
    } else total += VALUE_BYTES;
    if (total > limit) return total;
  }
  return total;
}

const literal = (v: unknown) => ({ $literal: v });

/** `$concat`: the joined length is known before joining. */
const $concat: ExpressionOperator = (obj, expr, options) => {
  const args = evalExpr(obj, expr, options);
  if (Array.isArray(args)) {
    let bytes = 0;
    for (const s of args) if (typeof s === "string") bytes += s.length;
    if (bytes > MAX_STRING_BYTES) throw stringTooLong(bytes);
  }
  return original.$concat!(obj, Array.isArray(args) ? args.map(literal) : literal(args), options);
};

function occurrences(input: string, find: string): number {
  if (find.length === 0) return input.length + 1;
  let count = 0;
  for (let at = input.indexOf(find); at !== -1; at = input.indexOf(find, at + find.length)) count++;
  return count;
}

/** `$replaceAll`: the result's length follows from the number of matches. */
const $replaceAll: ExpressionOperator = (obj, expr, options) => {
  if (expr === null || typeof expr !== "object" || Array.isArray(expr)) return original.$replaceAll!(obj, expr, options);
  const args = evalExpr(obj, expr, options) as { input?: unknown; find?: unknown; replacement?: unknown };
  const { input, find, replacement } = args;
  if (typeof input === "string" && typeof find === "string" && typeof replacement === "string") {
    const bytes = input.length + occurrences(input, find) * (replacement.length - find.length);
    if (bytes > MAX_STRING_BYTES) throw stringTooLong(bytes);
  }
  return original.$replaceAll!(obj, { input: literal(input), find: literal(find), replacement: literal(replacement) }, options);
};

/** `$concatArrays`: the element count is known before concatenating. */
const $concatArrays: ExpressionOperator = (obj, expr, options) => {
  const args = evalExpr(obj, expr, options);
  if (Array.isArray(args)) {
    let elements = 0;
    for (const a of args) if (Array.isArray(a)) elements += a.length;
    const bytes = VECTOR_BYTES + elements * VALUE_BYTES;
    if (bytes > MAX_INTERMEDIATE_BYTES) throw exceeded("$concatArrays", bytes);
  }
  return original.$concatArrays!(obj, Array.isArray(args) ? args.map(literal) : literal(args), options);
};

/**
 * `$map`, measuring what it builds as it goes: nested `$map`s (a `$range` mapped to `$range`s) multiply sizes
 * that are each within their own cap.
 */
const $map: ExpressionOperator = (obj, expr, options) => {
  if (expr === null || typeof expr !== "object" || Array.isArray(expr)) return original.$map!(obj, expr, options);
  const spec = expr as { input?: unknown; as?: unknown; in?: unknown };
  const input = evalExpr(obj, spec.input, options);
  if (!Array.isArray(input) || (spec.as !== undefined && typeof spec.as !== "string") || !("in" in spec)) {
    return original.$map!(obj, { ...spec, input: literal(input) }, options);
  }
  const name = (spec.as as string | undefined) ?? "this";
  const out = new Array<unknown>(input.length);
  let bytes = VECTOR_BYTES;
  for (let i = 0; i < input.length; i++) {
    const value = evalExpr(obj, { $let: { vars: { [name]: literal(input[i]) }, in: spec.in } }, options);
    bytes += approximateSize(value, MAX_INTERMEDIATE_BYTES - bytes + 1);
    if (bytes > MAX_INTERMEDIATE_BYTES) throw exceeded("$map", bytes);
    out[i] = value;
  }
  return out;
};

export const memoryBoundedExpressions: Record<string, ExpressionOperator> = {
  $range,
  $concat,
  $replaceAll,
  $concatArrays,
  $map,
};
