import type { Document } from "bson";
import { filterBy } from "../command-helpers/catalog";
import type { Command } from "../server-context";
import { toBool } from "../command-helpers/fields";

export const listDatabases: Command = {
  name: "listDatabases",
  adminOnly: true,
  fields: { filter: "object", nameOnly: "bool", authorizedDatabases: "bool" },
  run(cmd, ctx) {
    const all = withInternalDatabases(ctx.engine.listDatabases().map((d) => ({ name: d.name, sizeOnDisk: d.sizeOnDisk, empty: d.empty })));
    const databases = filterBy(all as Document[], cmd.filter);
    if (toBool(cmd.nameOnly)) return { databases: databases.map((d) => ({ name: d.name })), ok: 1 };
    const totalSize = databases.reduce((sum, d) => sum + (d.sizeOnDisk as number), 0);
    return { databases, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)), ok: 1 };
  },
};

/**
 * A replica-set member always has `admin`, `config` and `local` (users/version, sessions, oplog) and lists them
 * with their sizes (manual: "listDatabases"); ours hold nothing until used, so they show a page's worth each.
 */
const INTERNAL_DATABASES = ["admin", "config", "local"];
const EMPTY_DATABASE_BYTES = 8192;

type Listed = { name: string; sizeOnDisk: number; empty: boolean };

function withInternalDatabases(databases: Listed[]): Listed[] {
  const out = [...databases];
  for (const name of INTERNAL_DATABASES) {
    const existing = out.find((d) => d.name === name);
    if (existing) {
      existing.empty = false;
      existing.sizeOnDisk = Math.max(existing.sizeOnDisk, EMPTY_DATABASE_BYTES);
    } else {
      out.push({ name, sizeOnDisk: EMPTY_DATABASE_BYTES, empty: false });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
