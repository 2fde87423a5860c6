/**
 * Applying `u` of an update statement to a document with mingo: update operators, replacement documents and
 * pipeline-style updates; plus the document an upsert inserts. Enforces MongoDB's rules (immutable _id,
 * conflicting paths, unknown modifiers) before anything reaches storage.
 */
import { BSON, type Document } from "bson";
import { Aggregator } from "mingo/aggregator";
import { update as mingoUpdate } from "mingo/updater";
import { MongoCommandError } from "../errors";
import { mingoOptions, translateMingoError } from "../query/match";
import { valuesEqual } from "../query/compare";
import { copyExact, looseNumbers } from "../bson-numbers";
import { checkStorable, isPlainObject, withIdFirst } from "../command-helpers/documents";
import { applyFieldUpdate } from "./field-update";
import {
  escapeDocument,
  escapeSpec,
  mentionsPrototypeNames,
  ownField,
  setOwnField,
  unescapeDocument,
  unescapeMessage,
} from "../query/prototype-names";
import { isPositionalPart, resolvePositionalPaths } from "./positional";
import { pullAsSet } from "./pull";

const UPDATE_OPERATORS = new Set([
  "$set",
  "$unset",
  "$inc",
  "$mul",
  "$rename",
  "$min",
  "$max",
  "$currentDate",
  "$addToSet",
  "$pop",
  "$pull",
  "$pullAll",
  "$push",
  "$bit",
  "$setOnInsert",
]);
const PIPELINE_UPDATE_STAGES = new Set([
  "$addFields",
  "$set",
  "$project",
  "$unset",
  "$replaceRoot",
  "$replaceWith",
]);

export type UpdateSpec =
  | { kind: "replacement"; doc: Document }
  | { kind: "operators"; ops: Document }
  | { kind: "pipeline"; stages: Document[] };

export interface UpdateEnv {
  arrayFilters?: Document[];
  /** The statement's filter, for the positional `$` operator. */
  query: Document;
  let?: Document;
  /** Constants (`c`) for pipeline updates. */
  constants?: Document;
  collation?: Document;
}

export function classifyUpdate(u: unknown): UpdateSpec {
  if (Array.isArray(u)) {
    for (const stage of u) {
      const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
      if (!name || !PIPELINE_UPDATE_STAGES.has(name)) {
        throw new MongoCommandError(
          "InvalidOptions",
          `${name ?? "a non-object stage"} is not allowed to be used within an update`,
        );
      }
    }
    return { kind: "pipeline", stages: u as Document[] };
  }
  if (!isPlainObject(u)) throw new MongoCommandError("FailedToParse", "Update argument must be either an object or an array");
  const keys = Object.keys(u);
  if (keys.length === 0 || !keys[0]!.startsWith("$")) {
    for (const key of keys) {
      if (key.startsWith("$")) {
        throw new MongoCommandError(
          "DollarPrefixedFieldName",
          `The dollar ($) prefixed field '${key}' in '${key}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
        );
      }
    }
    return { kind: "replacement", doc: u };
  }
  for (const key of keys) {
    if (!UPDATE_OPERATORS.has(key)) {
      throw new MongoCommandError(
        "FailedToParse",
        `Unknown modifier: ${key}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    const arg = u[key];
    if (!isPlainObject(arg)) {
      throw new MongoCommandError(
        "FailedToParse",
        `Modifiers operate on fields but we found type ${Array.isArray(arg) ? "array" : typeof arg} instead. For example: {$mod: {<field>: ...}} not {${key}: ${JSON.stringify(arg)}}`,
      );
    }
  }
  checkConflictingPaths(u);
  return { kind: "operators", ops: u };
}

/** Two operators (or one) touching the same path or a path and its prefix conflict in MongoDB. */
function checkConflictingPaths(ops: Document): void {
  const seen: string[] = [];
  for (const [op, arg] of Object.entries(ops)) {
    const paths = Object.keys(arg as Document);
    if (op === "$rename") paths.push(...Object.values(arg as Document).filter((v): v is string => typeof v === "string"));
    for (const path of paths) {
      if (path === "") throw new MongoCommandError("EmptyFieldName", "An empty update path is not valid.");
      // Positional parts stay: `a.$[].x` and `a.$[i].x` clash only if they reach the same element, which
      // is checked once they are resolved (positional.ts).
      const normalized = path;
      for (const other of seen) {
        if (other === normalized || other.startsWith(`${normalized}.`) || normalized.startsWith(`${other}.`)) {
          throw new MongoCommandError(
            "ConflictingUpdateOperators",
            `Updating the path '${path}' would create a conflict at '${other.length < normalized.length ? other : normalized}'`,
          );
        }
      }
      seen.push(normalized);
    }
  }
}

function serialize(doc: Document): Uint8Array {
  return BSON.serialize(doc);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

function runPipeline(doc: Document, stages: Document[], env: UpdateEnv): Document {
  if (mentionsPrototypeNames(stages)) {
    return unescapeDocument(runPipelineOn(escapeDocument(doc), escapeSpec(stages), env));
  }
  return runPipelineOn(doc, stages, env);
}

function runPipelineOn(doc: Document, stages: Document[], env: UpdateEnv): Document {
  const variables = { ...(env.let ?? {}), ...(env.constants ?? {}) };
  try {
    const out = new Aggregator(stages, { ...mingoOptions({ let: variables, collation: env.collation }) }).run([looseNumbers(doc)]);
    const result = out[0];
    if (!isPlainObject(result)) throw new MongoCommandError("BadValue", "pipeline update produced no document");
    return result;
  } catch (error) {
    throw translateMingoError(error);
  }
}

function applyOperators(doc: Document, ops: Document, env: UpdateEnv, inserting: boolean): boolean {
  if (!mentionsPrototypeNames(ops) && !mentionsPrototypeNames(env.arrayFilters) && !mentionsPrototypeNames(env.query)) {
    return applyOperatorsTo(doc, ops, env, inserting);
  }
  // Runs on an escaped copy (see prototype-names.ts), then puts the result back into `doc`.
  const escaped = escapeDocument(doc);
  const escapedEnv = { ...env, arrayFilters: escapeSpec(env.arrayFilters), query: escapeSpec(env.query) };
  let changed: boolean;
  try {
    changed = applyOperatorsTo(escaped, escapeSpec(ops), escapedEnv, inserting);
  } catch (error) {
    if (error instanceof MongoCommandError) error.message = unescapeMessage(error.message);
    throw error;
  }
  if (changed) {
    for (const key of Object.keys(doc)) delete doc[key];
    const result = unescapeDocument(escaped);
    for (const key of Object.keys(result)) setOwnField(doc, key, ownField(result, key));
  }
  return changed;
}

function applyOperatorsTo(doc: Document, ops: Document, env: UpdateEnv, inserting: boolean): boolean {
  let modifier = ops;
  if ("$setOnInsert" in ops) {
    const { $setOnInsert, ...rest } = ops;
    modifier = inserting ? { ...rest, $set: { ...((rest.$set as Document) ?? {}), ...($setOnInsert as Document) } } : rest;
  }
  if (Object.keys(modifier).length === 0) return false;
  if (!inserting) refuseTopLevelDollarPaths(modifier);
  modifier = resolvePositionalPaths(doc, modifier, env.query, env.arrayFilters, env.collation);
  const checked = checkOperatorTargets(doc, modifier);
  modifier = pullAsSet(doc, checked.ops, env.collation);
  if (Object.keys(modifier).length === 0) return false;
  const changed = applyFieldUpdate(doc, modifier);
  if (changed !== undefined) return changed;
  // mingo's operators compute with JS numbers only (bson-numbers.ts).
  for (const key of Object.keys(doc)) doc[key] = looseNumbers(doc[key]);
  modifier = looseNumbers(modifier);
  if (checkOperatorTargets(doc, modifier).int64OrDecimalArithmetic) {
    // mingo's $inc/$mul leave Long and Decimal128 values unchanged (or call them non-numeric): refuse rather
    // than answer differently from MongoDB.
    throw new MongoCommandError(
      "CommandNotSupported",
      "$inc/$mul on a Long or Decimal128 value is only supported by the embedded server as a plain $inc (no $mul, array paths or positional operators)",
    );
  }
  try {
    // Our shared mingo options cost ~40µs per call (mingo rebuilds its operator context); plain field
    // operators never compare values, so they run without them.
    const changed = isPlainModifier(modifier)
      ? mingoUpdate(doc, modifier as never, undefined, undefined, { cloneMode: "deep" })
      : mingoUpdate(doc, modifier as never, undefined, env.query, {
          cloneMode: "deep",
          queryOptions: mingoOptions({ let: env.let, collation: env.collation }),
        });
    return changed.length > 0;
  } catch (error) {
    throw translateUpdateError(error);
  }
}

/**
 * An update operator may not create a top-level `$`-prefixed field in an existing document (an upsert's insert
 * may): manual "Field Names with Periods and Dollar Signs", dollar-prefix section.
 */
function refuseTopLevelDollarPaths(ops: Document): void {
  for (const [op, arg] of Object.entries(ops)) {
    const paths = Object.keys(arg as Document);
    if (op === "$rename") paths.push(...Object.values(arg as Document).filter((v): v is string => typeof v === "string"));
    for (const path of paths) {
      const first = path.split(".")[0]!;
      if (first.startsWith("$") && !isPositionalPart(first)) {
        throw new MongoCommandError(
          "DollarPrefixedFieldName",
          `The dollar ($) prefixed field '${first}' in '${path}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
        );
      }
    }
  }
}

function translateUpdateError(error: unknown): unknown {
  if (error instanceof MongoCommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/immutable field '_id'/.test(message)) return immutableIdModified();
  if (/non-numeric argument/.test(message)) return new MongoCommandError("TypeMismatch", message);
  const unknown = /Unknown update operator: '(\$[^']+)'/.exec(message);
  if (unknown) {
    return new MongoCommandError(
      "FailedToParse",
      `Unknown modifier: ${unknown[1]}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  return translateMingoError(error);
}

export interface AppliedUpdate {
  doc: Document;
  modified: boolean;
}

/** Applies `spec` to an existing document (which it may mutate). */
export function applyUpdate(original: Document, spec: UpdateSpec, env: UpdateEnv): AppliedUpdate {
  const id = original._id;
  let doc: Document;
  let modified: boolean;
  if (spec.kind === "replacement") {
    if ("_id" in spec.doc && !valuesEqual(spec.doc._id, id)) throw immutableIdReplaced(spec.doc._id);
    doc = withIdFirst(spec.doc, id);
    modified = !sameBytes(serialize(doc), serialize(original));
  } else if (spec.kind === "pipeline") {
    const before = serialize(original);
    doc = runPipeline(original, spec.stages, env);
    // A pipeline whose output lacks `_id` ($replaceRoot of a sub-document, $project) keeps the original one.
    if ("_id" in doc && !valuesEqual(doc._id, id)) throw immutableIdModified();
    doc = withIdFirst(doc, id);
    modified = !sameBytes(serialize(doc), before);
  } else {
    doc = original;
    modified = applyOperators(doc, spec.ops, env, false);
    if (modified && (!("_id" in doc) || !valuesEqual(doc._id, id))) throw immutableIdModified();
  }
  if (modified) checkStorable(doc);
  return { doc, modified };
}

/** The document an upsert inserts when nothing matched: equality fields of the query, then the update. */
export function upsertDocument(spec: UpdateSpec, env: UpdateEnv): Document {
  const seed = seedFromQuery(env.query);
  let doc: Document;
  if (spec.kind === "replacement") {
    const id = "_id" in spec.doc ? spec.doc._id : seed._id;
    doc = withIdFirst(spec.doc, id);
  } else if (spec.kind === "pipeline") {
    const result = runPipeline(seed, spec.stages, env);
    doc = withIdFirst(result, "_id" in result ? undefined : seed._id);
  } else {
    doc = seed;
    applyOperators(doc, spec.ops, env, true);
    if ("_id" in seed && "_id" in doc && seed._id !== undefined && !valuesEqual(doc._id, seed._id)) {
      throw immutableIdModified();
    }
    doc = withIdFirst(doc);
  }
  checkStorable(doc);
  return doc;
}

function setPath(target: Document, path: string, value: unknown): void {
  const parts = path.split(".");
  let cursor: Document = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    const next = ownField(cursor, part);
    if (!isPlainObject(next)) {
      if (next !== undefined) return; // conflicting shapes: MongoDB would refuse; keep the first
      setOwnField(cursor, part, {});
    }
    cursor = ownField(cursor, part) as Document;
  }
  setOwnField(cursor, parts[parts.length - 1]!, value);
}

function isOperatorObject(value: unknown): value is Document {
  return isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value)[0]!.startsWith("$");
}

/** Fields an upsert copies from its query: plain equalities, `$eq`, and those inside `$and`. */
export function seedFromQuery(query: Document): Document {
  const seed: Document = {};
  const visit = (q: Document) => {
    for (const [key, value] of Object.entries(q)) {
      if (key === "$and" && Array.isArray(value)) {
        for (const sub of value) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (key.startsWith("$")) continue;
      if (isOperatorObject(value)) {
        if ("$eq" in value) setPath(seed, key, structuredCloneBson(value.$eq));
        continue;
      }
      if (value instanceof RegExp) continue;
      setPath(seed, key, structuredCloneBson(value));
    }
  };
  visit(query);
  return seed;
}

function structuredCloneBson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  return copyExact(value);
}

function immutableIdModified(): MongoCommandError {
  return new MongoCommandError("ImmutableField", "Performing an update on the path '_id' would modify the immutable field '_id'");
}

function immutableIdReplaced(value: unknown): MongoCommandError {
  return new MongoCommandError(
    "ImmutableField",
    `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${JSON.stringify(value)}`,
  );
}

const NUMERIC_OPS = new Set(["$inc", "$mul"]);
const ARRAY_OPS = new Set(["$push", "$addToSet", "$pop", "$pull", "$pullAll"]);

function typeLabel(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "double";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "object") return isPlainObject(value) ? "object" : ((value as { _bsontype?: string })._bsontype ?? "object");
  return typeof value;
}

function isNumericValue(value: unknown): boolean {
  const tag = (value as { _bsontype?: string } | null)?._bsontype;
  return typeof value === "number" || tag === "Long" || tag === "Decimal128" || tag === "Int32" || tag === "Double";
}

/**
 * mingo's updater skips, rather than refuses, several updates MongoDB rejects; check them first so a client
 * never gets a silently different result: traversing a scalar (PathNotViable), $inc/$mul on non-numbers,
 * array operators on non-arrays. Also dedupes `$addToSet: { $each }` lists, which MongoDB does.
 */
function checkOperatorTargets(doc: Document, ops: Document): { ops: Document; int64OrDecimalArithmetic: boolean } {
  let result = ops;
  let int64OrDecimalArithmetic = false;
  for (const [op, arg] of Object.entries(ops)) {
    for (const [path, value] of Object.entries(arg as Document)) {
      if (path.includes("$")) continue; // positional paths are resolved by mingo
      const parts = path.split(".");
      let current: unknown = doc;
      let i = 0;
      for (; i < parts.length; i++) {
        if (current === undefined) break;
        if (Array.isArray(current)) {
          if (!/^\d+$/.test(parts[i]!)) {
            if (op === "$unset") break;
            throw new MongoCommandError(
              "PathNotViable",
              `Cannot create field '${parts[i]}' in element {${parts[i - 1]}: ${JSON.stringify(current)}}`,
            );
          }
          current = current[Number(parts[i])];
          continue;
        }
        if (!isPlainObject(current)) {
          if (op === "$unset") break;
          throw new MongoCommandError(
            "PathNotViable",
            `Cannot create field '${parts[i]}' in element {${parts[i - 1]}: ${JSON.stringify(current)}}`,
          );
        }
        current = ownField(current, parts[i]!);
      }
      if (i < parts.length || current === undefined) {
        if (op === "$pop" || op === "$pull" || op === "$pullAll") continue;
      } else if (NUMERIC_OPS.has(op) && !isNumericValue(current)) {
        throw new MongoCommandError(
          "TypeMismatch",
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${parts[parts.length - 1]}' of non-numeric type ${typeLabel(current)}`,
        );
      } else if (ARRAY_OPS.has(op) && !Array.isArray(current)) {
        throw new MongoCommandError(
          op === "$pop" ? "TypeMismatch" : "BadValue",
          `The field '${path}' must be an array but is of type ${typeLabel(current)} in document {_id: ${JSON.stringify(doc._id)}}`,
        );
      }
      if (NUMERIC_OPS.has(op) && (isInt64OrDecimal(value) || (i === parts.length && isInt64OrDecimal(current)))) {
        int64OrDecimalArithmetic = true;
      }
      if (NUMERIC_OPS.has(op) && !isNumericValue(value)) {
        throw new MongoCommandError("TypeMismatch", `Cannot ${op === "$inc" ? "increment" : "multiply"} with non-numeric argument: {${path}: ${JSON.stringify(value)}}`);
      }
      if (op === "$addToSet" && isPlainObject(value) && Array.isArray(value.$each)) {
        const unique: unknown[] = [];
        for (const item of value.$each) if (!unique.some((u) => valuesEqual(u, item))) unique.push(item);
        if (unique.length !== value.$each.length) {
          result = { ...result, $addToSet: { ...(result.$addToSet as Document), [path]: { ...value, $each: unique } } };
        }
      }
    }
  }
  return { ops: result, int64OrDecimalArithmetic };
}

function isInt64OrDecimal(value: unknown): boolean {
  const tag = (value as { _bsontype?: string } | null)?._bsontype;
  return tag === "Long" || tag === "Decimal128";
}

const PLAIN_OPERATORS = new Set(["$set", "$unset", "$inc", "$mul", "$currentDate", "$rename"]);

function isPlainModifier(modifier: Document): boolean {
  for (const [op, arg] of Object.entries(modifier)) {
    if (!PLAIN_OPERATORS.has(op)) return false;
    for (const path of Object.keys(arg as Document)) if (path.includes("$")) return false;
  }
  return true;
}
