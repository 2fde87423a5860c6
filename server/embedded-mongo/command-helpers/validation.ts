/** Collection validators (`create`/`collMod` `validator`), honouring validationLevel/validationAction. */
import type { Document } from "bson";
import type { Namespace } from "../engine/types";
import { MongoCommandError } from "../errors";
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
        extra: {
          errInfo: {
            failingDocumentId: doc._id,
            details: { operatorName: "$and", specifiedAs: validator, reason: "expression did not match" },
          },
        },
      });
    },
  };
}
