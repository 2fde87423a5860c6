import type { Document } from "bson";
import { filterBy } from "../command-helpers/catalog";
import type { Command } from "../server-context";
import { toBool } from "../command-helpers/fields";

export const listDatabases: Command = {
  name: "listDatabases",
  adminOnly: true,
  fields: { filter: "object", nameOnly: "bool", authorizedDatabases: "bool" },
  run(cmd, ctx) {
    const all = ctx.engine.listDatabases().map((d) => ({ name: d.name, sizeOnDisk: d.sizeOnDisk, empty: d.empty }));
    const databases = filterBy(all as Document[], cmd.filter);
    if (toBool(cmd.nameOnly)) return { databases: databases.map((d) => ({ name: d.name })), ok: 1 };
    const totalSize = databases.reduce((sum, d) => sum + (d.sizeOnDisk as number), 0);
    return { databases, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)), ok: 1 };
  },
};
