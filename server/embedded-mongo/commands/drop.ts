import type { Command } from "../server-context";
import { collectionArg } from "../command-helpers/fields";

export const drop: Command = {
  name: "drop",
  writes: true,
  fields: { collectionUUID: "any" },
  run(cmd, ctx) {
    const n = { db: ctx.db, coll: collectionArg(cmd, "drop") };
    const namespace = `${n.db}.${n.coll}`;
    if (!ctx.engine.getCollection(n)) return { ok: 1 };
    const nIndexesWas = ctx.engine.listIndexes(n).length;
    ctx.engine.dropCollection(n);
    ctx.server.cursors.killWhere((c) => c.ns === namespace);
    return { nIndexesWas, ns: namespace, ok: 1 };
  },
};
