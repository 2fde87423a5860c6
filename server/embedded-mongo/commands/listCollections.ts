import type { Document } from "bson";
import { filterBy } from "./catalog";
import type { Command } from "./context";
import { toBool, toNumber } from "./fields";
import { cursorReply } from "./find";

export const listCollections: Command = {
  name: "listCollections",
  fields: { filter: "object", nameOnly: "bool", authorizedCollections: "bool", cursor: "object", includePendingDrops: "bool" },
  run(cmd, ctx) {
    const infos = ctx.engine.listCollections(ctx.db) as unknown as Document[];
    const nameOnly = toBool(cmd.nameOnly);
    const listed = nameOnly ? infos.map((c) => ({ name: c.name, type: c.type })) : infos;
    const docs = filterBy(listed, cmd.filter);
    const batchSize = toNumber((cmd.cursor as Document | undefined)?.batchSize);
    return cursorReply(ctx, `${ctx.db}.$cmd.listCollections`, docs, { batchSize });
  },
};
