/** Collection validators (`create`/`collMod` `validator`), honouring validationLevel/validationAction. */
import type { Document } from "bson";
import type { Namespace } from "../engine/types";
import { MongoCommandError } from "../errors";
import { violations, type Schema } from "../query/json-schema";
import { compileFilter } from "../query/match";
import type { CommandContext } from "../server-context";

export interface DocumentValidator {
  /** Throws DocumentValidationFailure (121) when `doc` may not be stored. `previous` is the pre-update document. */
  check(doc: Document, previous?: Document): void;
  /** validationLevel "moderate" needs the pre-update document. */
  readonly needsPrevious: boolean;
}

const NO_VALIDATION: DocumentValidator = { check() {}, needsPrevious: false };

export function collectionValidator(ctx: CommandContext, n: Namespace, bypass: boolean): DocumentValidator {
  if (bypass) return NO_VALIDATION;
  const info = ctx.engine.getCollection(n, ctx.txn);
  const options = info?.options;
  const validator = options?.validator as Document | undefined;
  if (!validator || Object.keys(validator).length === 0) return NO_VALIDATION;
  const level = (options?.validationLevel as string | undefined) ?? "strict";
  const action = (options?.validationAction as string | undefined) ?? "error";
  if (level === "off" || action === "warn") return NO_VALIDATION;
  const matches = compileFilter(validator);
  return {
    needsPrevious: level === "moderate",
    check(doc, previous) {
      if (matches(doc)) return;
      // moderate: updates to documents that were already invalid are not checked.
      if (level === "moderate" && previous !== undefined && !matches(previous)) return;
      throw new MongoCommandError("DocumentValidationFailure", "Document failed validation", {
        extra: { errInfo: { failingDocumentId: doc._id, details: failureDetails(validator, doc) } },
      });
    },
  };
}

/**
 * Why `doc` fails `validator`, in the shape of MongoDB's `errInfo.details` (manual: "Schema Validation", "View
 * Validation Rules"): the `$jsonSchema` rules not satisfied, or the top-level clauses that did not match.
 */
function failureDetails(validator: Document, doc: Document): Document {
  const keys = Object.keys(validator);
  const schemaDetails = (schema: unknown) => ({ operatorName: "$jsonSchema", schemaRulesNotSatisfied: violations(schema as Schema, doc) });
  if (keys.length === 1 && keys[0] === "$jsonSchema") return schemaDetails(validator.$jsonSchema);
  const clausesNotSatisfied = keys
    .map((key, index) => ({ key, index }))
    .filter(({ key }) => !compileFilter({ [key]: validator[key] })(doc))
    .map(({ key, index }) => ({
      index,
      details:
        key === "$jsonSchema"
          ? schemaDetails(validator.$jsonSchema)
          : { operatorName: key.startsWith("$") ? key : "$eq", specifiedAs: { [key]: validator[key] }, reason: "expression did not match", ...(key.startsWith("$") ? {} : { consideredValue: doc[key] }) },
    }));
  return { operatorName: "$and", clausesNotSatisfied };
}

const LEVELS = ["off", "strict", "moderate"];
const ACTIONS = ["error", "warn"];

/**
 * The validator options of a `create` or `collMod` command (validator, validationLevel, validationAction),
 * checked as MongoDB checks them before anything is stored; only the fields the command names are returned.
 */
export function validatorOptions(cmd: Document, command: "create" | "collMod"): Document {
  const out: Document = {};
  if (cmd.validationLevel !== undefined) {
    if (!LEVELS.includes(cmd.validationLevel as string)) {
      throw new MongoCommandError("BadValue", `Enumeration value '${String(cmd.validationLevel)}' for field '${command}.validationLevel' is not a valid value.`);
    }
    out.validationLevel = cmd.validationLevel;
  }
  if (cmd.validationAction !== undefined) {
    if (!ACTIONS.includes(cmd.validationAction as string)) {
      throw new MongoCommandError("BadValue", `Enumeration value '${String(cmd.validationAction)}' for field '${command}.validationAction' is not a valid value.`);
    }
    out.validationAction = cmd.validationAction;
  }
  if (cmd.validator !== undefined) {
    const validator = cmd.validator as Document;
    for (const key of Object.keys(validator)) {
      if (key === "$where" || key === "$near" || key === "$nearSphere" || key === "$text") {
        throw new MongoCommandError("InvalidOptions", `${key} is not allowed in collection validators`);
      }
    }
    compileFilter(validator); // a validator MongoDB would reject is refused up front
    out.validator = validator;
  }
  return out;
}
