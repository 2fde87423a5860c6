import type { Document } from "bson";
import type { FindOptions } from "../engine/types";
import { MongoCommandError } from "../errors";
import { collationComparator, compareValues, valuesEqual } from "../query/compare";
import { ownField } from "../query/prototype-names";
import type { Command } from "../server-context";
import { collectionArg } from "../command-helpers/fields";
import { collationFor } from "../command-helpers/collation";
import { runPipelineYielding } from "../command-helpers/pipeline";
import { isView } from "../command-helpers/views";

/** Every value at `path`, descending into arrays, with arrays at the end of the path contributing elements. */
function collect(value: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(value)) out.push(...value);
    else if (value !== undefined) out.push(value);
    return;
  }
  if (Array.isArray(value)) {
    const part = parts[i]!;
    if (/^\d+$/.test(part)) collect(value[Number(part)], parts, i + 1, out);
    for (const item of value) if (item !== null && typeof item === "object" && !Array.isArray(item)) collect(item, parts, i, out);
    return;
  }
  if (value === null || typeof value !== "object") return;
  collect(ownField(value, parts[i]!), parts, i + 1, out);
}

export const distinct: Command = {
  name: "distinct",
  inTransaction: true,
  fields: {
    key: { type: "string", required: true },
    query: "object",
    collation: "object",
    hint: "stringOrObject",
    collectionUUID: "any",
    sampleId: "any",
    mirrored: "bool",
  },
  async run(cmd, ctx) {
    const coll = collectionArg(cmd, "distinct");
    const key = cmd.key as string;
    if (key.length === 0) throw new MongoCommandError("BadValue", "FieldPath cannot be constructed with empty string");
    const collation = collationFor(ctx, { db: ctx.db, coll }, cmd.collation);
    const options: FindOptions = { hint: cmd.hint as FindOptions["hint"], collation, txn: ctx.txn, deadline: ctx.deadline };
    const n = { db: ctx.db, coll };
    const query = (cmd.query as Document | undefined) ?? {};
    const docs = isView(ctx, n)
      ? await runPipelineYielding(ctx, n, [{ $match: query }], { collation: cmd.collation as Document | undefined })
      : await ctx.engine.findYielding(n, query, options);
    const strings = collationComparator(collation);
    const all: unknown[] = [];
    const parts = key.split(".");
    for (const doc of docs) collect(doc, parts, 0, all);
    all.sort((a, b) => compareValues(a, b, strings));
    const values: unknown[] = [];
    for (const v of all) {
      if (values.length === 0 || !valuesEqual(values[values.length - 1], v, strings)) values.push(v);
    }
    return { values, ok: 1 };
  },
};
