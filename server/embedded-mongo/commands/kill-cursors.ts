import { Long } from "bson";
import type { Command } from "../server-context";
import { collectionArg } from "../command-helpers/fields";
import { cursorIdOf } from "../command-helpers/cursor-reply";

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
