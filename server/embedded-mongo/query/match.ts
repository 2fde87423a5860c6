/**
 * Filter matching on top of mingo, configured so `bson` values behave as in MongoDB.
 *
 * mingo compares values by JS type name, so `Long(5)` never equals `5`, `Decimal128` never compares with a
 * number and `$type: "objectId"` matches nothing. We therefore replace the comparison operators (query and
 * expression forms) and `$type` with implementations built on ./compare.ts, and keep mingo for everything else
 * (logical operators, $elemMatch, $regex, $exists, $expr, $size...). The same context is exported for the
 * command layer so updates, projections and aggregation share it.
 *
 * mingo's own errors are turned into MongoCommandError so a filter MongoDB would reject is never silently
 * answered differently; `$where`, `$function` and `$accumulator` (JavaScript execution) are refused.
 */
import { Context, evalExpr, OpType } from "mingo/core";
import * as accumulatorOperators from "mingo/operators/accumulator";
import * as expressionOperators from "mingo/operators/expression";
import * as pipelineOperators from "mingo/operators/pipeline";
import * as projectionOperators from "mingo/operators/projection";
import * as queryOperators from "mingo/operators/query";
import * as windowOperators from "mingo/operators/window";
import { Query } from "mingo/query";
import type { Options } from "mingo/types";
import { resolve } from "mingo/util";
import { MongoCommandError } from "../errors";
import {
  bsonTypeOf,
  collationComparator,
  compareValues,
  typeRank,
  TypeRank,
  valuesEqual,
  type StringComparator,
} from "./compare";
import { fieldOperatorOverrides } from "./field-operators";
import { jsonSchemaOperator } from "./json-schema";
import { memoryBoundedExpressions } from "./memory-limits";
import { $densify } from "./densify";
import { $sample } from "./sample";
import { checkStageArguments } from "./stage-arguments";
import { escapeDocument, escapeSpec, mentionsPrototypeNames } from "./prototype-names";
import { inDocumentOrder, isInclusionProjection } from "./projection-order";

type Doc = Record<string, unknown>;
type QueryOperator = (selector: string, value: unknown, options: Options) => (obj: Doc) => boolean;
type ExpressionOperator = (obj: unknown, expr: unknown, options: Options) => unknown;

const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

function stringsOf(options: Options): StringComparator {
  return collationComparator(options.collation as Record<string, unknown> | undefined);
}

/** The values a field path yields, MongoDB-style: the value itself plus, for arrays, each element. */
function candidates(lhs: unknown, depth: number): unknown[] {
  if (!Array.isArray(lhs)) return [lhs];
  const out: unknown[] = [lhs];
  const flat = lhs.flat(Math.max(depth, 1));
  for (const v of lhs) out.push(v);
  if (depth > 0) for (const v of flat) out.push(v);
  return out;
}

function pathDepth(selector: string): number {
  let depth = 0;
  for (let i = 0; i < selector.length; i++) if (selector.charCodeAt(i) === 46) depth++;
  return depth;
}

function fieldPredicate(predicate: (lhs: unknown, rhs: unknown, strings: StringComparator, depth: number) => boolean) {
  const op: QueryOperator = (selector, value, options) => {
    const strings = stringsOf(options);
    const depth = pathDepth(selector);
    return (obj) => predicate(resolve(obj, selector, { unwrapArray: true }), value, strings, depth);
  };
  return op;
}

function eq(lhs: unknown, rhs: unknown, strings: StringComparator, depth: number): boolean {
  if (isNil(lhs) && rhs === null) return true;
  if (!Array.isArray(lhs)) return valuesEqual(lhs, rhs, strings);
  for (const v of candidates(lhs, depth)) {
    if (valuesEqual(v, rhs, strings)) return true;
    if (rhs === null && v === undefined) return true;
  }
  return false;
}

function range(test: (d: number) => boolean, includesNullForMissing: boolean) {
  return (lhs: unknown, rhs: unknown, strings: StringComparator, depth: number): boolean => {
    const rank = typeRank(rhs);
    const check = (v: unknown) => typeRank(v) === rank && test(compareValues(v, rhs, strings));
    if (lhs === undefined) return includesNullForMissing && rank === TypeRank.Null;
    if (!Array.isArray(lhs)) return check(lhs);
    // A whole array only compares with an array operand; otherwise its elements do.
    for (const v of candidates(lhs, depth)) if (check(v)) return true;
    return false;
  };
}

function isRegex(v: unknown): v is RegExp {
  return v instanceof RegExp || bsonTypeOf(v) === "BSONRegExp";
}

function toRegExp(v: unknown): RegExp {
  if (v instanceof RegExp) return v;
  const r = v as { pattern: string; options: string };
  return new RegExp(r.pattern, r.options.replace(/[^imsu]/g, ""));
}

function inList(lhs: unknown, rhs: unknown, strings: StringComparator, depth: number): boolean {
  if (!Array.isArray(rhs)) throw new MongoCommandError("BadValue", "$in needs an array");
  for (const value of rhs) {
    if (isRegex(value)) {
      const re = toRegExp(value);
      for (const v of candidates(lhs, depth)) if (typeof v === "string" && re.test(v)) return true;
    } else if (eq(lhs, value, strings, depth)) {
      return true;
    }
  }
  return false;
}

const TYPE_ALIASES: Record<string, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

/** BSON type number of a deserialized value. Integral JS numbers in int32 range count as "int". */
export function bsonTypeNumber(v: unknown): number {
  if (v === undefined) return 6;
  if (v === null) return 10;
  if (typeof v === "number") return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? 16 : 1;
  if (typeof v === "bigint") return 18;
  if (typeof v === "string") return 2;
  if (typeof v === "boolean") return 8;
  if (Array.isArray(v)) return 4;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  switch (bsonTypeOf(v)) {
    case undefined:
      return v instanceof Uint8Array ? 5 : 3;
    case "ObjectId":
      return 7;
    case "Binary":
      return 5;
    case "Long":
      return 18;
    case "Decimal128":
      return 19;
    case "Int32":
      return 16;
    case "Double":
      return 1;
    case "Timestamp":
      return 17;
    case "MinKey":
      return -1;
    case "MaxKey":
      return 127;
    case "BSONRegExp":
      return 11;
    case "Code":
      return 13;
    case "BSONSymbol":
      return 14;
    default:
      return 3;
  }
}

function typeCodes(spec: unknown): Array<number | "number"> {
  const list = Array.isArray(spec) ? spec : [spec];
  return list.map((t) => {
    if (t === "number") return "number";
    if (typeof t === "number") return t;
    if (typeof t === "string" && TYPE_ALIASES[t] !== undefined) return TYPE_ALIASES[t] as number;
    throw new MongoCommandError("BadValue", `Unknown type name alias: ${String(t)}`);
  });
}

const $type: QueryOperator = (selector, value) => {
  const codes = typeCodes(value);
  const matches = (v: unknown) => {
    const n = bsonTypeNumber(v);
    return codes.some((c) => (c === "number" ? n === 1 || n === 16 || n === 18 || n === 19 : c === n));
  };
  return (obj) => {
    const lhs = resolve(obj, selector, { unwrapArray: true });
    if (lhs === undefined) return false;
    if (matches(lhs)) return true;
    return Array.isArray(lhs) && lhs.some(matches);
  };
};

const refuseScript = (name: string) => () => {
  throw new MongoCommandError("BadValue", `${name} is not allowed in this context`);
};

const queryOverrides: Record<string, QueryOperator> = {
  $eq: fieldPredicate(eq),
  $ne: fieldPredicate((l, r, s, d) => !eq(l, r, s, d)),
  $gt: fieldPredicate(range((d) => d > 0, false)),
  $gte: fieldPredicate(range((d) => d >= 0, true)),
  $lt: fieldPredicate(range((d) => d < 0, false)),
  $lte: fieldPredicate(range((d) => d <= 0, true)),
  $in: fieldPredicate(inList),
  $nin: fieldPredicate((l, r, s, d) => !inList(l, r, s, d)),
  $type,
  $where: refuseScript("$where"),
  ...fieldOperatorOverrides,
  $jsonSchema: jsonSchemaOperator,
};

/** Aggregation-expression comparisons order across types (no type bracketing), unlike query operators. */
function exprCompare(test: (d: number) => boolean, name: string): ExpressionOperator {
  return (obj, expr, options) => {
    if (!Array.isArray(expr) || expr.length !== 2) {
      throw new MongoCommandError("Location16020", `Expression ${name} takes exactly 2 arguments. ${Array.isArray(expr) ? expr.length : 1} were passed in.`);
    }
    const [a, b] = evalExpr(obj, expr, options) as [unknown, unknown];
    return test(compareValues(a === undefined ? null : a, b === undefined ? null : b, stringsOf(options)));
  };
}

const expressionOverrides: Record<string, ExpressionOperator> = {
  ...memoryBoundedExpressions,
  $eq: exprCompare((d) => d === 0, "$eq"),
  $ne: exprCompare((d) => d !== 0, "$ne"),
  $gt: exprCompare((d) => d > 0, "$gt"),
  $gte: exprCompare((d) => d >= 0, "$gte"),
  $lt: exprCompare((d) => d < 0, "$lt"),
  $lte: exprCompare((d) => d <= 0, "$lte"),
  $cmp: (obj, expr, options) => {
    const [a, b] = evalExpr(obj, expr, options) as [unknown, unknown];
    return Math.sign(compareValues(a ?? null, b ?? null, stringsOf(options)));
  },
  $function: refuseScript("$function"),
};

interface Mappable {
  map(f: (d: Doc) => Doc): Mappable;
}
type PipelineOperator = (collection: Mappable, expr: unknown, options: Options) => Mappable;
const idFirst = (doc: Doc): Doc => ("_id" in doc ? { _id: doc._id, ...doc } : doc);

const mingoStage = (name: string) => (pipelineOperators as unknown as Record<string, PipelineOperator>)[name]!;

/**
 * mingo's $bucket/$bucketAuto put `count` before `_id`; MongoDB's documents start with `_id` (manual: "$bucket").
 * Its inclusion `$project` follows the projection's field order instead of the document's (projection-order.ts).
 */
const idFirstStages: Record<string, PipelineOperator> = {
  ...Object.fromEntries(
    (["$bucket", "$bucketAuto"] as const).map((name) => {
      const stage = mingoStage(name);
      return [name, ((collection, expr, options) => stage(collection, expr, options).map(idFirst)) as PipelineOperator];
    }),
  ),
  $project: (collection, expr, options) => {
    const stage = mingoStage("$project");
    if (expr === null || typeof expr !== "object" || !isInclusionProjection(expr as Doc)) return stage(collection, expr, options);
    // $project is one document out per document in, pulled lazily: remember the input of the current one.
    let source: Doc = {};
    const tapped = collection.map((doc) => (source = doc));
    return stage(tapped, expr, options).map((out) => inDocumentOrder(out, source, expr as Doc));
  },
};

/** Every stage checks its argument's type first, as MongoDB's parsers do (stage-arguments.ts). */
function checkedStages(stages: Record<string, PipelineOperator>): Record<string, PipelineOperator> {
  return Object.fromEntries(
    Object.entries(stages).map(([name, stage]) => [
      name,
      ((collection, expr, options) => {
        checkStageArguments(name, expr);
        return stage(collection, expr, options);
      }) as PipelineOperator,
    ]),
  );
}

/**
 * The mingo context every part of the server uses: all of mingo's operators, with bson-aware comparisons.
 * (Context.from keeps the first registration of a name, so the overrides are spread in before the defaults
 * are merged: we build each operator table ourselves.)
 */
type OperatorTable = Record<`$${string}`, never>;
const table = (...parts: object[]): OperatorTable => Object.assign({}, ...parts) as OperatorTable;

export const mingoContext: Context = Context.init({
  accumulator: table(accumulatorOperators, { $accumulator: refuseScript("$accumulator") }),
  expression: table(expressionOperators, expressionOverrides),
  pipeline: table(checkedStages({ ...(pipelineOperators as unknown as Record<string, PipelineOperator>), ...idFirstStages, ...(({ $densify, $sample }) as unknown as Record<string, PipelineOperator>) })),
  projection: table(projectionOperators),
  query: table(queryOperators, queryOverrides),
  window: table(windowOperators),
});

export interface MatchOptions {
  /** `let` variables for `$expr`. */
  let?: Doc;
  collation?: Doc;
  /** The server's internalQueryMaxAllowedDensifyDocs (densify.ts). */
  maxDensifyDocs?: number;
}

/** mingo options with our context; pass these to mingo's update/aggregate/projection functions. */
export function mingoOptions(options: MatchOptions = {}): Partial<Options> {
  return {
    context: mingoContext,
    idKey: "_id",
    scriptEnabled: false,
    useStrictMode: true,
    variables: options.let,
    collation: options.collation as Options["collation"],
    ...(options.maxDensifyDocs === undefined ? {} : { maxDensifyDocs: options.maxDensifyDocs }),
  };
}

export type Matcher = (doc: Doc) => boolean;

/** Converts an error thrown by mingo into MongoDB's error for the same mistake. */
export function translateMingoError(error: unknown): unknown {
  if (error instanceof MongoCommandError) return error;
  if (!(error instanceof Error)) return error;
  const message = error.message;
  let m = /^unknown query operator (\$\S+)/.exec(message);
  if (m) return new MongoCommandError("BadValue", `unknown operator: ${m[1]}`, { cause: error });
  m = /^unknown top level operator: (\$\S+)/.exec(message);
  if (m) return new MongoCommandError("BadValue", `unknown top level operator: ${m[1]}`, { cause: error });
  m = /^unregistered pipeline operator (\$[^.\s]+)/.exec(message);
  if (m) return new MongoCommandError("Location40324", `Unrecognized pipeline stage name: '${m[1]}'`, { cause: error });
  m = /^accumulator '(\$[^']+)' is not registered/.exec(message);
  if (m) return new MongoCommandError("InvalidPipelineOperator", `Unrecognized expression '${m[1]}'`, { cause: error });
  if (/^\$(where|function|accumulator)/.test(message)) {
    return new MongoCommandError("BadValue", `${message.split(" ")[0]} is not allowed in this context`, { cause: error });
  }
  if (/^Use of undefined variable: (\S+)/.test(message)) {
    return new MongoCommandError("Location17276", message, { cause: error });
  }
  return new MongoCommandError("BadValue", message, { cause: error });
}

function hasOperator(type: OpType, name: string): boolean {
  return mingoContext.getOperator(type, name) !== null;
}

/** Expression operators are only looked up when evaluated; check them up front like MongoDB's parser. */
function checkExpression(expr: unknown): void {
  if (expr === null || typeof expr !== "object") return;
  if (Array.isArray(expr)) {
    for (const e of expr) checkExpression(e);
    return;
  }
  if (bsonTypeOf(expr) !== undefined || expr instanceof Date || expr instanceof RegExp) return;
  for (const [key, value] of Object.entries(expr as Doc)) {
    if (key.startsWith("$")) {
      if (key === "$literal") continue;
      if (key === "$function" || key === "$accumulator") throw new MongoCommandError("BadValue", `${key} is not allowed in this context`);
      if (!hasOperator(OpType.EXPRESSION, key) && !hasOperator(OpType.ACCUMULATOR, key)) {
        throw new MongoCommandError("InvalidPipelineOperator", `Unrecognized expression '${key}'`);
      }
    }
    checkExpression(value);
  }
}

/** Rejects what MongoDB rejects before running a filter: $where anywhere, unknown $expr operators. */
function checkFilter(filter: unknown): void {
  if (filter === null || typeof filter !== "object" || bsonTypeOf(filter) !== undefined) return;
  if (Array.isArray(filter)) {
    for (const f of filter) checkFilter(f);
    return;
  }
  for (const [key, value] of Object.entries(filter as Doc)) {
    if (key === "$where") throw new MongoCommandError("BadValue", "$where is not allowed in this context");
    if (key === "$elemMatch" && (value === null || typeof value !== "object" || Array.isArray(value))) {
      throw new MongoCommandError("BadValue", "$elemMatch needs an Object");
    }
    if (key === "$expr") checkExpression(value);
    else if (value !== null && typeof value === "object") checkFilter(value);
  }
}

function isPlainEqualityValue(v: unknown): boolean {
  if (v === null || typeof v !== "object") return typeof v !== "function" && v !== undefined;
  if (Array.isArray(v) || v instanceof RegExp) return false;
  if (v instanceof Date) return true;
  const tag = bsonTypeOf(v);
  return tag !== undefined && tag !== "BSONRegExp";
}

/**
 * The hot path (`{ _id: x }`, `{ email: "a@b.c", orgId: id }`): field equalities on scalar values need no
 * mingo Query (whose construction deep-clones and compiles the filter on every call).
 */
function simpleEqualityMatcher(filter: Doc, options: MatchOptions): Matcher | undefined {
  const entries = Object.entries(filter);
  for (const [key, value] of entries) {
    if (key.startsWith("$") || !isPlainEqualityValue(value)) return undefined;
  }
  const strings = collationComparator(options.collation);
  const checks = entries.map(([path, value]) => ({ path, value, depth: pathDepth(path), dotted: path.includes(".") }));
  return (doc) => {
    for (const c of checks) {
      const lhs = c.dotted ? resolve(doc, c.path, { unwrapArray: true }) : Object.hasOwn(doc, c.path) ? doc[c.path] : undefined;
      if (!eq(lhs, c.value, strings, c.depth)) return false;
    }
    return true;
  };
}

/**
 * Compiles a MongoDB filter to a predicate. Throws MongoCommandError (BadValue...) for a filter MongoDB
 * would reject; the predicate itself may also throw one (an $expr evaluation error).
 */
export function compileFilter(filter: Doc, options: MatchOptions = {}): Matcher {
  if (filter === null || typeof filter !== "object" || Array.isArray(filter)) {
    throw new MongoCommandError("BadValue", "query filter must be an object");
  }
  const keys = Object.keys(filter);
  if (keys.length === 0) return () => true;
  if (mentionsPrototypeNames(filter)) {
    // See prototype-names.ts: matched on escaped copies so no path ever resolves to an inherited property.
    const escaped = compileFilter(escapeSpec(filter), options);
    return (doc) => escaped(escapeDocument(doc));
  }
  const fast = simpleEqualityMatcher(filter, options);
  if (fast) return fast;
  checkFilter(filter);
  let query: Query;
  try {
    query = new Query(filter, mingoOptions(options));
  } catch (error) {
    throw translateMingoError(error);
  }
  return (doc) => {
    try {
      return query.test(doc);
    } catch (error) {
      throw translateMingoError(error);
    }
  };
}

/**
 * Evaluates a command's `let` document the way MongoDB does before running it: each value is an aggregation
 * expression without a current document ({$literal: "$x"} → "$x", {$rand: {}} → a number), so later `$$name`
 * references see plain values.
 */
export function evaluateLetVariables(vars: Doc): Doc {
  const out: Doc = {};
  for (const [name, expr] of Object.entries(vars)) {
    try {
      out[name] = evalExpr({}, expr, mingoOptions() as Options);
    } catch (error) {
      throw translateMingoError(error);
    }
  }
  return out;
}
