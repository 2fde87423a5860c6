/**
 * `$pull` with MongoDB's condition rules (manual: "$pull"): a document whose first field is a path-accepting
 * query operator (`{$gte: 6}`, `{$in: [...]}`) is a condition on each element's value; any other document
 * (field names, or `$and`/`$or`/`$nor`/`$expr`) is a query each document element must match — elements that are
 * not documents never match it; a regex matches string elements; anything else is equality. mingo wraps every
 * `$`-keyed condition as a value condition, so `{$or: [...]}` removed nothing: the removal is computed here and
 * handed on as a `$set` of the remaining elements.
 */
import type { Document } from "bson";
import { collationComparator, valuesEqual } from "../query/compare";
import { compileFilter } from "../query/match";
import { isPlainObject } from "../command-helpers/documents";

/** Top-level query operators that make a `$pull` document a query on the element document. */
const DOCUMENT_QUERY_OPERATORS = new Set(["$and", "$or", "$nor", "$expr", "$where", "$text", "$comment", "$jsonSchema", "$alwaysTrue", "$alwaysFalse"]);

function pullPredicate(spec: unknown, collation?: Document): (value: unknown) => boolean {
  if (isPlainObject(spec)) {
    const first = Object.keys(spec)[0];
    if (first !== undefined && first.startsWith("$") && !DOCUMENT_QUERY_OPERATORS.has(first)) {
      const matches = compileFilter({ v: spec }, { collation });
      return (value) => matches({ v: value });
    }
    const matches = compileFilter(spec, { collation });
    return (value) => isPlainObject(value) && matches(value);
  }
  if (spec instanceof RegExp || (spec as { _bsontype?: string } | null)?._bsontype === "BSONRegExp") {
    const matches = compileFilter({ v: spec }, { collation });
    return (value) => typeof value === "string" && matches({ v: value });
  }
  const strings = collationComparator(collation);
  return (value) => valuesEqual(value, spec, strings);
}

function valueAt(doc: Document, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split(".")) {
    if (isPlainObject(current)) current = current[part];
    else if (Array.isArray(current) && /^\d+$/.test(part)) current = current[Number(part)];
    else return undefined;
  }
  return current;
}

/**
 * Replaces `$pull` in `ops` (whose paths are concrete and whose targets were checked to be arrays or missing)
 * by `$set`s of the arrays without the pulled elements; a pull that removes nothing disappears.
 */
export function pullAsSet(doc: Document, ops: Document, collation?: Document): Document {
  if (!("$pull" in ops)) return ops;
  const { $pull, ...rest } = ops;
  const sets: Document = {};
  for (const [path, spec] of Object.entries($pull as Document)) {
    const array = valueAt(doc, path);
    if (!Array.isArray(array)) continue;
    const pulled = pullPredicate(spec, collation);
    const kept = array.filter((element) => !pulled(element));
    if (kept.length !== array.length) sets[path] = kept;
  }
  if (Object.keys(sets).length === 0) return rest;
  return { ...rest, $set: { ...((rest.$set as Document | undefined) ?? {}), ...sets } };
}
