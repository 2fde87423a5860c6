import { checkClientWritable } from "../engine/names";
import type { Command } from "../server-context";
import { prepareInsert } from "../command-helpers/documents";
import { collectionArg, toBool } from "../command-helpers/fields";
import { collectionValidator } from "../command-helpers/validation";
import { checkBatchSize, isWriteConflict, runSteps, WriteErrors, writeOptions } from "../command-helpers/writes";
import { refuseView } from "../command-helpers/views";

export const insert: Command = {
  name: "insert",
  inTransaction: true,
  retryableWrite: true,
  writes: true,
  fields: {
    documents: { type: "array", required: true },
    ordered: "bool",
    bypassDocumentValidation: "bool",
    collectionUUID: "any",
    encryptionInformation: "object",
    isTimeseriesNamespace: "bool",
  },
  async run(cmd, ctx) {
    const n = { db: ctx.db, coll: collectionArg(cmd, "insert") };
    checkClientWritable(n);
    refuseView(ctx, n);
    const docs = cmd.documents as unknown[];
    checkBatchSize(docs.length);
    const ordered = cmd.ordered === undefined ? true : toBool(cmd.ordered);
    const validator = collectionValidator(ctx, n, toBool(cmd.bypassDocumentValidation));
    const options = writeOptions(ctx);
    const errors = new WriteErrors(ctx);
    let inserted = 0;
    await runSteps(ctx, docs.length, (i) => {
      try {
        const doc = prepareInsert(docs[i]);
        validator.check(doc);
        ctx.engine.insertOne(n, doc, options);
        inserted++;
        return true;
      } catch (error) {
        if (isWriteConflict(error) && !ctx.txn) throw error;
        errors.record(error, i);
        return !ordered;
      }
    });
    return errors.addTo({ n: inserted, ok: 1 });
  },
};
