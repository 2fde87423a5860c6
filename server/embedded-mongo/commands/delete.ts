import { checkClientWritable } from "../engine/names";
import type { Document } from "bson";
import type { FindOptions } from "../engine/types";
import { MongoCommandError } from "../errors";
import type { Command } from "../server-context";
import { collectionArg, toNumber } from "../command-helpers/fields";
import { runStatements, writeEachMatch, writeOptions } from "../command-helpers/writes";
import { collationFor } from "../command-helpers/collation";
import { refuseView } from "../command-helpers/views";

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
    checkClientWritable(n);
    refuseView(ctx, n);
    const options = writeOptions(ctx);
    let deleted = 0;
    const errors = await runStatements(cmd, ctx, "delete", STATEMENT_FIELDS, async (stmt) => {
      const limit = toNumber(stmt.limit);
      if (limit !== 0 && limit !== 1) {
        throw new MongoCommandError("FailedToParse", `The limit field in delete objects must be 0 or 1. Got ${limit}`);
      }
      const findOptions: FindOptions = {
        hint: stmt.hint as FindOptions["hint"],
        collation: collationFor(ctx, n, stmt.collation),
        let: cmd.let as Document | undefined,
        txn: ctx.txn,
        limit: limit === 1 ? 1 : undefined,
      };
      await writeEachMatch(ctx, n, stmt.q as Document, findOptions, (doc) => {
        if (ctx.engine.deleteOne(n, doc._id, options)) deleted++;
      });
    });
    return errors.addTo({ n: deleted, ok: 1 });
  },
};
