import type { Namespace } from "../engine/types";
import { MongoCommandError } from "../errors";
import type { Command } from "../server-context";
import { toBool } from "../command-helpers/fields";

function parseNamespace(value: unknown, field: string): Namespace {
  if (typeof value !== "string") {
    throw new MongoCommandError("TypeMismatch", `BSON field 'renameCollection.${field}' is the wrong type, expected type 'string'`);
  }
  const dot = value.indexOf(".");
  if (dot <= 0 || dot === value.length - 1) throw new MongoCommandError("InvalidNamespace", `Invalid namespace specified '${value}'`);
  return { db: value.slice(0, dot), coll: value.slice(dot + 1) };
}

export const renameCollection: Command = {
  name: "renameCollection",
  adminOnly: true,
  writes: true,
  fields: { to: { type: "string", required: true }, dropTarget: "any", stayTemp: "bool", collectionUUID: "any" },
  run(cmd, ctx) {
    const from = parseNamespace(cmd.renameCollection, "renameCollection");
    const to = parseNamespace(cmd.to, "to");
    if (from.db === to.db && from.coll === to.coll) {
      throw new MongoCommandError("IllegalOperation", "Can't rename a collection to itself");
    }
    ctx.engine.renameCollection(from, to, { dropTarget: toBool(cmd.dropTarget) });
    ctx.server.cursors.killWhere((c) => c.ns === `${from.db}.${from.coll}`);
    return { ok: 1 };
  },
};
