import type { Document } from "bson";
import { filterBy } from "../command-helpers/catalog";
import type { Command } from "../server-context";
import { toBool, toNumber } from "../command-helpers/fields";
import { cursorReply } from "../command-helpers/cursor-reply";

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
