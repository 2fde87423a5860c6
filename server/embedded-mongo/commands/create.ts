import type { Document } from "bson";
import { checkDdlReadConcern } from "../command-helpers/read-concern";
import { MongoCommandError } from "../errors";
import { compileFilter } from "../query/match";
import { valuesEqual } from "../query/compare";
import type { Command, CommandContext } from "../server-context";
import { collectionArg, toBool } from "../command-helpers/fields";
import { retryOnConflict } from "../command-helpers/writes";

const UNSUPPORTED: Record<string, string> = {
  capped: "capped collections",
  viewOn: "views",
  timeseries: "time-series collections",
  clusteredIndex: "clustered collections",
  encryptedFields: "queryable encryption",
};

/** Options MongoDB records in listCollections' `options` (generic arguments are not among them). */
const RECORDED = ["validator", "validationLevel", "validationAction", "collation", "storageEngine", "indexOptionDefaults", "changeStreamPreAndPostImages", "expireAfterSeconds"];


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
    if (cmd.validationLevel !== undefined && !["off", "strict", "moderate"].includes(cmd.validationLevel as string)) {
      throw new MongoCommandError("BadValue", `Enumeration value '${String(cmd.validationLevel)}' for field 'create.validationLevel' is not a valid value.`);
    }
    if (cmd.validationAction !== undefined && !["error", "warn"].includes(cmd.validationAction as string)) {
      throw new MongoCommandError("BadValue", `Enumeration value '${String(cmd.validationAction)}' for field 'create.validationAction' is not a valid value.`);
    }
    if (cmd.validator !== undefined) compileFilter(cmd.validator as Document); // refuse a bad validator up front
    const options: Document = {};
    for (const key of RECORDED) if (cmd[key] !== undefined) options[key] = cmd[key];
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
