import type { Document } from "bson";
import { cursorReply } from "../command-helpers/cursor-reply";
import { project } from "../command-helpers/projection";
import { deserialize } from "../bson-numbers";
import { compileRawProjection, type RawProjection } from "../engine/raw-documents";
import { RawBson, type ResultDocument } from "../raw-bson";
import type { FindOptions, Namespace } from "../engine/types";
import { MongoCommandError } from "../errors";
import type { Command, CommandContext } from "../server-context";
import { collectionArg, toBool, toNumber } from "../command-helpers/fields";
import { collationFor } from "../command-helpers/collation";
import { runPipelineYielding } from "../command-helpers/pipeline";
import { isView } from "../command-helpers/views";

const UNSUPPORTED_FLAGS = ["tailable", "awaitData", "oplogReplay"] as const;

export const find: Command = {
  name: "find",
  inTransaction: true,
  fields: {
    filter: "object",
    projection: "object",
    sort: "object",
    hint: "stringOrObject",
    skip: "number",
    limit: "number",
    batchSize: "number",
    singleBatch: "bool",
    max: "object",
    min: "object",
    returnKey: "bool",
    showRecordId: "bool",
    tailable: "bool",
    oplogReplay: "bool",
    noCursorTimeout: "bool",
    awaitData: "bool",
    allowPartialResults: "bool",
    collation: "object",
    allowDiskUse: "bool",
    let: "object",
    readOnce: "bool",
    term: "number",
    collectionUUID: "any",
    encryptionInformation: "object",
    includeQueryStatsMetrics: "bool",
    $_requestResumeToken: "bool",
    $_resumeAfter: "object",
    $_startAt: "object",
  },
  async run(cmd, ctx) {
    const coll = collectionArg(cmd, "find");
    for (const flag of UNSUPPORTED_FLAGS) {
      if (toBool(cmd[flag])) {
        throw new MongoCommandError("BadValue", `error processing query: ${flag} cursors require a capped collection, which the embedded server does not support`);
      }
    }
    if (cmd.min !== undefined || cmd.max !== undefined) {
      throw new MongoCommandError("CommandNotSupported", "find with min/max is not supported by the embedded server");
    }
    const skip = nonNegative(cmd.skip, "Skip");
    const limit = nonNegative(cmd.limit, "Limit");
    const batchSize = nonNegative(cmd.batchSize, "BatchSize");
    const options: FindOptions = {
      sort: cmd.sort as FindOptions["sort"],
      skip: skip || undefined,
      limit: limit || undefined,
      hint: cmd.hint as FindOptions["hint"],
      collation: collationFor(ctx, { db: ctx.db, coll }, cmd.collation),
      let: cmd.let as Document | undefined,
      txn: ctx.txn,
      deadline: ctx.deadline,
    };
    const ns = { db: ctx.db, coll };
    const filter = (cmd.filter as Document | undefined) ?? {};
    const projected = cmd.projection && Object.keys(cmd.projection as Document).length > 0;
    const view = isView(ctx, ns);
    // Without a projection nothing reads the documents before the reply: they may stay stored BSON.
    const rawProjection = projected && !view ? compileRawProjection(cmd.projection as Document) : undefined;
    const docs = view
      ? await findInView(ctx, ns, filter, options, cmd)
      : rawProjection
        ? projectForReply(await ctx.engine.findForReplyYielding(ns, filter, options), rawProjection, cmd)
        : projected
          ? project(await ctx.engine.findYielding(ns, filter, options), cmd.projection as Document, cmd.let as Document | undefined, cmd.filter as Document)
          : await ctx.engine.findForReplyYielding(ns, filter, options);
    return cursorReply(ctx, `${ctx.db}.${coll}`, docs, {
      batchSize: limit && batchSize ? Math.min(limit, batchSize) : batchSize ?? undefined,
      singleBatch: toBool(cmd.singleBatch),
      noCursorTimeout: toBool(cmd.noCursorTimeout),
    });
  },
};

/**
 * An inclusion projection of plain fields cut from the stored bytes where it can be (ADR 0026); documents
 * the engine decoded anyway (in-memory sort, a transaction's own writes) and those the raw path declines go
 * through the decoding projection.
 */
function projectForReply(docs: ResultDocument[], rawProjection: RawProjection, cmd: Document): ResultDocument[] {
  return docs.map((doc) => {
    const cut = doc instanceof RawBson ? rawProjection(doc.bytes) : undefined;
    if (cut) return new RawBson(cut);
    const decoded = doc instanceof RawBson ? deserialize(doc.bytes) : doc;
    return project([decoded], cmd.projection as Document, cmd.let as Document | undefined, cmd.filter as Document)[0]!;
  });
}

/** A find on a view is an aggregation of the view's pipeline and the find's stages (manual: "Views"). */
async function findInView(ctx: CommandContext, ns: Namespace, filter: Document, options: FindOptions, cmd: Document): Promise<Document[]> {
  const stages: Document[] = [{ $match: filter }];
  if (options.sort && Object.keys(options.sort).length > 0) stages.push({ $sort: options.sort });
  if (options.skip) stages.push({ $skip: options.skip });
  if (options.limit) stages.push({ $limit: options.limit });
  const docs = await runPipelineYielding(ctx, ns, stages, { let: options.let, collation: cmd.collation as Document | undefined });
  const projection = cmd.projection as Document | undefined;
  return projection && Object.keys(projection).length > 0 ? project(docs, projection, options.let, filter) : docs;
}

function nonNegative(value: unknown, name: string): number | undefined {
  const n = toNumber(value);
  if (n === undefined) return undefined;
  if (n < 0) throw new MongoCommandError("Location51024", `${name} value must be non-negative, but received: ${n}`);
  return Math.trunc(n);
}


