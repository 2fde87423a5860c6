/** endSessions: forgets the sessions, aborting their open transactions and killing their cursors. */
import { MongoCommandError } from "../errors";
import { sessionKeyOf } from "../sessions";
import type { Command } from "../server-context";

export const endSessions: Command = {
  name: "endSessions",
  run(cmd, ctx) {
    const ids = cmd.endSessions;
    if (!Array.isArray(ids)) {
      throw new MongoCommandError("TypeMismatch", "BSON field 'endSessions.endSessions' is the wrong type, expected type 'array'");
    }
    const keys = new Set<string>();
    for (const lsid of ids) {
      const key = sessionKeyOf(lsid);
      if (key === undefined) continue;
      keys.add(key);
      ctx.server.sessions.end(key);
    }
    ctx.server.cursors.killWhere((cursor) => cursor.sessionKey !== undefined && keys.has(cursor.sessionKey));
    return { ok: 1 };
  },
};
