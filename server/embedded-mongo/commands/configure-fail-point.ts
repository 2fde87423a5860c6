/** configureFailPoint (test command): arms or disarms the failCommand fail point. */
import { MongoCommandError } from "../errors";
import type { Command } from "../server-context";

export const configureFailPoint: Command = {
  name: "configureFailPoint",
  adminOnly: true,
  testOnly: true,
  inTransaction: false,
  fields: { mode: "any", data: "object" },
  run(cmd, ctx) {
    if (typeof cmd.configureFailPoint !== "string") {
      throw new MongoCommandError("TypeMismatch", "BSON field 'configureFailPoint' is the wrong type, expected type 'string'");
    }
    return ctx.server.failPoints.configure(cmd.configureFailPoint, cmd.mode, cmd.data ?? {});
  },
};
