import { Long } from "bson";
import type { Command } from "./context";
import { collectionArg } from "./fields";
import { cursorIdOf } from "./getMore";

export const killCursors: Command = {
  name: "killCursors",
  inTransaction: true,
  fields: { cursors: { type: "array", required: true } },
  run(cmd, ctx) {
    collectionArg(cmd, "killCursors");
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const raw of cmd.cursors as unknown[]) {
      const id = cursorIdOf(raw, "killCursors.cursors");
      (ctx.server.cursors.kill(id) ? killed : notFound).push(Long.fromBigInt(id));
    }
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  },
};
