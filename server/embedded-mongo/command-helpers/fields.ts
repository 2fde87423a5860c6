/**
 * Command argument checking with MongoDB's IDL wording: unknown fields are refused
 * ("BSON field 'find.foo' is an unknown field.", 40415), wrong types with TypeMismatch (14).
 */
import { Binary, Decimal128, Double, Int32, Long, ObjectId, Timestamp, type Document } from "bson";
import { MongoCommandError } from "../errors";

export type FieldType = "string" | "object" | "array" | "bool" | "number" | "any" | "stringOrObject" | "objectOrArray";
export type FieldSpec = FieldType | { type: FieldType; required?: true };

/** Arguments every command accepts (MongoDB's "generic arguments"). */
export const GENERIC_ARGUMENTS: ReadonlySet<string> = new Set([
  "$db",
  "lsid",
  "txnNumber",
  "autocommit",
  "startTransaction",
  "stmtId",
  "stmtIds",
  "$clusterTime",
  "$readPreference",
  "readConcern",
  "writeConcern",
  "maxTimeMS",
  "comment",
  "apiVersion",
  "apiStrict",
  "apiDeprecationErrors",
  "$audit",
  "$client",
  "$configServerState",
  "$configTime",
  "$topologyTime",
  "$oplogQueryData",
  "$queryOptions",
  "$replData",
  "$gleStats",
  "clientOperationKey",
  "mayBypassWriteBlocking",
  "txnRetryCounter",
  "databaseVersion",
  "shardVersion",
  "allowImplicitCollectionCreation",
  "usesDefaultMaxTimeMS",
  "maxTimeMSOpOnly",
  "readOnly",
  "tracking_info",
  "coordinator",
  "$traceCtx",
]);

export function bsonTypeName(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) <= 0x7fffffff ? "int" : "double";
  if (typeof value === "bigint" || value instanceof Long) return "long";
  if (value instanceof Double) return "double";
  if (value instanceof Int32) return "int";
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  if (value instanceof RegExp) return "regex";
  if (value instanceof ObjectId) return "objectId";
  if (value instanceof Decimal128) return "decimal";
  if (value instanceof Timestamp) return "timestamp";
  if (value instanceof Binary) return "binData";
  const bsontype = (value as { _bsontype?: string })._bsontype;
  if (bsontype) return bsontype.charAt(0).toLowerCase() + bsontype.slice(1);
  return "object";
}

const expected: Record<FieldType, string> = {
  string: "type 'string'",
  object: "type 'object'",
  array: "type 'array'",
  bool: "types '[bool, long, int, decimal, double]'",
  number: "types '[long, int, decimal, double]'",
  any: "",
  stringOrObject: "types '[string, object]'",
  objectOrArray: "types '[object, array]'",
};

export function isNumeric(value: unknown): boolean {
  return typeof value === "number" || typeof value === "bigint" || value instanceof Long || value instanceof Decimal128 || value instanceof Double || value instanceof Int32;
}

function matches(type: FieldType, value: unknown): boolean {
  const name = bsonTypeName(value);
  switch (type) {
    case "any":
      return true;
    case "string":
      return name === "string";
    case "object":
      return name === "object";
    case "array":
      return name === "array";
    case "bool":
      return name === "bool" || isNumeric(value);
    case "number":
      return isNumeric(value);
    case "stringOrObject":
      return name === "string" || name === "object";
    case "objectOrArray":
      return name === "object" || name === "array";
  }
}

/**
 * Checks `doc` against `spec`. `path` is what MongoDB prints before the field ("find", "update.updates").
 * `skip` names fields checked elsewhere (the command name itself).
 */
export function checkFields(
  doc: Document,
  spec: Readonly<Record<string, FieldSpec>>,
  path: string,
  options: { generic?: boolean; skip?: string } = {},
): void {
  for (const key of Object.keys(doc)) {
    if (key === options.skip) continue;
    const fieldSpec = Object.hasOwn(spec, key) ? spec[key] : undefined;
    if (fieldSpec === undefined) {
      if (options.generic && GENERIC_ARGUMENTS.has(key)) continue;
      throw new MongoCommandError("Location40415", `BSON field '${path}.${key}' is an unknown field.`);
    }
    const value = doc[key];
    if (value === undefined || value === null) continue;
    const type = typeof fieldSpec === "string" ? fieldSpec : fieldSpec.type;
    if (!matches(type, value)) {
      throw new MongoCommandError(
        "TypeMismatch",
        `BSON field '${path}.${key}' is the wrong type '${bsonTypeName(value)}', expected ${expected[type]}`,
      );
    }
  }
  for (const [key, fieldSpec] of Object.entries(spec)) {
    if (typeof fieldSpec === "object" && fieldSpec.required && (doc[key] === undefined || doc[key] === null)) {
      throw new MongoCommandError("Location40414", `BSON field '${path}.${key}' is missing but a required field`);
    }
  }
}

export function toNumber(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Long) return value.toNumber();
  if (value instanceof Decimal128) return Number(value.toString());
  if (value instanceof Double || value instanceof Int32) return value.value;
  if (typeof value === "boolean") return value ? 1 : 0;
  return undefined;
}

export function toBool(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  const n = toNumber(value);
  return n !== undefined && n !== 0;
}

/** The collection a command names (`{ find: "coll" }`), refusing non-strings as MongoDB does. */
export function collectionArg(cmd: Document, name: string): string {
  const value = cmd[name];
  if (typeof value !== "string") {
    throw new MongoCommandError(
      "InvalidNamespace",
      `collection name has invalid type ${bsonTypeName(value)}`,
    );
  }
  if (value.length === 0) throw new MongoCommandError("InvalidNamespace", `Invalid namespace specified '${cmd.$db}.'`);
  return value;
}
