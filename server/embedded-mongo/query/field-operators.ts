/**
 * Query operators where mingo answers differently from MongoDB without an error, replaced in our context:
 * - `$all` on a non-array field matches a scalar equal to every listed value (manual: "$all": it is an `$and`
 *   of equalities), mingo matched only arrays;
 * - `$bitsAllSet`/`$bitsAnySet`/`$bitsAllClear`/`$bitsAnyClear` test BinData bytes as well as integers, with a
 *   bitmask that is a number, a list of positions or BinData (manual: "Bitwise Query Operators");
 * - `$id`/`$ref`/`$db` inside `$elemMatch` test the parts of a DBRef (manual: "Database References"; mingo
 *   took them for unknown operators).
 */
import { $elemMatch as mingoElemMatch, $expr as mingoExpr, $mod as mingoMod } from "mingo/operators/query";
import { Query } from "mingo/query";
import type { Options } from "mingo/types";
import { resolve } from "mingo/util";
import { looseNumbers } from "../bson-numbers";
import { MongoCommandError } from "../errors";
import { bsonTypeOf, numericValue } from "./compare";

type Doc = Record<string, unknown>;
type QueryOperator = (selector: string, value: unknown, options: Options) => (obj: Doc) => boolean;

const $all: QueryOperator = (selector, value, options) => {
  if (!Array.isArray(value)) throw new MongoCommandError("BadValue", "$all needs an array");
  if (value.length === 0) return () => false;
  for (const item of value) {
    const first = item !== null && typeof item === "object" && !Array.isArray(item) && bsonTypeOf(item) === undefined ? Object.keys(item)[0] : undefined;
    if (first?.startsWith("$") && first !== "$elemMatch") throw new MongoCommandError("BadValue", "no $ expressions in $all");
  }
  // Each value is a condition of its own on the field: equality (with array traversal), a regex, or $elemMatch.
  const query = new Query({ $and: value.map((item) => ({ [selector]: item })) }, options);
  return (obj) => query.test(obj);
};

/** The bit positions an operand names. */
function bitPositions(operator: string, operand: unknown): number[] {
  if (Array.isArray(operand)) {
    return operand.map((p) => {
      const n = typeof p === "number" ? p : Number(numericValue(p));
      if (!Number.isInteger(n) || n < 0) throw new MongoCommandError("BadValue", `bit positions must be non-negative integers: ${operator}`);
      return n;
    });
  }
  const bytes = binaryBytes(operand);
  if (bytes) {
    const out: number[] = [];
    bytes.forEach((byte, i) => {
      for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) out.push(i * 8 + bit);
    });
    return out;
  }
  const n = numericValue(operand);
  if (typeof n === "bigint" ? n < 0n : !Number.isInteger(n) || n < 0) {
    throw new MongoCommandError("BadValue", `${operator} takes an Array, a number, or a BinData but received: ${String(operand)}`);
  }
  const mask = BigInt(n);
  const out: number[] = [];
  for (let bit = 0; bit < 64; bit++) if (mask & (1n << BigInt(bit))) out.push(bit);
  return out;
}

function binaryBytes(value: unknown): Uint8Array | undefined {
  if (bsonTypeOf(value) === "Binary") return (value as { buffer: Uint8Array }).buffer;
  if (value instanceof Uint8Array) return value;
  return undefined;
}

/** Reads bit `p` of an integer (64-bit two's complement, sign-extended) or BinData value; undefined = not testable. */
function bitReader(value: unknown): ((p: number) => boolean) | undefined {
  const bytes = binaryBytes(value);
  if (bytes) return (p) => p >> 3 < bytes.length && (bytes[p >> 3]! & (1 << (p & 7))) !== 0;
  const n = numericValue(value);
  if (typeof n === "number" && (!Number.isInteger(n) || Math.abs(n) > 2 ** 63)) return undefined;
  const bits = BigInt.asIntN(64, BigInt(n));
  return (p) => (p >= 64 ? bits < 0n : ((bits >> BigInt(p)) & 1n) === 1n);
}

function bitwise(operator: string, test: (positions: number[], bit: (p: number) => boolean) => boolean): QueryOperator {
  return (selector, value) => {
    const positions = bitPositions(operator, value);
    const check = (v: unknown) => {
      const bit = bitReader(v);
      return bit !== undefined && test(positions, bit);
    };
    return (obj) => {
      const lhs = resolve(obj, selector, { unwrapArray: true });
      if (lhs === undefined || lhs === null) return false;
      return Array.isArray(lhs) ? lhs.some(check) : check(lhs);
    };
  };
}

/** A DBRef part: the bson class holds them as collection/oid/db, a plain document as $ref/$id/$db. */
function dbRefPart(part: "$ref" | "$id" | "$db", property: "collection" | "oid" | "db"): QueryOperator {
  return (selector, value, options) => {
    const query = new Query({ v: value }, options);
    return (obj) => {
      const target = resolve(obj, selector) as Doc | undefined;
      if (target === null || typeof target !== "object") return false;
      const v = bsonTypeOf(target) === "DBRef" ? target[property] : target[part];
      return v !== undefined && query.test({ v });
    };
  };
}

/**
 * `{$elemMatch: {$ref: "c", $id: ...}}` reaches us as a bson DBRef (the decoder turns any `{$ref, $id}` document
 * into one): as criteria it is the plain document it was sent as.
 */
const $elemMatch: QueryOperator = (selector, value, options) => {
  if (bsonTypeOf(value) !== "DBRef") return mingoElemMatch(selector, value as Doc, options);
  const ref = value as { collection: string; oid: unknown; db?: string; fields?: Doc };
  const criteria: Doc = { $ref: ref.collection, $id: ref.oid, ...(ref.db ? { $db: ref.db } : {}), ...(ref.fields ?? {}) };
  return mingoElemMatch(selector, criteria, options);
};

/** mingo's own operators that compute (expressions, `$mod`) see the numbers as JS numbers (bson-numbers.ts). */
function withLooseNumbers(operator: QueryOperator): QueryOperator {
  return (selector, value, options) => {
    const test = operator(selector, value, options);
    return (obj) => test(looseNumbers(obj));
  };
}

export const fieldOperatorOverrides: Record<string, QueryOperator> = {
  $all,
  $elemMatch,
  $expr: withLooseNumbers(mingoExpr as unknown as QueryOperator),
  $mod: withLooseNumbers(mingoMod as unknown as QueryOperator),
  $bitsAllSet: bitwise("$bitsAllSet", (ps, bit) => ps.every(bit)),
  $bitsAnySet: bitwise("$bitsAnySet", (ps, bit) => ps.some(bit)),
  $bitsAllClear: bitwise("$bitsAllClear", (ps, bit) => ps.every((p) => !bit(p))),
  $bitsAnyClear: bitwise("$bitsAnyClear", (ps, bit) => ps.some((p) => !bit(p))),
  $id: dbRefPart("$id", "oid"),
  $ref: dbRefPart("$ref", "collection"),
  $db: dbRefPart("$db", "db"),
};
