import { checkClientWritable } from "../engine/names";
import type { Document } from "bson";
import type { FindOptions, Namespace } from "../engine/types";
import { MongoCommandError } from "../errors";
import type { Command, CommandContext } from "../server-context";
import { cloneDocument } from "../command-helpers/documents";
import { collectionArg, toBool } from "../command-helpers/fields";
import { applyUpdate, classifyUpdate, upsertDocument, type UpdateEnv } from "../update/apply-update";
import { collectionValidator, type DocumentValidator } from "../command-helpers/validation";
import { runStatements, runSteps, writeEachMatch, writeOptions } from "../command-helpers/writes";
import { collationFor } from "../command-helpers/collation";
import { refuseView } from "../command-helpers/views";

const STATEMENT_FIELDS = {
  q: { type: "object", required: true },
  u: { type: "objectOrArray", required: true },
  c: "object",
  upsert: "bool",
  multi: "bool",
  arrayFilters: "array",
  hint: "stringOrObject",
  collation: "object",
  upsertSupplied: "bool",
} as const;

export const update: Command = {
  name: "update",
  inTransaction: true,
  retryableWrite: true,
  writes: true,
  fields: {
    updates: { type: "array", required: true },
    ordered: "bool",
    bypassDocumentValidation: "bool",
    let: "object",
    collectionUUID: "any",
    encryptionInformation: "object",
    isTimeseriesNamespace: "bool",
  },
  async run(cmd, ctx) {
    const n = { db: ctx.db, coll: collectionArg(cmd, "update") };
    checkClientWritable(n);
    refuseView(ctx, n);
    const validator = collectionValidator(ctx, n, toBool(cmd.bypassDocumentValidation));
    let matched = 0;
    let modified = 0;
    const upserted: Document[] = [];
    const errors = await runStatements(cmd, ctx, "update", STATEMENT_FIELDS, async (stmt, index) => {
      const result = await updateStatement(ctx, n, stmt, validator, cmd.let as Document | undefined);
      matched += result.matched;
      modified += result.modified;
      if (result.upsertedId !== undefined) upserted.push({ index, _id: result.upsertedId });
    });
    const reply: Document = { n: matched + upserted.length, nModified: modified };
    if (upserted.length > 0) reply.upserted = upserted;
    errors.addTo(reply);
    reply.ok = 1;
    return reply;
  },
};

export interface StatementResult {
  matched: number;
  modified: number;
  upsertedId?: unknown;
}

/** One update statement (`{ q, u, upsert, multi, ... }`); throws the statement's error. */
export async function updateStatement(
  ctx: CommandContext,
  n: Namespace,
  stmt: Document,
  validator: DocumentValidator,
  letVars: Document | undefined,
): Promise<StatementResult> {
  const spec = classifyUpdate(stmt.u);
  const multi = toBool(stmt.multi);
  if (multi && spec.kind === "replacement") {
    throw new MongoCommandError("FailedToParse", "multi update is not supported for replacement-style update");
  }
  const query = stmt.q as Document;
  const env: UpdateEnv = {
    query,
    arrayFilters: stmt.arrayFilters as Document[] | undefined,
    let: letVars,
    constants: stmt.c as Document | undefined,
    collation: collationFor(ctx, n, stmt.collation),
  };
  const findOptions: FindOptions = {
    hint: stmt.hint as FindOptions["hint"],
    collation: env.collation,
    let: letVars,
    txn: ctx.txn,
    limit: multi ? undefined : 1,
  };
  const options = writeOptions(ctx);
  let modified = 0;
  const matched = await writeEachMatch(ctx, n, query, findOptions, (current) => {
    const previous = validator.needsPrevious ? cloneDocument(current) : undefined;
    const result = applyUpdate(current, spec, env);
    if (!result.modified) return;
    validator.check(result.doc, previous);
    ctx.engine.replaceOne(n, result.doc._id, result.doc, options);
    modified++;
  });
  if (matched > 0 || !toBool(stmt.upsert)) return { matched, modified };

  const doc = upsertDocument(spec, env);
  validator.check(doc);
  await runSteps(ctx, 1, () => {
    ctx.engine.insertOne(n, doc, options);
    return true;
  });
  return { matched: 0, modified: 0, upsertedId: doc._id };
}
