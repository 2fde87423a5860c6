import type { Command } from "../server-context";

export const dropDatabase: Command = {
  name: "dropDatabase",
  writes: true,
  fields: {},
  run(_cmd, ctx) {
    ctx.engine.dropDatabase(ctx.db);
    ctx.server.cursors.killWhere((c) => c.ns.startsWith(`${ctx.db}.`));
    return { dropped: ctx.db, ok: 1 };
  },
};
