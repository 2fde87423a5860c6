import type { Document } from "bson";
import type { FindOptions } from "../engine/types";
import { MongoCommandError } from "../errors";
import type { Command } from "../server-context";
import { collectionArg, toNumber } from "../command-helpers/fields";
import { collationFor } from "../command-helpers/collation";
import { runPipelineYielding } from "../command-helpers/pipeline";
import { isView } from "../command-helpers/views";

export const count: Command = {
  name: "count",
  inTransaction: false,
  fields: {
    query: "object",
    limit: "number",
    skip: "number",
    hint: "stringOrObject",
    collation: "object",
    fields: "object",
    collectionUUID: "any",
    encryptionInformation: "object",
  },
  async run(cmd, ctx) {
    const coll = collectionArg(cmd, "count");
    const skip = toNumber(cmd.skip) ?? 0;
    if (skip < 0) throw new MongoCommandError("Location51024", `Skip value must be non-negative, but received: ${skip}`);
    const limit = Math.abs(toNumber(cmd.limit) ?? 0);
    const options: FindOptions = {
      skip: skip || undefined,
      limit: limit || undefined,
      hint: cmd.hint as FindOptions["hint"],
      collation: collationFor(ctx, { db: ctx.db, coll }, cmd.collation),
      txn: ctx.txn,
      deadline: ctx.deadline,
    };
    const n = { db: ctx.db, coll };
    const query = (cmd.query as Document | undefined) ?? {};
    if (isView(ctx, n)) {
      // A count on a view counts what its pipeline yields (manual: "Views").
      const stages: Document[] = [{ $match: query }];
      if (options.skip) stages.push({ $skip: options.skip });
      if (options.limit) stages.push({ $limit: options.limit });
      return { n: (await runPipelineYielding(ctx, n, stages, { collation: cmd.collation as Document | undefined })).length, ok: 1 };
    }
    return { n: await ctx.engine.countYielding(n, query, options), ok: 1 };
  },
};
