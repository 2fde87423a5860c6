import type { Document } from "bson";
import type { IndexSpec } from "../engine/types";
import { MongoCommandError } from "../errors";
import { checkTtlIndexSpec } from "../command-helpers/ttl";
import type { Command } from "../server-context";
import { checkDdlReadConcern } from "../command-helpers/read-concern";
import { collectionArg, toNumber } from "../command-helpers/fields";
import { cursorReply } from "../command-helpers/cursor-reply";
import { refuseView } from "../command-helpers/views";

export const createIndexes: Command = {
  name: "createIndexes",
  inTransaction: true,
  writes: true,
  fields: { indexes: { type: "array", required: true }, commitQuorum: "any", ignoreUnknownIndexOptions: "bool", isTimeseriesNamespace: "bool", collectionUUID: "any" },
  run(cmd, ctx) {
    const n = { db: ctx.db, coll: collectionArg(cmd, "createIndexes") };
    refuseView(ctx, n);
    const specs = cmd.indexes as unknown[];
    if (specs.length === 0) throw new MongoCommandError("BadValue", "Must specify at least one index to create");
    for (const spec of specs) {
      const s = spec as Document;
      if (!s || typeof s !== "object" || !s.key || typeof s.key !== "object") {
        throw new MongoCommandError("FailedToParse", "The 'key' field is a required property of an index specification");
      }
      if (typeof s.name !== "string") {
        throw new MongoCommandError("FailedToParse", "The 'name' field is a required property of an index specification");
      }
      checkTtlIndexSpec(s);
    }
    if (ctx.txn) checkDdlReadConcern(ctx, "createIndexes");
    const result = ctx.engine.createIndexes(n, specs as IndexSpec[], ctx.txn ? { txn: ctx.txn } : {});
    const reply: Document = {
      numIndexesBefore: result.numIndexesBefore,
      numIndexesAfter: result.numIndexesAfter,
      createdCollectionAutomatically: result.createdCollectionAutomatically,
    };
    if (result.note) reply.note = result.note;
    reply.ok = 1;
    return reply;
  },
};

export const listIndexes: Command = {
  name: "listIndexes",
  fields: { cursor: "object", includeBuildUUIDs: "bool", includeIndexBuildInfo: "bool", collectionUUID: "any", isTimeseriesNamespace: "bool" },
  run(cmd, ctx) {
    const coll = collectionArg(cmd, "listIndexes");
    refuseView(ctx, { db: ctx.db, coll });
    const specs = ctx.engine.listIndexes({ db: ctx.db, coll }) as unknown as Document[];
    const batchSize = toNumber((cmd.cursor as Document | undefined)?.batchSize);
    return cursorReply(ctx, `${ctx.db}.${coll}`, specs, { batchSize });
  },
};

export const dropIndexes: Command = {
  name: "dropIndexes",
  aliases: ["deleteIndexes"],
  writes: true,
  fields: { index: { type: "any", required: true }, collectionUUID: "any", isTimeseriesNamespace: "bool" },
  run(cmd, ctx) {
    const name = Object.keys(cmd)[0]!;
    const n = { db: ctx.db, coll: collectionArg(cmd, name) };
    if (!ctx.engine.getCollection(n)) throw new MongoCommandError("NamespaceNotFound", `ns not found ${n.db}.${n.coll}`);
    const index = cmd.index;
    const target = typeof index === "string" ? (index === "*" ? "*" : [index]) : Array.isArray(index) ? (index as string[]) : (index as Document);
    const { nIndexesWas } = ctx.engine.dropIndexes(n, target);
    return { nIndexesWas, ok: 1 };
  },
};
