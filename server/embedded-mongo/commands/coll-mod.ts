/**
 * collMod (manual: "collMod"): changes a collection's validator, validationLevel and validationAction, or a
 * view's `viewOn`/`pipeline`. Each group of options has its own function, so other options (TTL indexes via
 * `index`) slot in beside them.
 */
import type { Document } from "bson";
import { collectionArg } from "../command-helpers/fields";
import { expireAfterSecondsOf } from "../command-helpers/ttl";
import { valuesEqual } from "../query/compare";
import { validatorOptions } from "../command-helpers/validation";
import { checkViewDefinition } from "../command-helpers/views";
import type { Namespace } from "../engine/types";
import { MongoCommandError } from "../errors";
import type { Command, CommandContext } from "../server-context";

export const collMod: Command = {
  name: "collMod",
  writes: true,
  fields: {
    validator: "object",
    validationLevel: "string",
    validationAction: "string",
    viewOn: "string",
    pipeline: "array",
    index: "object",
    collation: "object",
    changeStreamPreAndPostImages: "object",
    expireAfterSeconds: "any",
    timeseries: "object",
    cappedSize: "number",
    cappedMax: "number",
    dryRun: "bool",
    collectionUUID: "any",
  },
  run(cmd, ctx) {
    const n = { db: ctx.db, coll: collectionArg(cmd, "collMod") };
    const info = ctx.engine.getCollection(n, ctx.txn);
    if (!info) throw new MongoCommandError("NamespaceNotFound", `ns does not exist: ${n.db}.${n.coll}`);
    for (const field of ["collation", "timeseries", "cappedSize", "cappedMax", "expireAfterSeconds"]) {
      if (cmd[field] !== undefined) throw new MongoCommandError("CommandNotSupported", `collMod '${field}' is not supported by the embedded MongoDB server`);
    }
    const options =
      info.type === "view" ? modifiedView(ctx, n, info.options, cmd) : modifiedValidation(info.options, cmd);
    const reply: Document = cmd.index === undefined ? {} : modifyIndex(ctx, n, info.type, cmd.index as Document);
    ctx.engine.setCollectionOptions(n, options);
    return { ...reply, ok: 1 };
  },
};

/** A collection's options with the validator settings collMod names (the others stay as they were). */
function modifiedValidation(options: Document, cmd: Document): Document {
  if (cmd.viewOn !== undefined || cmd.pipeline !== undefined) {
    throw new MongoCommandError("InvalidOptions", "'viewOn' and 'pipeline' may only be modified on a view");
  }
  const changed = validatorOptions(cmd, "collMod");
  const out = { ...options, ...changed };
  // An empty validator removes validation.
  if (changed.validator !== undefined && Object.keys(changed.validator as Document).length === 0) delete out.validator;
  return out;
}

/** A view's options with a new definition; both `viewOn` and `pipeline` are required together. */
function modifiedView(ctx: CommandContext, n: Namespace, options: Document, cmd: Document): Document {
  for (const field of ["validator", "validationLevel", "validationAction", "changeStreamPreAndPostImages"]) {
    if (cmd[field] !== undefined) throw new MongoCommandError("InvalidOptions", `option not supported on a view: ${field}`);
  }
  if (cmd.viewOn === undefined && cmd.pipeline === undefined) return options;
  if (cmd.viewOn === undefined || cmd.pipeline === undefined) {
    throw new MongoCommandError("InvalidOptions", "Must specify both 'viewOn' and 'pipeline' when modifying a view");
  }
  checkViewDefinition(ctx, n, cmd.viewOn, cmd.pipeline);
  return { ...options, viewOn: cmd.viewOn, pipeline: cmd.pipeline };
}

/**
 * collMod `index: { keyPattern | name, expireAfterSeconds }` (manual: "collMod" → "Change the expiration value
 * of a TTL index"): sets a TTL index's expiry; replies with the old and new values as MongoDB does.
 */
function modifyIndex(ctx: CommandContext, n: Namespace, type: string, spec: Document): Document {
  if (type === "view") throw new MongoCommandError("InvalidOptions", "option not supported on a view: index");
  const byName = typeof spec.name === "string";
  if (byName === (spec.keyPattern !== undefined)) {
    throw new MongoCommandError("InvalidOptions", "must specify either index name or key pattern for collMod");
  }
  const index = ctx.engine.listIndexes(n).find((i) => (byName ? i.name === spec.name : valuesEqual(i.key, spec.keyPattern)));
  if (!index) {
    throw new MongoCommandError("IndexNotFound", `cannot find index ${byName ? String(spec.name) : JSON.stringify(spec.keyPattern)} for ns ${n.db}.${n.coll}`);
  }
  if (spec.expireAfterSeconds === undefined) return {};
  if (index.expireAfterSeconds === undefined) {
    throw new MongoCommandError("InvalidOptions", "no expireAfterSeconds field to update");
  }
  const seconds = expireAfterSecondsOf(spec.expireAfterSeconds);
  ctx.engine.setIndexOptions(n, index.name, { expireAfterSeconds: seconds });
  return { expireAfterSeconds_old: index.expireAfterSeconds, expireAfterSeconds_new: seconds };
}
