/**
 * explain (manual: "explain", "Explain Results"): `find`, `aggregate`, `count`, `distinct`, `update` and
 * `delete` at the verbosities `queryPlanner`, `executionStats` and `allPlansExecution` (the default), in
 * MongoDB 7.0's shape, so index use can be checked with the same tool as on Atlas. Nothing is written:
 * an explained update or delete only counts what it would change. `aggregate` with `explain: true` comes here
 * too (queryPlanner verbosity).
 */
import type { Document } from "bson";
import type { FindOptions, Namespace } from "../engine/types";
import { MongoCommandError } from "../errors";
import type { Command, CommandContext } from "../server-context";
import { collationFor } from "../command-helpers/collation";
import { collectionArg, toBool, toNumber } from "../command-helpers/fields";
import { explainRead, queryPlanner, type ReadShape } from "../command-helpers/explain-plan";
import { pushDown, runPipeline } from "../command-helpers/pipeline";
import { checkPipeline } from "../command-helpers/pipeline-checks";
import { SERVER_VERSION } from "../command-helpers/server-identity";
import { resolveView } from "../command-helpers/views";
import { applyUpdate, classifyUpdate } from "../update/apply-update";

type Verbosity = "queryPlanner" | "executionStats" | "allPlansExecution";
const VERBOSITIES = new Set<Verbosity>(["queryPlanner", "executionStats", "allPlansExecution"]);

export const explain: Command = {
  name: "explain",
  inTransaction: false,
  fields: {
    explain: { type: "object", required: true },
    verbosity: "string",
  },
  run(cmd, ctx) {
    const verbosity = (cmd.verbosity ?? "allPlansExecution") as Verbosity;
    if (!VERBOSITIES.has(verbosity)) {
      throw new MongoCommandError("FailedToParse", "verbosity string must be one of {'queryPlanner', 'executionStats', 'allPlansExecution'}");
    }
    return explainCommand(cmd.explain as Document, verbosity, ctx);
  },
};

/** The explain reply of `inner` (a find, aggregate, count, distinct, update or delete command). */
export function explainCommand(inner: Document, verbosity: Verbosity, ctx: CommandContext): Document {
  const name = Object.keys(inner)[0] ?? "";
  const started = performance.now();
  const body = explainBody(name, inner, verbosity, ctx, started);
  const port = Number(ctx.server.hostAndPort.split(":")[1]);
  return {
    ...body,
    command: { ...inner, $db: ctx.db },
    serverInfo: { host: "127.0.0.1", port, version: SERVER_VERSION, gitVersion: "embedded" },
    serverParameters: {
      internalQueryFacetBufferSizeBytes: 104857600,
      internalQueryFacetMaxOutputDocSizeBytes: 104857600,
      internalLookupStageIntermediateDocumentMaxSizeBytes: 104857600,
      internalDocumentSourceGroupMaxMemoryBytes: 104857600,
      internalQueryMaxBlockingSortMemoryUsageBytes: 104857600,
      internalQueryProhibitBlockingMergeOnMongoS: 0,
      internalQueryMaxAddToSetBytes: 104857600,
      internalDocumentSourceSetWindowFieldsMaxMemoryBytes: 104857600,
      internalQueryFrameworkControl: "trySbeRestricted",
    },
    ok: 1,
  };
}

function explainBody(name: string, inner: Document, verbosity: Verbosity, ctx: CommandContext, started: number): Document {
  switch (name) {
    case "find":
      return explainFind(inner, verbosity, ctx, started);
    case "aggregate":
      return explainAggregate(inner, verbosity, ctx, started);
    case "count":
      return explainCount(inner, verbosity, ctx, started);
    case "distinct":
      return explainDistinct(inner, verbosity, ctx, started);
    case "update":
      return explainUpdate(inner, verbosity, ctx, started);
    case "delete":
      return explainDelete(inner, verbosity, ctx, started);
    default:
      throw new MongoCommandError("CommandNotFound", `Explain failed due to unknown command: ${name}`);
  }
}

const millisSince = (started: number) => Math.round(performance.now() - started);

/** The reply fields of one explained read: queryPlanner and, by verbosity, executionStats. */
function readExplain(
  ctx: CommandContext,
  n: Namespace,
  read: ReadShape,
  verbosity: Verbosity,
  started: number,
  shape: (plan: Document, stats: Document, info: { nReturned: number }) => { plan: Document; stats: Document; nReturned?: number },
): Document {
  const info = ctx.engine.explain(n, read.filter, read.options);
  const explained = explainRead(read, info);
  const detail = info.detail;
  const shaped = shape(explained.winningPlan, explained.executionStages, { nReturned: detail?.nReturned ?? 0 });
  const out: Document = { explainVersion: "1", queryPlanner: queryPlanner(`${n.db}.${n.coll}`, read.filter, shaped.plan) };
  if (verbosity !== "queryPlanner") {
    out.executionStats = {
      executionSuccess: true,
      nReturned: shaped.nReturned ?? detail?.nReturned ?? 0,
      executionTimeMillis: millisSince(started),
      totalKeysExamined: info.keysExamined,
      totalDocsExamined: info.docsExamined,
      executionStages: shaped.stats,
      ...(verbosity === "allPlansExecution" ? { allPlansExecution: [] } : {}),
    };
  }
  return out;
}

const asIs = (plan: Document, stats: Document) => ({ plan, stats });

function nonNegative(value: unknown, name: string): number | undefined {
  const n = toNumber(value);
  if (n === undefined) return undefined;
  if (n < 0) throw new MongoCommandError("Location51024", `${name} value must be non-negative, but received: ${n}`);
  return Math.trunc(n);
}

function explainFind(inner: Document, verbosity: Verbosity, ctx: CommandContext, started: number): Document {
  const coll = collectionArg(inner, "find");
  const n = { db: ctx.db, coll };
  const filter = (inner.filter as Document | undefined) ?? {};
  if (resolveView(ctx, n)) {
    const stages: Document[] = [{ $match: filter }];
    if (inner.sort) stages.push({ $sort: inner.sort });
    if (inner.skip) stages.push({ $skip: inner.skip });
    if (inner.limit) stages.push({ $limit: inner.limit });
    if (inner.projection) stages.push({ $project: inner.projection });
    return explainPipeline(ctx, n, stages, inner, verbosity, started);
  }
  const skip = nonNegative(inner.skip, "Skip");
  const limit = nonNegative(inner.limit, "Limit");
  const options: FindOptions = {
    sort: inner.sort as FindOptions["sort"],
    skip: skip || undefined,
    limit: limit || undefined,
    hint: inner.hint as FindOptions["hint"],
    collation: collationFor(ctx, n, inner.collation),
    let: inner.let as Document | undefined,
  };
  return readExplain(ctx, n, { filter, options, projection: inner.projection as Document | undefined }, verbosity, started, asIs);
}

function explainCount(inner: Document, verbosity: Verbosity, ctx: CommandContext, started: number): Document {
  const coll = collectionArg(inner, "count");
  const n = { db: ctx.db, coll };
  const query = (inner.query as Document | undefined) ?? {};
  if (resolveView(ctx, n)) return explainPipeline(ctx, n, [{ $match: query }, { $count: "count" }], inner, verbosity, started);
  const skip = nonNegative(inner.skip, "Skip") ?? 0;
  const limit = Math.abs(toNumber(inner.limit) ?? 0);
  const options: FindOptions = { skip: skip || undefined, limit: limit || undefined, hint: inner.hint as FindOptions["hint"], collation: collationFor(ctx, n, inner.collation) };
  return readExplain(ctx, n, { filter: query, options }, verbosity, started, (plan, stats, { nReturned }) => ({
    plan: { stage: "COUNT", inputStage: plan },
    stats: { stage: "COUNT", nReturned: 0, executionTimeMillisEstimate: 0, nCounted: nReturned, nSkipped: skip, inputStage: stats },
    nReturned: 0,
  }));
}

function explainDistinct(inner: Document, verbosity: Verbosity, ctx: CommandContext, started: number): Document {
  const coll = collectionArg(inner, "distinct");
  if (typeof inner.key !== "string") throw new MongoCommandError("Location40414", "BSON field 'distinct.key' is missing but a required field");
  const n = { db: ctx.db, coll };
  const query = (inner.query as Document | undefined) ?? {};
  if (resolveView(ctx, n)) return explainPipeline(ctx, n, [{ $match: query }, { $group: { _id: null, distinct: { $addToSet: `$${inner.key}` } } }], inner, verbosity, started);
  const options: FindOptions = { hint: inner.hint as FindOptions["hint"], collation: collationFor(ctx, n, inner.collation) };
  const projection = { _id: 0, [inner.key]: 1 };
  return readExplain(ctx, n, { filter: query, options, projection }, verbosity, started, asIs);
}

/** Explained writes hold exactly one statement, as MongoDB requires. */
function onlyStatement(inner: Document, list: "updates" | "deletes", name: string): Document {
  const statements = inner[list];
  if (!Array.isArray(statements) || statements.length !== 1 || statements[0] === null || typeof statements[0] !== "object") {
    throw new MongoCommandError("InvalidLength", `explained ${name} must have exactly one ${name} statement`);
  }
  return statements[0] as Document;
}

function explainUpdate(inner: Document, verbosity: Verbosity, ctx: CommandContext, started: number): Document {
  const n = { db: ctx.db, coll: collectionArg(inner, "update") };
  const stmt = onlyStatement(inner, "updates", "update");
  const query = (stmt.q as Document | undefined) ?? {};
  const spec = classifyUpdate(stmt.u);
  const multi = toBool(stmt.multi);
  const collation = collationFor(ctx, n, stmt.collation);
  const letVars = inner.let as Document | undefined;
  const options: FindOptions = { hint: stmt.hint as FindOptions["hint"], collation, let: letVars, limit: multi ? undefined : 1 };
  return readExplain(ctx, n, { filter: query, options }, verbosity, started, (plan, stats) => {
    // What the update would do, applied to copies: nothing is written.
    const env = { query, arrayFilters: stmt.arrayFilters as Document[] | undefined, let: letVars, constants: stmt.c as Document | undefined, collation };
    const matched = ctx.engine.find(n, query, options);
    const wouldModify = matched.filter((doc) => applyUpdate(doc, spec, env).modified).length;
    return {
      plan: { stage: "UPDATE", inputStage: plan },
      stats: {
        stage: "UPDATE",
        nReturned: 0,
        executionTimeMillisEstimate: 0,
        nMatched: matched.length,
        nWouldModify: wouldModify,
        nWouldUpsert: matched.length === 0 && toBool(stmt.upsert) ? 1 : 0,
        inputStage: stats,
      },
      nReturned: 0,
    };
  });
}

function explainDelete(inner: Document, verbosity: Verbosity, ctx: CommandContext, started: number): Document {
  const n = { db: ctx.db, coll: collectionArg(inner, "delete") };
  const stmt = onlyStatement(inner, "deletes", "delete");
  const query = (stmt.q as Document | undefined) ?? {};
  const limit = toNumber(stmt.limit) ?? 0;
  const options: FindOptions = { hint: stmt.hint as FindOptions["hint"], collation: collationFor(ctx, n, stmt.collation), limit: limit === 1 ? 1 : undefined };
  return readExplain(ctx, n, { filter: query, options }, verbosity, started, (plan, stats, { nReturned }) => ({
    plan: { stage: "DELETE", inputStage: plan },
    stats: { stage: "DELETE", nReturned: 0, executionTimeMillisEstimate: 0, nWouldDelete: nReturned, inputStage: stats },
    nReturned: 0,
  }));
}

function explainAggregate(inner: Document, verbosity: Verbosity, ctx: CommandContext, started: number): Document {
  const target = inner.aggregate;
  if (typeof target !== "string") {
    throw new MongoCommandError("InvalidNamespace", "explain of a collectionless aggregate (aggregate: 1) is not supported by the embedded server");
  }
  if (!Array.isArray(inner.pipeline)) throw new MongoCommandError("TypeMismatch", "BSON field 'aggregate.pipeline' is the wrong type, expected type 'array'");
  const stages = inner.pipeline as Document[];
  for (const stage of stages) {
    if (stage === null || typeof stage !== "object" || Object.keys(stage).length !== 1) {
      throw new MongoCommandError("Location40323", "A pipeline stage specification object must contain exactly one field.");
    }
  }
  checkPipeline(stages);
  return explainPipeline(ctx, { db: ctx.db, coll: target }, stages, inner, verbosity, started);
}

/**
 * A pipeline's explain: the read its leading $match/$sort/$skip/$limit become ($cursor, or the find shape
 * when nothing else follows), then each remaining stage with, by verbosity, the documents it returned.
 * $out/$merge are listed, never run.
 */
function explainPipeline(ctx: CommandContext, n: Namespace, stages: Document[], inner: Document, verbosity: Verbosity, started: number): Document {
  const view = resolveView(ctx, n);
  const source = view ? view.source : n;
  const all = view ? [...view.pipeline, ...stages] : stages;
  const collation = view ? ((inner.collation as Document | undefined) ?? view.collation) : collationFor(ctx, n, inner.collation);
  const pipelineOptions = { hint: inner.hint as FindOptions["hint"], let: inner.let as Document | undefined, collation };
  const { filter, find, rest } = pushDown(ctx, all, pipelineOptions);
  const cursor = readExplain(ctx, source, { filter, options: { ...find, txn: undefined } }, verbosity, started, asIs);
  if (rest.length === 0 && !view) return cursor;
  const { explainVersion, ...cursorStage } = cursor;
  const out: Document[] = [{ $cursor: cursorStage }];
  const runnable = rest.filter((stage) => !("$out" in stage) && !("$merge" in stage));
  for (let i = 0; i < rest.length; i++) {
    const stage: Document = { ...rest[i] };
    if (verbosity !== "queryPlanner" && i < runnable.length) {
      stage.nReturned = runPipeline(ctx, source, all.slice(0, all.length - rest.length + i + 1), pipelineOptions).length;
      stage.executionTimeMillisEstimate = 0;
    }
    out.push(stage);
  }
  return { explainVersion, stages: out };
}

export { type Verbosity };
