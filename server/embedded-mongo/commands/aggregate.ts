/**
 * aggregate: the pipeline runs over a collection, a view or nothing (command-helpers/pipeline.ts); $out and
 * $merge are applied here against storage.
 */
import { checkAggregationWriteTarget } from "../engine/names";
import type { Document } from "bson";
import { Aggregator } from "mingo/aggregator";
import type { Namespace } from "../engine/types";
import { MongoCommandError } from "../errors";
import { mingoOptions, translateMingoError } from "../query/match";
import { valuesEqual } from "../query/compare";
import { ownField, setOwnField } from "../query/prototype-names";
import type { Command, CommandContext } from "../server-context";
import { isPlainObject, prepareInsert } from "../command-helpers/documents";
import { toBool, toNumber } from "../command-helpers/fields";
import { cursorReply } from "../command-helpers/cursor-reply";
import { collectionValidator } from "../command-helpers/validation";
import { writeOptions } from "../command-helpers/writes";
import { runPipelineYielding } from "../command-helpers/pipeline";
import { checkPipeline } from "../command-helpers/pipeline-checks";
import { explainCommand } from "./explain";
import { refuseView } from "../command-helpers/views";

/** Stages MongoDB has that mingo does not run: named so the error is clear. */
const STAGE_ERRORS = new Set(["$changeStream", "$currentOp", "$collStats", "$indexStats", "$listSessions", "$planCacheStats", "$search", "$searchMeta", "$vectorSearch", "$geoNear", "$listSearchIndexes", "$shardedDataDistribution"]);

export const aggregate: Command = {
  name: "aggregate",
  inTransaction: true,
  fields: {
    pipeline: { type: "array", required: true },
    explain: "bool",
    allowDiskUse: "bool",
    cursor: "object",
    hint: "stringOrObject",
    needsMerge: "bool",
    fromMongos: "bool",
    bypassDocumentValidation: "bool",
    collation: "object",
    let: "object",
    collectionUUID: "any",
    exchange: "object",
    isMapReduceCommand: "bool",
    encryptionInformation: "object",
    includeQueryStatsMetrics: "bool",
    $_requestReshardingResumeToken: "bool",
    $_generateV2ResumeTokens: "bool",
  },
  async run(cmd, ctx) {
    const target = cmd.aggregate;
    const collectionless = target === 1 || target === 1.0;
    if (!collectionless && typeof target !== "string") {
      throw new MongoCommandError("InvalidNamespace", "aggregate requires a collection name or 1");
    }
    if (toBool(cmd.explain)) {
      // The `explain: true` flag: MongoDB answers with the queryPlanner verbosity (manual: "aggregate").
      const { explain: _flag, cursor: _cursor, lsid: _lsid, $db: _db, ...inner } = cmd;
      return explainCommand(inner, "queryPlanner", ctx);
    }
    if (cmd.cursor === undefined) {
      throw new MongoCommandError("FailedToParse", "The 'cursor' option is required, except for aggregate with the explain argument");
    }
    const pipeline = (cmd.pipeline as unknown[]).map((stage, i) => {
      if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
        throw new MongoCommandError("Location40323", "A pipeline stage specification object must contain exactly one field.");
      }
      const name = Object.keys(stage)[0]!;
      if (STAGE_ERRORS.has(name)) {
        throw new MongoCommandError("Location40324", `${name} is not supported by the embedded MongoDB server`);
      }
      if ((name === "$out" || name === "$merge") && i !== (cmd.pipeline as unknown[]).length - 1) {
        throw new MongoCommandError("Location40324", `${name} can only be the final stage in the pipeline`);
      }
      return stage;
    });
    checkPipeline(pipeline);
    const last = pipeline[pipeline.length - 1];
    const writeStage = last && ("$out" in last || "$merge" in last) ? last : undefined;
    if (writeStage && ctx.txn) {
      throw new MongoCommandError("OperationNotSupportedInTransaction", `${Object.keys(writeStage)[0]} cannot be used in a transaction`);
    }
    if (writeStage) {
      const stage = "$out" in writeStage ? "$out" : "$merge";
      // Manual "Read Concern 'linearizable'": not available with $out or $merge.
      if ((cmd.readConcern as Document | undefined)?.level === "linearizable") {
        throw new MongoCommandError("InvalidOptions", `${stage} cannot be used with a 'linearizable' read concern level`);
      }
      const spec = stage === "$out" ? writeStage.$out : isPlainObject(writeStage.$merge) ? writeStage.$merge.into : writeStage.$merge;
      checkAggregationWriteTarget(stage, targetOf(ctx, spec, stage));
      refuseView(ctx, targetOf(ctx, spec, stage));
    }
    const stages = writeStage ? pipeline.slice(0, -1) : pipeline;
    const letVars = cmd.let as Document | undefined;
    const n = collectionless ? undefined : { db: ctx.db, coll: target as string };
    const results = await runPipelineYielding(ctx, n, stages, {
      hint: cmd.hint as Document | undefined,
      let: letVars,
      collation: cmd.collation as Document | undefined,
    });

    const namespace = collectionless ? `${ctx.db}.$cmd.aggregate` : `${ctx.db}.${target as string}`;
    if (writeStage) {
      if ("$out" in writeStage) writeOut(ctx, writeStage.$out, results, toBool(cmd.bypassDocumentValidation));
      else writeMerge(ctx, writeStage.$merge, results, toBool(cmd.bypassDocumentValidation), letVars);
      return cursorReply(ctx, namespace, [], {});
    }
    const batchSize = toNumber((cmd.cursor as Document).batchSize);
    return cursorReply(ctx, namespace, results, { batchSize });
  },
};

function targetOf(ctx: CommandContext, spec: unknown, stage: string): Namespace {
  if (typeof spec === "string") return { db: ctx.db, coll: spec };
  if (isPlainObject(spec) && typeof spec.coll === "string") {
    return { db: typeof spec.db === "string" ? spec.db : ctx.db, coll: spec.coll };
  }
  throw new MongoCommandError("FailedToParse", `${stage} requires a collection name or { db, coll }`);
}

function writeOut(ctx: CommandContext, spec: unknown, docs: Document[], bypass: boolean): void {
  const n = targetOf(ctx, spec, "$out");
  const validator = collectionValidator(ctx, n, bypass);
  const prepared = docs.map((doc) => {
    const p = prepareInsert(doc);
    validator.check(p);
    return p;
  });
  const options = writeOptions(ctx);
  ctx.engine.batch(() => {
    // Replace the contents but keep the target's indexes, as $out does.
    if (ctx.engine.getCollection(n)) {
      for (const old of ctx.engine.find(n, {})) ctx.engine.deleteOne(n, old._id, options);
    } else {
      ctx.engine.createCollection(n, {});
    }
    for (const doc of prepared) ctx.engine.insertOne(n, doc, options);
  });
}

function writeMerge(ctx: CommandContext, spec: unknown, docs: Document[], bypass: boolean, letVars?: Document): void {
  const options = isPlainObject(spec) ? spec : { into: spec };
  const n = targetOf(ctx, options.into, "$merge");
  const on = options.on === undefined ? ["_id"] : Array.isArray(options.on) ? (options.on as string[]) : [options.on as string];
  const whenMatched = options.whenMatched ?? "merge";
  const whenNotMatched = (options.whenNotMatched as string | undefined) ?? "insert";
  const validator = collectionValidator(ctx, n, bypass);
  const write = writeOptions(ctx);
  ctx.engine.batch(() => {
    for (const raw of docs) {
      const filter: Document = {};
      for (const field of on) setOwnField(filter, field, ownField(raw, field) ?? null);
      const existing = ctx.engine.find(n, filter, { limit: 2 });
      if (existing.length > 1) {
        throw new MongoCommandError("BadValue", "Cannot find index to verify that join fields will be unique");
      }
      const match = existing[0];
      if (!match) {
        if (whenNotMatched === "discard") continue;
        if (whenNotMatched === "fail") {
          throw new MongoCommandError("MergeStageNoMatchingDocument", "$merge could not find a matching document in the target collection for at least one document in the source collection");
        }
        const doc = prepareInsert(raw);
        validator.check(doc);
        ctx.engine.insertOne(n, doc, write);
        continue;
      }
      let merged: Document;
      if (whenMatched === "keepExisting") continue;
      if (whenMatched === "fail") {
        // MongoDB inserts and reports the unique index's duplicate key, with keyPattern/keyValue as any 11000.
        const keyPattern = Object.fromEntries(on.map((field) => [field, 1]));
        const indexName = on.length === 1 && on[0] === "_id" ? "_id_" : on.map((field) => `${field}_1`).join("_");
        throw new MongoCommandError(
          "DuplicateKey",
          `$merge failed due to a DuplicateKey error :: caused by :: E11000 duplicate key error collection: ${n.db}.${n.coll} index: ${indexName} dup key: ${JSON.stringify(filter)}`,
          { extra: { keyPattern, keyValue: filter } },
        );
      }
      if (whenMatched === "replace") {
        merged = { ...raw, _id: match._id };
      } else if (whenMatched === "merge") {
        merged = { ...match, ...raw, _id: match._id };
      } else if (Array.isArray(whenMatched)) {
        const vars = { ...(letVars ?? {}), ...((options.let as Document | undefined) ?? { new: raw }) };
        if (!("new" in vars)) vars.new = raw;
        try {
          merged = new Aggregator(whenMatched as Document[], mingoOptions({ let: vars })).run([match])[0] as Document;
        } catch (error) {
          throw translateMingoError(error);
        }
      } else {
        throw new MongoCommandError("BadValue", `Enumeration value '${String(whenMatched)}' for field 'whenMatched' is not a valid value.`);
      }
      if (!valuesEqual(merged._id, match._id)) {
        throw new MongoCommandError("ImmutableField", "$merge failed to update the matching document, did you attempt to modify the _id or the shard key?");
      }
      const doc = prepareInsert(merged);
      validator.check(doc, match);
      ctx.engine.replaceOne(n, match._id, doc, write);
    }
  });
}
