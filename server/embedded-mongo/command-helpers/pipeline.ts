/**
 * Runs an aggregation pipeline over a collection, a view or nothing (`aggregate: 1`): leading $match, then
 * $sort/$skip/$limit stages go to the engine (so indexes serve them), the rest runs in mingo with our shared
 * configuration. A view contributes its own pipeline in front (manual: "Views"); `$lookup`/`$unionWith` read
 * other collections and views the same way.
 */
import { Binary, UUID, type Document } from "bson";
import { createHash } from "node:crypto";
import { Aggregator } from "mingo/aggregator";
import type { FindOptions, Namespace } from "../engine/types";
import { looseNumbers } from "../bson-numbers";
import { mingoOptions, translateMingoError } from "../query/match";
import { escapeDocument, escapeSpec, mentionsPrototypeNames, unescapeDocument } from "../query/prototype-names";
import type { CommandContext } from "../server-context";
import { collationFor } from "./collation";
import { resolveView } from "./views";
import { maxTimeExpired } from "../errors";

export interface PipelineOptions {
  hint?: FindOptions["hint"];
  let?: Document;
  /** The operation's own collation; the collection's (or view's) default applies without one. */
  collation?: Document;
}

/** The documents `stages` produce from `n` (undefined: no input, as `aggregate: 1`). */
export function runPipeline(ctx: CommandContext, n: Namespace | undefined, stages: Document[], options: PipelineOptions = {}): Document[] {
  const plan = planPipeline(ctx, n, stages, options);
  const source = plan.read ? ctx.engine.find(plan.read.ns, plan.read.filter, plan.read.options) : plan.source;
  return runStages(ctx, n, source, plan.rest, options.let, plan.collation);
}

/**
 * `runPipeline` for a command's own pipeline: the engine's part of it (the leading stages) yields to other
 * clients during a long scan and honours maxTimeMS (engine-reads.ts); the stages after it run in one go.
 */
export async function runPipelineYielding(
  ctx: CommandContext,
  n: Namespace | undefined,
  stages: Document[],
  options: PipelineOptions = {},
): Promise<Document[]> {
  const plan = planPipeline(ctx, n, stages, options);
  const source = plan.read ? await ctx.engine.findYielding(plan.read.ns, plan.read.filter, plan.read.options) : plan.source;
  const results = runStages(ctx, n, source, plan.rest, options.let, plan.collation);
  // The later stages cannot be interrupted, but a result past the deadline is not returned.
  if (ctx.deadline !== undefined && Date.now() > ctx.deadline) throw maxTimeExpired();
  return results;
}

interface PipelinePlan {
  /** The engine read serving the leading stages, or the documents themselves (no collection). */
  read?: { ns: Namespace; filter: Document; options: FindOptions };
  source: Document[];
  rest: Document[];
  collation: Document | undefined;
}

function planPipeline(ctx: CommandContext, n: Namespace | undefined, stages: Document[], options: PipelineOptions): PipelinePlan {
  if (n === undefined) return { ...collectionlessSource(ctx, stages), collation: options.collation };
  const view = resolveView(ctx, n);
  const target = view ? view.source : n;
  const all = view ? [...view.pipeline, ...stages] : stages;
  const collation = view ? (options.collation ?? view.collation) : collationFor(ctx, n, options.collation);
  const { filter, find, rest } = pushDown(ctx, all, { ...options, collation });
  return { read: { ns: target, filter, options: find }, source: [], rest, collation };
}

function runStages(
  ctx: CommandContext,
  n: Namespace | undefined,
  source: Document[],
  rest: Document[],
  letVars: Document | undefined,
  collation: Document | undefined,
): Document[] {
  if (rest.length === 0) return source;
  try {
    const mingo = {
      ...mingoOptions({ let: letVars, collation, maxDensifyDocs: ctx.server.queryKnobs.internalQueryMaxAllowedDensifyDocs }),
      collectionResolver: (name: string) => runPipeline(ctx, { db: n?.db ?? ctx.db, coll: name }, []).map(looseNumbers),
    };
    // mingo's stages compute with JS numbers only (bson-numbers.ts).
    const loose = source.map(looseNumbers);
    if (!mentionsPrototypeNames(rest)) return new Aggregator(rest, mingo).run(loose) as Document[];
    // See prototype-names.ts: run on escaped copies so no path resolves to an inherited property.
    const resolver = (name: string) => mingo.collectionResolver(name).map(escapeDocument);
    const escaped = new Aggregator(escapeSpec(rest), { ...mingo, collectionResolver: resolver }).run(loose.map(escapeDocument));
    return (escaped as Document[]).map(unescapeDocument);
  } catch (error) {
    throw translateMingoError(error);
  }
}

/** Leading $match, then $sort/$skip/$limit, as one engine read; returns it and the stages still to run. */
export function pushDown(ctx: CommandContext, stages: Document[], options: PipelineOptions): { filter: Document; find: FindOptions; rest: Document[] } {
  const filters: Document[] = [];
  let i = 0;
  while (i < stages.length && "$match" in stages[i]!) {
    // $expr referencing let variables is fine; the engine evaluates it with the same `let`.
    filters.push(stages[i]!.$match as Document);
    i++;
  }
  const find: FindOptions = { hint: options.hint, collation: options.collation, let: options.let, txn: ctx.txn, deadline: ctx.deadline };
  if (i < stages.length && "$sort" in stages[i]!) {
    find.sort = stages[i]!.$sort as FindOptions["sort"];
    i++;
  }
  // Without a $sort, skip/limit apply to the engine's order, which is the order the stages would see anyway.
  if (i < stages.length && "$skip" in stages[i]! && typeof stages[i]!.$skip === "number" && stages[i]!.$skip >= 0) {
    find.skip = stages[i]!.$skip as number;
    i++;
  }
  if (i < stages.length && "$limit" in stages[i]! && typeof stages[i]!.$limit === "number" && stages[i]!.$limit > 0) {
    find.limit = stages[i]!.$limit as number;
    i++;
  }
  const filter = filters.length === 0 ? {} : filters.length === 1 ? filters[0]! : { $and: filters };
  return { filter, find, rest: stages.slice(i) };
}

/** SHA-256 of the empty user name: the `uid` of sessions on a server without authentication. */
const ANONYMOUS_UID = new Binary(createHash("sha256").update("").digest(), 0);

/**
 * `aggregate: 1` pipelines start from a stage that makes documents; `$listLocalSessions` lists the sessions
 * this server holds (manual: "$listLocalSessions"), the others are mingo's (`$documents`).
 */
function collectionlessSource(ctx: CommandContext, stages: Document[]): { source: Document[]; rest: Document[] } {
  const first = stages[0];
  if (!first || !("$listLocalSessions" in first)) return { source: [], rest: stages };
  const sessions = [...ctx.server.sessions.all()].map((session) => ({
    _id: { id: new UUID(session.key), uid: ANONYMOUS_UID },
    lastUse: new Date(session.lastUse),
  }));
  return { source: sessions, rest: stages.slice(1) };
}
