import { checkClientWritable } from "../engine/names";
import type { Document } from "bson";
import type { FindOptions } from "../engine/types";
import { MongoCommandError } from "../errors";
import type { Command } from "../server-context";
import { cloneDocument } from "../command-helpers/documents";
import { collectionArg, toBool } from "../command-helpers/fields";
import { project } from "../command-helpers/projection";
import { applyUpdate, classifyUpdate, upsertDocument, type UpdateEnv } from "../update/apply-update";
import { collectionValidator } from "../command-helpers/validation";
import { retryOnConflict, writeOptions } from "../command-helpers/writes";
import { collationFor } from "../command-helpers/collation";
import { refuseView } from "../command-helpers/views";

function invalid(message: string): MongoCommandError {
  return new MongoCommandError("FailedToParse", message);
}

export const findAndModify: Command = {
  name: "findAndModify",
  aliases: ["findandmodify"],
  inTransaction: true,
  retryableWrite: true,
  writes: true,
  fields: {
    query: "object",
    sort: "object",
    remove: "bool",
    update: "objectOrArray",
    new: "bool",
    fields: "object",
    upsert: "bool",
    bypassDocumentValidation: "bool",
    collation: "object",
    arrayFilters: "array",
    hint: "stringOrObject",
    let: "object",
    collectionUUID: "any",
    encryptionInformation: "object",
    isTimeseriesNamespace: "bool",
  },
  async run(cmd, ctx) {
    const name = Object.keys(cmd)[0]!;
    const n = { db: ctx.db, coll: collectionArg(cmd, name) };
    checkClientWritable(n);
    refuseView(ctx, n);
    const remove = toBool(cmd.remove);
    const returnNew = toBool(cmd.new);
    const upsert = toBool(cmd.upsert);
    if (remove && cmd.update !== undefined) throw invalid("Cannot specify both an update and remove=true");
    if (!remove && cmd.update === undefined) throw invalid("Either an update or remove=true must be specified");
    if (remove && returnNew) throw invalid("Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
    if (remove && upsert) throw invalid("Cannot specify both upsert=true and remove=true");
    if (remove && cmd.arrayFilters !== undefined) throw invalid("Cannot specify arrayFilters and remove=true");

    const query = (cmd.query as Document | undefined) ?? {};
    const letVars = cmd.let as Document | undefined;
    const findOptions: FindOptions = {
      sort: cmd.sort as FindOptions["sort"],
      hint: cmd.hint as FindOptions["hint"],
      collation: collationFor(ctx, n, cmd.collation),
      let: letVars,
      txn: ctx.txn,
      deadline: ctx.deadline,
      limit: 1,
    };
    const options = writeOptions(ctx);
    const fields = cmd.fields as Document | undefined;
    const shape = (doc: Document | undefined | null): Document | null => {
      if (!doc) return null;
      return fields && Object.keys(fields).length > 0 ? (project([doc], fields, letVars, query)[0] ?? null) : doc;
    };

    if (remove) {
      const removed = await retryOnConflict(ctx, () => {
        const doc = ctx.engine.find(n, query, findOptions)[0];
        if (doc) ctx.engine.deleteOne(n, doc._id, options);
        return doc;
      });
      return { lastErrorObject: { n: removed ? 1 : 0 }, value: shape(removed), ok: 1 };
    }

    const spec = classifyUpdate(cmd.update);
    const env: UpdateEnv = {
      query,
      arrayFilters: cmd.arrayFilters as Document[] | undefined,
      let: letVars,
      collation: findOptions.collation,
    };
    const validator = collectionValidator(ctx, n, toBool(cmd.bypassDocumentValidation));
    return retryOnConflict(ctx, () => {
      const found = ctx.engine.find(n, query, findOptions)[0];
      if (!found) {
        if (!upsert) return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
        const doc = upsertDocument(spec, env);
        validator.check(doc);
        ctx.engine.insertOne(n, doc, options);
        return {
          lastErrorObject: { n: 1, updatedExisting: false, upserted: doc._id },
          value: returnNew ? shape(doc) : null,
          ok: 1,
        };
      }
      const before = cloneDocument(found);
      const result = applyUpdate(found, spec, env);
      if (result.modified) {
        validator.check(result.doc, before);
        ctx.engine.replaceOne(n, result.doc._id, result.doc, options);
      }
      return {
        lastErrorObject: { n: 1, updatedExisting: true },
        value: shape(returnNew ? result.doc : before),
        ok: 1,
      };
    });
  },
};
