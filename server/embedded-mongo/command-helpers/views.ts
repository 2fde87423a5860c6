/**
 * Views (manual: "Views", "create" with `viewOn`/`pipeline`): a catalog entry whose options name the collection
 * (or view) it reads and the pipeline applied to it. Reads through a view run that pipeline first; writes and
 * index commands on a view are CommandNotSupportedOnView (166), as in MongoDB.
 */
import type { Document } from "bson";
import type { Namespace } from "../engine/types";
import { MongoCommandError } from "../errors";
import type { CommandContext } from "../server-context";

/** MongoDB's limit on views defined on views. */
const MAX_VIEW_DEPTH = 20;

export interface ResolvedView {
  /** The collection at the bottom of the chain of views. */
  source: Namespace;
  /** The pipelines of every view in the chain, innermost first. */
  pipeline: Document[];
  /** The view's default collation (a view's operations always use it). */
  collation: Document | undefined;
}

/** The view `n` is, resolved down to its collection; undefined when `n` is not a view. */
export function resolveView(ctx: CommandContext, n: Namespace): ResolvedView | undefined {
  const first = ctx.engine.getCollection(n, ctx.txn);
  if (first?.type !== "view") return undefined;
  const chain: Document[][] = [];
  let current: Namespace = n;
  let options = first.options;
  for (let depth = 0; ; depth++) {
    if (depth >= MAX_VIEW_DEPTH) throw new MongoCommandError("ViewDepthLimitExceeded", `View depth too deep or view cycle detected; maximum depth is ${MAX_VIEW_DEPTH}`);
    chain.unshift((options.pipeline as Document[] | undefined) ?? []);
    current = { db: n.db, coll: options.viewOn as string };
    const next = ctx.engine.getCollection(current, ctx.txn);
    if (next?.type !== "view") break;
    options = next.options;
  }
  return { source: current, pipeline: chain.flat(), collation: first.options.collation as Document | undefined };
}

export function isView(ctx: CommandContext, n: Namespace): boolean {
  return ctx.engine.getCollection(n, ctx.txn)?.type === "view";
}

/** Writes, index builds and validators are for collections only. */
export function refuseView(ctx: CommandContext, n: Namespace): void {
  if (isView(ctx, n)) {
    throw new MongoCommandError("CommandNotSupportedOnView", `Namespace ${n.db}.${n.coll} is a view, not a collection`);
  }
}

/**
 * MongoDB's checks on a view definition (create, collMod): `viewOn` names a collection or view of the same
 * database, the pipeline is a list of stages without $out/$merge, and views do not form a cycle.
 */
export function checkViewDefinition(ctx: CommandContext, n: Namespace, viewOn: unknown, pipeline: unknown): void {
  if (typeof viewOn !== "string" || viewOn.length === 0) throw new MongoCommandError("BadValue", "'viewOn' must be a non-empty string");
  if (!Array.isArray(pipeline)) throw new MongoCommandError("TypeMismatch", "'pipeline' must be an array");
  for (const stage of pipeline) {
    if (stage === null || typeof stage !== "object" || Array.isArray(stage) || Object.keys(stage).length !== 1) {
      throw new MongoCommandError("Location40323", "A pipeline stage specification object must contain exactly one field.");
    }
    const name = Object.keys(stage)[0]!;
    if (name === "$out" || name === "$merge") {
      throw new MongoCommandError("OptionNotSupportedOnView", `${name} cannot be used in a view definition`);
    }
  }
  // A view on itself or on a view that leads back to it.
  let current = viewOn;
  for (let depth = 0; depth < MAX_VIEW_DEPTH; depth++) {
    if (current === n.coll) throw new MongoCommandError("GraphContainsCycle", `View cycle detected: ${n.db}.${n.coll}`);
    const next = ctx.engine.getCollection({ db: n.db, coll: current }, ctx.txn);
    if (next?.type !== "view") return;
    current = next.options.viewOn as string;
  }
  throw new MongoCommandError("ViewDepthLimitExceeded", `View depth too deep or view cycle detected; maximum depth is ${MAX_VIEW_DEPTH}`);
}
