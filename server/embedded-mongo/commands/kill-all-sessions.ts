/**
 * killAllSessions / killSessions: aborts the open transactions of every session (or of the listed ones) and
 * kills their cursors. Without users, the user/role patterns of killAllSessions select everything.
 */
import { MongoCommandError } from "../errors";
import { sessionKeyOf } from "../sessions";
import type { Command, CommandContext } from "../server-context";

function killSessions(ctx: CommandContext, keys: Set<string> | "all"): void {
  if (keys === "all") {
    ctx.server.sessions.abortAll();
    ctx.server.cursors.killWhere((cursor) => cursor.sessionKey !== undefined);
    return;
  }
  for (const key of keys) ctx.server.sessions.end(key);
  ctx.server.cursors.killWhere((cursor) => cursor.sessionKey !== undefined && keys.has(cursor.sessionKey));
}

export const killAllSessions: Command = {
  name: "killAllSessions",
  inTransaction: false,
  run(cmd, ctx) {
    if (!Array.isArray(cmd.killAllSessions)) {
      throw new MongoCommandError("TypeMismatch", "BSON field 'killAllSessions.killAllSessions' is the wrong type, expected type 'array'");
    }
    killSessions(ctx, "all");
    return { ok: 1 };
  },
};

export const killSessionsCommand: Command = {
  name: "killSessions",
  inTransaction: false,
  run(cmd, ctx) {
    if (!Array.isArray(cmd.killSessions)) {
      throw new MongoCommandError("TypeMismatch", "BSON field 'killSessions.killSessions' is the wrong type, expected type 'array'");
    }
    const keys = new Set<string>();
    for (const lsid of cmd.killSessions) {
      const key = sessionKeyOf(lsid);
      if (key !== undefined) keys.add(key);
    }
    killSessions(ctx, keys);
    return { ok: 1 };
  },
};
