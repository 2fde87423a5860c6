import type { Document } from "bson";
import { checkDdlReadConcern } from "../command-helpers/read-concern";
import { MongoCommandError } from "../errors";
import { valuesEqual } from "../query/compare";
import type { Command, CommandContext } from "../server-context";
import { collectionArg, toBool } from "../command-helpers/fields";
import { validatorOptions } from "../command-helpers/validation";
import { checkViewDefinition } from "../command-helpers/views";
import { retryOnConflict } from "../command-helpers/writes";

const UNSUPPORTED: Record<string, string> = {
  capped: "capped collections",
  timeseries: "time-series collections",
  clusteredIndex: "clustered collections",
  encryptedFields: "queryable encryption",
};

/** Options MongoDB records in listCollections' `options` (generic arguments are not among them). */
const RECORDED = ["viewOn", "pipeline", "collation", "storageEngine", "indexOptionDefaults", "changeStreamPreAndPostImages", "expireAfterSeconds"];


export const create: Command = {
  name: "create",
  inTransaction: true,
  writes: true,
  fields: {
    capped: "bool",
    autoIndexId: "bool",
    idIndex: "object",
    size: "number",
    max: "number",
    storageEngine: "object",
    validator: "object",
    validationLevel: "string",
    validationAction: "string",
    indexOptionDefaults: "object",
    viewOn: "string",
    pipeline: "array",
    collation: "object",
    timeseries: "object",
    clusteredIndex: "any",
    changeStreamPreAndPostImages: "object",
    expireAfterSeconds: "number",
    encryptedFields: "object",
    recordIdsReplicated: "bool",
    flags: "number",
  },
  run(cmd, ctx) {
    const n = { db: ctx.db, coll: collectionArg(cmd, "create") };
    for (const [field, what] of Object.entries(UNSUPPORTED)) {
      if (cmd[field] !== undefined && cmd[field] !== false) {
        throw new MongoCommandError("CommandNotSupported", `${what} are not supported by the embedded MongoDB server`);
      }
    }
    const options: Document = validatorOptions(cmd, "create");
    for (const key of RECORDED) if (cmd[key] !== undefined) options[key] = cmd[key];
    if (cmd.viewOn !== undefined || cmd.pipeline !== undefined) {
      if (ctx.txn) throw new MongoCommandError("OperationNotSupportedInTransaction", "Cannot create a view in a multi-document transaction.");
      checkViewOptions(cmd);
      checkViewDefinition(ctx, n, cmd.viewOn, cmd.pipeline ?? []);
      options.pipeline = cmd.pipeline ?? [];
    }
    if (ctx.txn) {
      checkDdlReadConcern(ctx, "create");
      // Part of the transaction (MongoDB 4.4+); an existing collection is an error even with the same options.
      ctx.engine.createCollection(n, options, ctx.txn);
      return { ok: 1 };
    }
    // A collection an open transaction is creating makes this wait for the transaction to end.
    return retryOnConflict(ctx, () => {
      const existing = ctx.engine.getCollection(n);
      if (existing) {
        // MongoDB 7.0: creating an existing collection with identical options succeeds.
        if (valuesEqual(existing.options, options) && !toBool(cmd.capped)) return { ok: 1 };
        throw new MongoCommandError("NamespaceExists", `Collection ${n.db}.${n.coll} already exists.`);
      }
      ctx.engine.createCollection(n, options);
      return { ok: 1 };
    });
  },
};

/** A view has no storage of its own: options about storage, validation or indexes are refused with it. */
function checkViewOptions(cmd: Document): void {
  if (typeof cmd.viewOn !== "string") throw new MongoCommandError("BadValue", "'pipeline' requires 'viewOn' to also be specified");
  for (const field of ["validator", "validationLevel", "validationAction", "storageEngine", "indexOptionDefaults", "expireAfterSeconds", "idIndex", "changeStreamPreAndPostImages"]) {
    if (cmd[field] !== undefined) throw new MongoCommandError("InvalidOptions", `option not supported on a view: ${field}`);
  }
}
