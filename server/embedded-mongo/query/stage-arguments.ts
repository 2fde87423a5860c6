/**
 * The argument types MongoDB's stage parsers check before a pipeline runs, with their codes, so a `null` (or
 * any wrong type) where a stage expects an object, a number or a string is answered as MongoDB answers it
 * instead of with a JavaScript TypeError from inside mingo. Applied to every stage mingo builds, so
 * sub-pipelines (`$facet`, `$lookup`, `$unionWith`) are checked too.
 */
import { MongoCommandError } from "../errors";
import { bsonTypeOf, typeNameOf as typeName } from "./compare";

type Check = (spec: unknown) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && bsonTypeOf(v) === undefined;
const isNumber = (v: unknown) => typeof v === "number" || ["Int32", "Double", "Long", "Decimal128"].includes(bsonTypeOf(v) ?? "");

function fail(code: `Location${number}` | "FailedToParse" | "TypeMismatch", message: string): never {
  throw new MongoCommandError(code, message);
}

function object(code: `Location${number}` | "FailedToParse", message: (spec: unknown) => string): Check {
  return (spec) => {
    if (!isObject(spec)) fail(code, message(spec));
  };
}

/** IDL-parsed stages: a required object field. */
function requiredObjectField(stage: string, field: string, spec: Record<string, unknown>): void {
  const value = spec[field];
  if (value === undefined || value === null) fail("Location40414", `BSON field '${stage}.${field}' is missing but a required field`);
  if (!isObject(value)) fail("TypeMismatch", `BSON field '${stage}.${field}' is the wrong type '${typeName(value)}', expected type 'object'`);
}

function pipelineField(stage: string, field: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) fail("TypeMismatch", `BSON field '${stage}.${field}' is the wrong type '${typeName(value)}', expected type 'array'`);
  checkStageObjects(value);
}

/** Each element of a (sub-)pipeline is a document with one field, the stage's name. */
export function checkStageObjects(pipeline: unknown[]): void {
  for (const stage of pipeline) {
    if (!isObject(stage) || Object.keys(stage).length !== 1) {
      fail("Location40323", "A pipeline stage specification object must contain exactly one field.");
    }
  }
}

function stringFields(spec: Record<string, unknown>, fields: string[], code: `Location${number}` | "FailedToParse", stage: string): void {
  for (const field of fields) {
    if (spec[field] !== undefined && typeof spec[field] !== "string") {
      fail(code, `${stage} argument '${field}' must be a string, found ${typeName(spec[field])}`);
    }
  }
}

const CHECKS: Record<string, Check> = {
  $match: object("Location15959", () => "the match filter must be an expression in an object"),
  $project: object("Location15969", () => "$project specification must be an object"),
  $group: object("Location15947", () => "a group's fields must be specified in an object"),
  $sort: object("Location15973", () => "the $sort key specification must be an object"),
  $limit: (spec) => {
    if (!isNumber(spec)) fail("Location15957", "the limit must be specified as a number");
  },
  $skip: (spec) => {
    if (!isNumber(spec)) fail("Location15972", "Argument to $skip must be a number");
  },
  $unwind: (spec) => {
    if (typeof spec !== "string" && !isObject(spec)) {
      fail("Location15981", `expected either a string or an object as specification for $unwind stage, got ${typeName(spec)}`);
    }
    if (isObject(spec) && typeof spec.path !== "string") fail("Location28812", "no path specified to $unwind stage");
  },
  $lookup: (spec) => {
    if (!isObject(spec)) fail("FailedToParse", `the $lookup stage specification must be an object, but found ${typeName(spec)}`);
    stringFields(spec, ["from", "as", "localField", "foreignField"], "FailedToParse", "$lookup");
    pipelineField("$lookup", "pipeline", spec.pipeline);
  },
  $addFields: object("Location40272", (spec) => `$addFields specification stage must be an object, got ${typeName(spec)}`),
  $set: object("Location40272", (spec) => `$set specification stage must be an object, got ${typeName(spec)}`),
  $bucket: (spec) => {
    if (!isObject(spec)) fail("Location40201", `Argument to $bucket stage must be an object, but found type: ${typeName(spec)}.`);
    if (spec.groupBy === undefined || spec.boundaries === undefined) fail("Location40198", "$bucket requires 'groupBy' and 'boundaries' to be specified.");
    if (!Array.isArray(spec.boundaries)) fail("Location40200", `The $bucket 'boundaries' field must be an array, but found type: ${typeName(spec.boundaries)}.`);
  },
  $bucketAuto: (spec) => {
    if (!isObject(spec)) fail("Location40240", `The argument to $bucketAuto must be an object, but found type: ${typeName(spec)}.`);
    if (spec.groupBy === undefined || spec.buckets === undefined) fail("Location40246", "$bucketAuto requires 'groupBy' and 'buckets' to be specified");
  },
  $facet: (spec) => {
    if (!isObject(spec) || Object.keys(spec).length === 0) fail("Location15955", "the $facet specification must be a non-empty object");
    for (const [name, pipeline] of Object.entries(spec)) {
      if (!Array.isArray(pipeline)) fail("Location40170", `arguments to $facet must be arrays, ${name} is type ${typeName(pipeline)}`);
      checkStageObjects(pipeline);
    }
  },
  $replaceRoot: object("FailedToParse", (spec) => `$replaceRoot stage specification must be an object, found ${typeName(spec)}`),
  $count: (spec) => {
    if (typeof spec !== "string" || spec.length === 0) fail("Location40156", "the count field must be a non-empty string");
  },
  $sortByCount: (spec) => {
    if (typeof spec !== "string" && !isObject(spec)) fail("Location40149", "the sortByCount field must be specified as a string or as an object");
  },
  $unionWith: (spec) => {
    if (typeof spec === "string") return;
    if (!isObject(spec)) fail("FailedToParse", `the $unionWith stage specification must be an object or string, but found ${typeName(spec)}`);
    pipelineField("$unionWith", "pipeline", spec.pipeline);
  },
  $graphLookup: (spec) => {
    if (!isObject(spec)) fail("Location40327", `the $graphLookup stage specification must be an object, but found ${typeName(spec)}`);
    for (const field of ["from", "as", "connectFromField", "connectToField"]) {
      if (spec[field] !== undefined && typeof spec[field] !== "string") {
        fail("Location40103", `expected string as argument for ${field}, found: ${typeName(spec[field])}`);
      }
    }
  },
  $redact: (spec) => {
    if (spec === null || spec === undefined) {
      fail("Location17053", "$redact's expression should not return anything aside from the variables $$KEEP, $$DESCEND, and $$PRUNE, but returned null");
    }
  },
  $unset: (spec) => {
    if (typeof spec !== "string" && !Array.isArray(spec)) fail("Location31002", "$unset specification must be a string or an array");
  },
  $setWindowFields: (spec) => {
    if (!isObject(spec)) fail("FailedToParse", `The $setWindowFields stage specification must be an object, found ${typeName(spec)}`);
    requiredObjectField("$setWindowFields", "output", spec);
    for (const [name, fn] of Object.entries(spec.output as Record<string, unknown>)) {
      if (!isObject(fn)) fail("FailedToParse", `Window function found in $setWindowFields.output.${name} must be an object, found ${typeName(fn)}`);
    }
  },
  $fill: (spec) => {
    if (!isObject(spec)) fail("FailedToParse", `The $fill stage specification must be an object, found ${typeName(spec)}`);
    requiredObjectField("$fill", "output", spec);
  },
  $documents: (spec) => {
    if (!Array.isArray(spec) && !isObject(spec) && typeof spec !== "string") {
      fail("Location5858203", "an array is expected");
    }
  },
};

/** Throws MongoDB's parse error when `spec` is not what stage `name` takes; nothing for unchecked stages. */
export function checkStageArguments(name: string, spec: unknown): void {
  CHECKS[name]?.(spec);
}
