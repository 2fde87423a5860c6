/**
 * Value matching of MongoDB's unified test format: root documents may carry extra fields, nested ones may not;
 * numbers compare by value whatever their BSON type; `$$`-operators ($$exists, $$type, $$unsetOrMatches,
 * $$sessionLsid, $$matchesEntity, $$lte, $$matchAsDocument, $$matchAsRoot) are honoured.
 */
import { EJSON, type Int32, type Long, type Document } from "bson";

export class MatchError extends Error {}

export interface MatchContext {
  /** The lsid document of a session entity (kept even after the session ends). */
  sessionLsid(id: string): Document | undefined;
  entity(id: string): unknown;
}

const TYPE_ALIASES: Record<string, (v: unknown) => boolean> = {
  double: (v) => typeof v === "number" || bsonType(v) === "Double",
  string: (v) => typeof v === "string",
  object: (v) => isPlainDocument(v),
  array: (v) => Array.isArray(v),
  binData: (v) => bsonType(v) === "Binary",
  undefined: (v) => v === undefined,
  objectId: (v) => bsonType(v) === "ObjectId",
  bool: (v) => typeof v === "boolean",
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp || (v as { _bsontype?: string })?._bsontype === "BSONRegExp",
  int: (v) => (typeof v === "number" && Number.isInteger(v) && Math.abs(v) <= 0x7fffffff) || bsonType(v) === "Int32",
  timestamp: (v) => bsonType(v) === "Timestamp",
  long: (v) => bsonType(v) === "Long" || (typeof v === "number" && Number.isInteger(v)),
  decimal: (v) => bsonType(v) === "Decimal128",
  number: (v) => typeof v === "number" || ["Long", "Int32", "Double", "Decimal128"].includes(bsonType(v) ?? ""),
};

export function isPlainDocument(v: unknown): v is Document {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  if ("_bsontype" in (v as object)) return false;
  return !(v instanceof Date) && !(v instanceof RegExp) && !(v instanceof Uint8Array);
}

/** The driver may bundle its own copy of bson, so BSON values are recognised by `_bsontype`, not instanceof. */
function bsonType(v: unknown): string | undefined {
  return v !== null && typeof v === "object" ? (v as { _bsontype?: string })._bsontype : undefined;
}

function asNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  const type = bsonType(v);
  if (type === "Long") return (v as Long).toNumber();
  if (type === "Int32" || type === "Double") return (v as Int32).valueOf();
  return undefined;
}

function show(v: unknown): string {
  try {
    return v === undefined ? "undefined" : EJSON.stringify(v as Document, { relaxed: true });
  } catch {
    return String(v);
  }
}

function fail(path: string, message: string): never {
  throw new MatchError(`${path || "<root>"}: ${message}`);
}

function specialOperator(expected: unknown): [string, unknown] | undefined {
  if (!isPlainDocument(expected)) return undefined;
  const keys = Object.keys(expected);
  if (keys.length === 1 && keys[0]!.startsWith("$$")) return [keys[0]!, expected[keys[0]!]];
  return undefined;
}

/**
 * Asserts `actual` matches `expected`; throws MatchError naming the first difference. `root` may be "lenient"
 * for command documents of events: drivers add fields the spec files don't list inside nested documents too
 * (e.g. `limit: 0` in a delete statement, `wtimeout` in a commit's write concern), so extras pass at any depth.
 */
export function matches(expected: unknown, actual: unknown, ctx: MatchContext, root: boolean | "lenient" = true, path = ""): void {
  const nested = root === "lenient" ? "lenient" : false;
  // The driver sends index keys as a Map (to keep their order); compare them as the document they encode.
  if (actual instanceof Map) actual = Object.fromEntries(actual);
  const op = specialOperator(expected);
  if (op) return matchOperator(op[0], op[1], actual, ctx, root, path);

  if (isPlainDocument(expected)) {
    if (!isPlainDocument(actual)) fail(path, `expected a document ${show(expected)}, got ${show(actual)}`);
    for (const [key, value] of Object.entries(expected)) {
      const sub = specialOperator(value);
      const childPath = path ? `${path}.${key}` : key;
      if (sub && (sub[0] === "$$exists" || sub[0] === "$$unsetOrMatches")) {
        matchOperator(sub[0], sub[1], actual[key], ctx, nested, childPath, key in actual);
        continue;
      }
      if (!(key in actual)) fail(childPath, `missing (expected ${show(value)})`);
      matches(value, actual[key], ctx, nested, childPath);
    }
    if (!root) {
      const extra = Object.keys(actual).filter((key) => !(key in expected));
      if (extra.length > 0) fail(path, `unexpected field(s) ${extra.join(", ")} in ${show(actual)}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) fail(path, `expected an array, got ${show(actual)}`);
    if (actual.length !== expected.length) {
      fail(path, `expected ${expected.length} element(s) ${show(expected)}, got ${actual.length}: ${show(actual)}`);
    }
    // Documents directly in a root-level array (a cursor's results) are root documents too.
    expected.forEach((item, i) => matches(item, actual[i], ctx, root === false ? false : root, `${path}[${i}]`));
    return;
  }
  const en = asNumber(expected);
  if (en !== undefined) {
    const an = asNumber(actual);
    if (an === undefined || an !== en) fail(path, `expected ${show(expected)}, got ${show(actual)}`);
    return;
  }
  if (expected === null || expected === undefined) {
    if (actual !== null && actual !== undefined) fail(path, `expected null, got ${show(actual)}`);
    return;
  }
  if (typeof expected === "object") {
    if (show(expected) !== show(actual)) fail(path, `expected ${show(expected)}, got ${show(actual)}`);
    return;
  }
  if (expected !== actual) fail(path, `expected ${show(expected)}, got ${show(actual)}`);
}

function matchOperator(
  name: string,
  arg: unknown,
  actual: unknown,
  ctx: MatchContext,
  root: boolean | "lenient",
  path: string,
  present = actual !== undefined,
): void {
  switch (name) {
    case "$$exists":
      if (Boolean(arg) !== present) fail(path, arg ? "expected to exist" : `expected to be absent, got ${show(actual)}`);
      return;
    case "$$unsetOrMatches":
      if (!present) return;
      return matches(arg, actual, ctx, root, path);
    case "$$type": {
      const types = Array.isArray(arg) ? (arg as string[]) : [arg as string];
      if (!types.some((t) => TYPE_ALIASES[t]?.(actual))) fail(path, `expected type ${types.join("|")}, got ${show(actual)}`);
      return;
    }
    case "$$sessionLsid": {
      const lsid = ctx.sessionLsid(String(arg));
      if (!lsid) fail(path, `unknown session ${String(arg)}`);
      return matches(lsid, actual, ctx, false, path);
    }
    case "$$matchesEntity":
      return matches(ctx.entity(String(arg)), actual, ctx, root, path);
    case "$$matchesHexBytes": {
      const hex = actual instanceof Uint8Array ? Buffer.from(actual).toString("hex") : bsonType(actual) === "Binary" ? Buffer.from((actual as { buffer: Uint8Array }).buffer).toString("hex") : undefined;
      if (hex?.toLowerCase() !== String(arg).toLowerCase()) fail(path, `expected bytes ${String(arg)}`);
      return;
    }
    case "$$lte": {
      const a = asNumber(actual);
      const e = asNumber(arg);
      if (a === undefined || e === undefined || a > e) fail(path, `expected <= ${show(arg)}, got ${show(actual)}`);
      return;
    }
    case "$$matchAsDocument":
      if (typeof actual !== "string") fail(path, "expected a JSON string");
      return matches(arg, EJSON.parse(actual), ctx, false, path);
    case "$$matchAsRoot":
      return matches(arg, actual, ctx, true, path);
    default:
      fail(path, `unsupported operator ${name}`);
  }
}
