/**
 * `$jsonSchema` (manual: "$jsonSchema", "Schema Validation"): MongoDB's dialect of JSON Schema draft 4 — `bsonType`
 * beside `type`, no `$ref`/`format`/`default`/`definitions`, no `integer` type. Used as a query operator and in
 * collection validators, where the rules a document breaks go into the error's `errInfo`.
 */
import { MongoCommandError } from "../errors";
import { bsonTypeOf, compareValues, numericValue, valuesEqual } from "./compare";

type Doc = Record<string, unknown>;
export type Schema = Doc;

const KEYWORDS = new Set([
  "bsonType", "type", "enum", "required", "properties", "patternProperties", "additionalProperties", "minProperties",
  "maxProperties", "dependencies", "items", "additionalItems", "minItems", "maxItems", "uniqueItems", "minimum",
  "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "allOf",
  "anyOf", "oneOf", "not", "title", "description",
]);

const JSON_TYPES = new Set(["object", "array", "number", "boolean", "string", "null"]);

const BSON_TYPES: Record<string, number> = {
  double: 1, string: 2, object: 3, array: 4, binData: 5, undefined: 6, objectId: 7, bool: 8, date: 9, null: 10,
  regex: 11, dbPointer: 12, javascript: 13, symbol: 14, javascriptWithScope: 15, int: 16, timestamp: 17, long: 18,
  decimal: 19, minKey: -1, maxKey: 127,
};
const TYPE_NAMES = Object.fromEntries(Object.entries(BSON_TYPES).map(([name, code]) => [code, name])) as Record<number, string>;

function isDoc(v: unknown): v is Doc {
  return v !== null && typeof v === "object" && !Array.isArray(v) && bsonTypeOf(v) === undefined && !(v instanceof Date) && !(v instanceof RegExp) && !(v instanceof Uint8Array);
}

/** BSON type code of a decoded value (int32-range integral JS numbers are "int", as they are stored). */
function typeCode(v: unknown): number {
  if (v === undefined) return 6;
  if (v === null) return 10;
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) <= 0x7fffffff ? 16 : 1;
  if (typeof v === "string") return 2;
  if (typeof v === "boolean") return 8;
  if (Array.isArray(v)) return 4;
  if (v instanceof Date) return 9;
  if (v instanceof RegExp) return 11;
  if (v instanceof Uint8Array) return 5;
  switch (bsonTypeOf(v)) {
    case undefined: return 3;
    case "ObjectId": return 7;
    case "Binary": return 5;
    case "Long": return 18;
    case "Decimal128": return 19;
    case "Int32": return 16;
    case "Double": return 1;
    case "Timestamp": return 17;
    case "MinKey": return -1;
    case "MaxKey": return 127;
    case "BSONRegExp": return 11;
    case "Code": return 13;
    case "BSONSymbol": return 14;
    default: return 3;
  }
}

const isNumber = (v: unknown) => [1, 16, 18, 19].includes(typeCode(v));

function jsonType(v: unknown): string | undefined {
  const code = typeCode(v);
  if (isNumber(v)) return "number";
  return ({ 2: "string", 3: "object", 4: "array", 8: "boolean", 10: "null" } as Record<number, string>)[code];
}

const invalid = (message: string) => new MongoCommandError("FailedToParse", message);

/** Checks a schema as MongoDB's parser does before anything is matched: unknown keywords and bad values are errors. */
export function checkSchema(schema: unknown, path = "$jsonSchema"): asserts schema is Schema {
  if (!isDoc(schema)) throw new MongoCommandError("TypeMismatch", `${path} must be an object`);
  for (const [key, value] of Object.entries(schema)) {
    if (!KEYWORDS.has(key)) throw invalid(`Unknown $jsonSchema keyword: ${key}`);
    switch (key) {
      case "bsonType":
        for (const t of Array.isArray(value) ? value : [value]) {
          if (t !== "number" && BSON_TYPES[t as string] === undefined) throw new MongoCommandError("BadValue", `Unknown type name alias: ${String(t)}`);
        }
        break;
      case "type":
        for (const t of Array.isArray(value) ? value : [value]) {
          if (!JSON_TYPES.has(t as string)) throw new MongoCommandError("BadValue", `Unknown type name alias: ${String(t)}`);
        }
        break;
      case "properties":
      case "patternProperties":
        if (!isDoc(value)) throw new MongoCommandError("TypeMismatch", `$jsonSchema keyword '${key}' must be an object`);
        for (const [name, sub] of Object.entries(value)) checkSchema(sub, `${path}.${key}.${name}`);
        break;
      case "items":
        for (const sub of Array.isArray(value) ? value : [value]) checkSchema(sub, `${path}.items`);
        break;
      case "additionalProperties":
      case "additionalItems":
        if (typeof value !== "boolean") checkSchema(value, `${path}.${key}`);
        break;
      case "allOf":
      case "anyOf":
      case "oneOf":
        if (!Array.isArray(value) || value.length === 0) throw new MongoCommandError("BadValue", `$jsonSchema keyword '${key}' must be a non-empty array`);
        for (const sub of value) checkSchema(sub, `${path}.${key}`);
        break;
      case "not":
        checkSchema(value, `${path}.not`);
        break;
      case "required":
        if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== "string")) {
          throw new MongoCommandError("BadValue", "$jsonSchema keyword 'required' must be a non-empty array of strings");
        }
        break;
      case "enum":
        if (!Array.isArray(value) || value.length === 0) throw new MongoCommandError("BadValue", "$jsonSchema keyword 'enum' must be a non-empty array");
        break;
      case "pattern":
        if (typeof value !== "string") throw new MongoCommandError("TypeMismatch", "$jsonSchema keyword 'pattern' must be a string");
        break;
      case "dependencies":
        if (!isDoc(value)) throw new MongoCommandError("TypeMismatch", "$jsonSchema keyword 'dependencies' must be an object");
        for (const dep of Object.values(value)) if (!Array.isArray(dep)) checkSchema(dep, `${path}.dependencies`);
        break;
    }
  }
}

/** One broken rule, in MongoDB's errInfo shape (simplified: no nested details beyond properties/items). */
export type Violation = Doc;

/** The rules `value` breaks (empty: it satisfies the schema). */
export function violations(schema: Schema, value: unknown): Violation[] {
  const out: Violation[] = [];
  const code = typeCode(value);
  for (const [key, spec] of Object.entries(schema)) {
    switch (key) {
      case "bsonType":
      case "type": {
        const names = (Array.isArray(spec) ? spec : [spec]) as string[];
        const ok = names.some((t) =>
          key === "type" ? jsonType(value) === t : t === "number" ? isNumber(value) : BSON_TYPES[t] === code,
        );
        if (!ok) out.push({ operatorName: key, specifiedAs: { [key]: spec }, reason: "type did not match", consideredValue: value, consideredType: TYPE_NAMES[code] ?? "object" });
        break;
      }
      case "enum":
        if (!(spec as unknown[]).some((v) => valuesEqual(v, value))) out.push({ operatorName: "enum", specifiedAs: { enum: spec }, reason: "value was not found in enum", consideredValue: value });
        break;
      case "not":
        if (violations(spec as Schema, value).length === 0) out.push({ operatorName: "not", specifiedAs: { not: spec }, reason: "child expression matched" });
        break;
      case "allOf": {
        const failed = (spec as Schema[]).map((s, index) => ({ index, details: violations(s, value) })).filter((f) => f.details.length > 0);
        if (failed.length > 0) out.push({ operatorName: "allOf", schemasNotSatisfied: failed });
        break;
      }
      case "anyOf":
        if (!(spec as Schema[]).some((s) => violations(s, value).length === 0)) out.push({ operatorName: "anyOf", specifiedAs: { anyOf: spec }, reason: "no schema matched" });
        break;
      case "oneOf": {
        const matched = (spec as Schema[]).filter((s) => violations(s, value).length === 0).length;
        if (matched !== 1) out.push({ operatorName: "oneOf", specifiedAs: { oneOf: spec }, reason: matched === 0 ? "no schema matched" : "more than one schema matched" });
        break;
      }
    }
  }
  if (isDoc(value)) objectViolations(schema, value, out);
  else if (Array.isArray(value)) arrayViolations(schema, value, out);
  else if (typeof value === "string") stringViolations(schema, value, out);
  else if (isNumber(value)) numberViolations(schema, value, out);
  return out;
}

function objectViolations(schema: Schema, doc: Doc, out: Violation[]): void {
  const keys = Object.keys(doc);
  if (Array.isArray(schema.required)) {
    const missing = (schema.required as string[]).filter((name) => doc[name] === undefined);
    if (missing.length > 0) out.push({ operatorName: "required", specifiedAs: { required: schema.required }, missingProperties: missing });
  }
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  const notSatisfied: Doc[] = [];
  for (const [name, sub] of Object.entries(properties)) {
    if (doc[name] === undefined) continue;
    const details = violations(sub, doc[name]);
    if (details.length > 0) notSatisfied.push({ propertyName: name, details });
  }
  if (notSatisfied.length > 0) out.push({ operatorName: "properties", propertiesNotSatisfied: notSatisfied });
  const patterns = Object.entries((schema.patternProperties as Record<string, Schema> | undefined) ?? {}).map(([p, s]) => [new RegExp(p, "u"), s] as const);
  for (const key of keys) {
    for (const [re, sub] of patterns) {
      if (re.test(key) && violations(sub, doc[key]).length > 0) out.push({ operatorName: "patternProperties", propertyName: key, reason: "property did not match pattern schema" });
    }
  }
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== true) {
    const extra = keys.filter((key) => !(key in properties) && !patterns.some(([re]) => re.test(key)));
    if (schema.additionalProperties === false) {
      if (extra.length > 0) out.push({ operatorName: "additionalProperties", specifiedAs: { additionalProperties: false }, additionalProperties: extra });
    } else {
      for (const key of extra) if (violations(schema.additionalProperties as Schema, doc[key]).length > 0) out.push({ operatorName: "additionalProperties", propertyName: key, reason: "additional property did not match schema" });
    }
  }
  if (typeof schema.minProperties === "number" && keys.length < schema.minProperties) out.push({ operatorName: "minProperties", specifiedAs: { minProperties: schema.minProperties }, reason: "specified number of properties was not satisfied", numberOfProperties: keys.length });
  if (typeof schema.maxProperties === "number" && keys.length > schema.maxProperties) out.push({ operatorName: "maxProperties", specifiedAs: { maxProperties: schema.maxProperties }, reason: "specified number of properties was not satisfied", numberOfProperties: keys.length });
  for (const [name, dep] of Object.entries((schema.dependencies as Doc | undefined) ?? {})) {
    if (doc[name] === undefined) continue;
    const broken = Array.isArray(dep) ? dep.some((d) => doc[d as string] === undefined) : violations(dep as Schema, doc).length > 0;
    if (broken) out.push({ operatorName: "dependencies", propertyName: name, reason: "dependency not satisfied" });
  }
}

function arrayViolations(schema: Schema, array: unknown[], out: Violation[]): void {
  if (typeof schema.minItems === "number" && array.length < schema.minItems) out.push({ operatorName: "minItems", specifiedAs: { minItems: schema.minItems }, reason: "array did not match specified length", consideredValue: array });
  if (typeof schema.maxItems === "number" && array.length > schema.maxItems) out.push({ operatorName: "maxItems", specifiedAs: { maxItems: schema.maxItems }, reason: "array did not match specified length", consideredValue: array });
  if (schema.uniqueItems === true && array.some((v, i) => array.findIndex((w) => valuesEqual(v, w)) !== i)) out.push({ operatorName: "uniqueItems", specifiedAs: { uniqueItems: true }, reason: "found a duplicate item", consideredValue: array });
  const items = schema.items;
  if (isDoc(items)) {
    const failed = array.map((item, index) => ({ index, details: violations(items, item) })).filter((f) => f.details.length > 0);
    if (failed.length > 0) out.push({ operatorName: "items", reason: "At least one item did not match the sub-schema", itemIndex: failed[0]!.index, details: failed[0]!.details });
  } else if (Array.isArray(items)) {
    items.forEach((sub, index) => {
      if (index < array.length && violations(sub as Schema, array[index]).length > 0) out.push({ operatorName: "items", reason: "An item did not match its positional sub-schema", itemIndex: index });
    });
    const extra = array.slice(items.length);
    if (schema.additionalItems === false && extra.length > 0) out.push({ operatorName: "additionalItems", specifiedAs: { additionalItems: false }, reason: "found additional items" });
    else if (isDoc(schema.additionalItems) && extra.some((item) => violations(schema.additionalItems as Schema, item).length > 0)) out.push({ operatorName: "additionalItems", reason: "an additional item did not match the schema" });
  }
}

function stringViolations(schema: Schema, s: string, out: Violation[]): void {
  const length = [...s].length;
  if (typeof schema.minLength === "number" && length < schema.minLength) out.push({ operatorName: "minLength", specifiedAs: { minLength: schema.minLength }, reason: "specified string length was not satisfied", consideredValue: s });
  if (typeof schema.maxLength === "number" && length > schema.maxLength) out.push({ operatorName: "maxLength", specifiedAs: { maxLength: schema.maxLength }, reason: "specified string length was not satisfied", consideredValue: s });
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(s)) out.push({ operatorName: "pattern", specifiedAs: { pattern: schema.pattern }, reason: "regular expression did not match", consideredValue: s });
}

function numberViolations(schema: Schema, n: unknown, out: Violation[]): void {
  const below = (limit: unknown, exclusive: boolean) => {
    const c = compareValues(n, limit);
    return exclusive ? c <= 0 : c < 0;
  };
  if (schema.minimum !== undefined && below(schema.minimum, schema.exclusiveMinimum === true)) out.push({ operatorName: "minimum", specifiedAs: { minimum: schema.minimum }, reason: "comparison failed", consideredValue: n });
  if (schema.maximum !== undefined && compareValues(n, schema.maximum) > (schema.exclusiveMaximum === true ? -1 : 0)) out.push({ operatorName: "maximum", specifiedAs: { maximum: schema.maximum }, reason: "comparison failed", consideredValue: n });
  if (schema.multipleOf !== undefined) {
    const value = Number(numericValue(n));
    const divisor = Number(numericValue(schema.multipleOf));
    if (!Number.isFinite(value / divisor) || Math.abs(value / divisor - Math.round(value / divisor)) > 1e-9) out.push({ operatorName: "multipleOf", specifiedAs: { multipleOf: schema.multipleOf }, reason: "considered value was not a multiple", consideredValue: n });
  }
}

/** The `$jsonSchema` query operator (top level of a filter or validator). */
export function jsonSchemaOperator(_selector: string, schema: unknown): (obj: Doc) => boolean {
  checkSchema(schema);
  return (obj) => violations(schema, obj).length === 0;
}
