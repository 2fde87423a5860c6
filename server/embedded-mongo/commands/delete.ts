import type { Document } from "bson";
import type { FindOptions } from "../engine/types";
import { MongoCommandError } from "../errors";
import type { Command } from "./context";
import { isPlainObject } from "./documents";
import { checkFields, collectionArg, toBool, toNumber } from "./fields";
import { checkBatchSize, isWriteConflict, runSteps, WriteErrors, writeOptions } from "./writes";

const STATEMENT_FIELDS = {
  q: { type: "object", required: true },
  limit: { type: "number", required: true },
  hint: "stringOrObject",
  collation: "object",
} as const;

export const deleteCommand: Command = {
  name: "delete",
  inTransaction: true,
  retryableWrite: true,
  writes: true,
  fields: {
    deletes: { type: "array", required: true },
    ordered: "bool",
    let: "object",
    collectionUUID: "any",
    encryptionInformation: "object",
    isTimeseriesNamespace: "bool",
  },
  async run(cmd, ctx) {
    const n = { db: ctx.db, coll: collectionArg(cmd, "delete") };
    const statements = cmd.deletes as unknown[];
    checkBatchSize("delete", statements.length);
    const ordered = cmd.ordered === undefined ? true : toBool(cmd.ordered);
    const options = writeOptions(ctx);
    const errors = new WriteErrors(ctx);
    let deleted = 0;
    for (let index = 0; index < statements.length; index++) {
      try {
        const stmt = statements[index];
        if (!isPlainObject(stmt)) throw new MongoCommandError("TypeMismatch", "BSON field 'delete.deletes' element is not an object");
        checkFields(stmt, STATEMENT_FIELDS, "delete.deletes");
        const limit = toNumber(stmt.limit);
        if (limit !== 0 && limit !== 1) {
          throw new MongoCommandError("FailedToParse", `The limit field in delete objects must be 0 or 1. Got ${limit}`);
        }
        const query = stmt.q as Document;
        const findOptions: FindOptions = {
          hint: stmt.hint as FindOptions["hint"],
          collation: stmt.collation as Document | undefined,
          let: cmd.let as Document | undefined,
          txn: ctx.txn,
          limit: limit === 1 ? 1 : undefined,
        };
        const matches = ctx.engine.find(n, query, findOptions);
        let failure: unknown;
        await runSteps(ctx, matches.length, (i, retry) => {
          try {
            const id = matches[i]!._id;
            if (retry && ctx.engine.find(n, { $and: [{ _id: id }, query] }, { ...findOptions, limit: 1 }).length === 0) {
              return true;
            }
            if (ctx.engine.deleteOne(n, id, options)) deleted++;
            return true;
          } catch (error) {
            if (isWriteConflict(error) && !ctx.txn) throw error;
            failure = error;
            return false;
          }
        });
        if (failure !== undefined) throw failure;
      } catch (error) {
        errors.record(error, index);
        if (ordered) break;
      }
    }
    return errors.addTo({ n: deleted, ok: 1 });
  },
};
