/**
 * A collection's default collation (`create` with `collation`) applies to every operation on it that names
 * none — matching, sorting, updates, deletes, distinct, aggregation (manual: "Collation", "Collation and
 * Default Collation"). An operation's own `collation`, `{locale: "simple"}` included, wins.
 */
import type { Document } from "bson";
import type { Namespace } from "../engine/types";
import type { CommandContext } from "../server-context";

export function collationFor(ctx: CommandContext, n: Namespace, requested: unknown): Document | undefined {
  if (requested !== undefined && requested !== null) return requested as Document;
  return ctx.engine.getCollection(n, ctx.txn)?.options?.collation as Document | undefined;
}
