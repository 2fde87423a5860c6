import { MongoCommandError } from "../errors";
import type { CommandContext } from "../server-context";

/** MongoDB: explicit collection or index creation in a transaction needs the transaction's read concern "local". */
export function checkDdlReadConcern(ctx: CommandContext, command: string): void {
  const level = ctx.session?.txn?.readConcernLevel ?? "local";
  if (level !== "local") {
    throw new MongoCommandError(
      "InvalidOptions",
      `Cannot run '${command}' in a multi-document transaction with read concern level '${level}': collection and index creation require 'local'`,
    );
  }
}
