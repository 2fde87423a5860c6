/**
 * `$sample` (manual: "$sample (aggregation)"), replacing mingo's, which looped `size` times picking with
 * replacement: a missing size never ended, a huge one allocated gigabytes. Checked as MongoDB 7.0 parses it
 * (document_source_sample.cpp): an object (28745) whose only field is `size` (28748), a number (28746) that is
 * not negative once truncated to an integer (28747; 2.7 samples 2), present (28749). MongoDB sorts by a random
 * key and keeps the first `size`, so no document comes twice and a size above the input returns it all:
 * here a partial Fisher–Yates shuffle over the input, never more than its length.
 */
import type { Options } from "mingo/types";
import { Lazy } from "mingo/lazy";
import { MongoCommandError } from "../errors";
import { bsonTypeOf, numericValue } from "./compare";

interface Transformable {
  transform(f: (docs: unknown[]) => unknown): unknown;
}

function sampleSize(expr: unknown): number {
  if (expr === null || typeof expr !== "object" || Array.isArray(expr) || expr instanceof Date || bsonTypeOf(expr) !== undefined) {
    throw new MongoCommandError("Location28745", "the $sample stage specification must be an object");
  }
  let size: number | undefined;
  for (const [key, value] of Object.entries(expr)) {
    if (key !== "size") throw new MongoCommandError("Location28748", `unrecognized option to $sample: ${key}`);
    const tag = bsonTypeOf(value);
    const numeric = typeof value === "number" || typeof value === "bigint" || tag === "Int32" || tag === "Double" || tag === "Long" || tag === "Decimal128";
    if (!numeric) throw new MongoCommandError("Location28746", "size argument to $sample must be a number");
    // BSONElement::numberLong(): truncates toward zero; NaN counts as 0.
    const n = Math.trunc(Number(numericValue(value))) || 0;
    if (n < 0) throw new MongoCommandError("Location28747", "size argument to $sample must not be negative");
    size = n;
  }
  if (size === undefined) throw new MongoCommandError("Location28749", "$sample stage must specify a size");
  return size;
}

export function $sample(collection: Transformable, expr: unknown, _options: Options): unknown {
  const size = sampleSize(expr);
  return collection.transform((docs) => {
    const pool = docs.slice();
    const n = Math.min(size, pool.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(Math.random() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    pool.length = n;
    return Lazy(pool);
  });
}
