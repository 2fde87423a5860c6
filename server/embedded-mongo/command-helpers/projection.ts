/**
 * find/findAndModify projections (manual: "Project Fields to Return from Query", "$slice (projection)",
 * "$elemMatch (projection)"). mingo runs inclusion/exclusion, `$elemMatch`, positional and expressions; here
 * `$slice` is taken out first because MongoDB does not count it as an inclusion: `{arr: {$slice: 1}}` returns
 * every other field too, and combines with an exclusion (`{arr: {$slice: 1}, other: 0}`). Results keep `_id`
 * first, as stored documents have it.
 */
import type { Document } from "bson";
import { Query } from "mingo/query";
import { looseNumbers } from "../bson-numbers";
import { MongoCommandError } from "../errors";
import { compileFilter, mingoOptions, translateMingoError } from "../query/match";
import { inDocumentOrder } from "../query/projection-order";
import { escapeDocument, escapeSpec, mentionsPrototypeNames, unescapeDocument } from "../query/prototype-names";
import { toNumber } from "./fields";
import { isPlainObject } from "./documents";

interface Slice {
  path: string[];
  skip: number | undefined;
  limit: number;
}

export function project(docs: Document[], projection: Document, variables?: Document, filter?: Document): Document[] {
  if (mentionsPrototypeNames(projection) || mentionsPrototypeNames(filter)) {
    // See prototype-names.ts: projected on escaped copies so no path resolves to an inherited property.
    const escapedFilter = filter === undefined ? undefined : escapeSpec(filter);
    return projectDocs(docs.map(escapeDocument), escapeSpec(projection), variables, escapedFilter).map(unescapeDocument);
  }
  return projectDocs(docs, projection, variables, filter);
}

function projectDocs(docs: Document[], projection: Document, variables?: Document, filter?: Document): Document[] {
  const slices: Slice[] = [];
  const elemMatches: Array<{ field: string; matches: (element: unknown) => boolean }> = [];
  const rest: Document = {};
  for (const [path, spec] of Object.entries(projection)) {
    const only = isPlainObject(spec) && Object.keys(spec).length === 1 ? Object.keys(spec)[0] : undefined;
    if (only === "$slice") {
      slices.push(parseSlice(path, spec.$slice));
    } else if (only === "$elemMatch") {
      if (path.includes(".")) throw new MongoCommandError("Location31275", "Cannot use $elemMatch projection on a nested field.");
      elemMatches.push({ field: path, matches: elementMatcher(spec.$elemMatch) });
      rest[path] = 1;
    } else {
      rest[path] = spec;
    }
  }
  const others = Object.entries(rest).filter(([path]) => path !== "_id");
  // With only $slice (and `_id`) the projection keeps every field; with exclusions it keeps the rest.
  const inclusion = others.some(([, spec]) => !isExclusion(spec));
  if (inclusion) for (const slice of slices) rest[slice.path.join(".")] = 1;
  const late = new Set(elemMatches.map((e) => e.field));
  let out: Document[];
  if (Object.keys(rest).length === 0) {
    out = docs;
  } else {
    // The positional projection (`"a.$": 1`) needs the filter that selected the array element.
    const positional = Object.keys(rest).some((key) => key.endsWith(".$"));
    try {
      // mingo computes with JS numbers only (bson-numbers.ts).
      out = new Query(positional && filter ? filter : {}, mingoOptions({ let: variables })).find(docs.map(looseNumbers), rest).all() as Document[];
    } catch (error) {
      throw translateMingoError(error);
    }
  }
  const aligned = out.length === docs.length;
  return out.map((doc, i) => {
    // Documents from storage may be shared with the caller: copy what the slices change.
    let shaped = slices.length > 0 || elemMatches.length > 0 ? { ...doc } : doc;
    for (const slice of slices) applySlice(shaped, slice);
    for (const { field, matches } of elemMatches) {
      const value = shaped[field];
      const found = Array.isArray(value) ? value.find(matches) : undefined;
      if (found === undefined) delete shaped[field];
      else shaped[field] = [found];
    }
    if (inclusion && aligned) shaped = inDocumentOrder(shaped, docs[i]!, rest, late);
    return "_id" in shaped && Object.keys(shaped)[0] !== "_id" ? { _id: shaped._id, ...shaped } : shaped;
  });
}

/** `$elemMatch` criteria: operators on the element's value (`{$gt: 1}`), else a query on element documents. */
function elementMatcher(criteria: unknown): (element: unknown) => boolean {
  if (!isPlainObject(criteria)) throw new MongoCommandError("BadValue", "$elemMatch needs an Object");
  const keys = Object.keys(criteria);
  const onValue = keys.length > 0 && keys.every((k) => k.startsWith("$") && k !== "$and" && k !== "$or" && k !== "$nor" && k !== "$expr");
  const matches = compileFilter(onValue ? { v: criteria } : criteria);
  return onValue ? (element) => matches({ v: element }) : (element) => isPlainObject(element) && matches(element);
}

function isExclusion(spec: unknown): boolean {
  return spec === false || spec === 0 || (typeof spec !== "object" && toNumber(spec) === 0);
}

function parseSlice(path: string, arg: unknown): Slice {
  const parts = path.split(".");
  if (Array.isArray(arg)) {
    const [skip, limit] = arg.map((v) => toNumber(v));
    if (arg.length !== 2 || skip === undefined || limit === undefined) {
      throw new MongoCommandError("Location28724", "First argument to $slice must be an array, and the second must be a number");
    }
    if (limit <= 0) throw new MongoCommandError("Location28724", `Invalid $slice syntax. The limit must be positive, found ${limit}`);
    return { path: parts, skip: Math.trunc(skip), limit: Math.trunc(limit) };
  }
  const n = toNumber(arg);
  if (n === undefined) throw new MongoCommandError("Location28724", "$slice only supports numbers and [skip, limit] arrays");
  return { path: parts, skip: undefined, limit: Math.trunc(n) };
}

function sliceArray(array: unknown[], { skip, limit }: Slice): unknown[] {
  if (skip === undefined) return limit >= 0 ? array.slice(0, limit) : array.slice(Math.max(array.length + limit, 0));
  const start = skip >= 0 ? Math.min(skip, array.length) : Math.max(array.length + skip, 0);
  return array.slice(start, start + limit);
}

/** Slices the array at the path; through arrays of documents it slices each one's field, as MongoDB does. */
function applySlice(target: Document, slice: Slice, depth = 0): void {
  const key = slice.path[depth]!;
  const value = target[key];
  if (depth === slice.path.length - 1) {
    if (Array.isArray(value)) target[key] = sliceArray(value, slice);
    return;
  }
  if (isPlainObject(value)) {
    const copy = { ...value };
    target[key] = copy;
    applySlice(copy, slice, depth + 1);
  } else if (Array.isArray(value)) {
    target[key] = value.map((item) => {
      if (!isPlainObject(item)) return item;
      const copy = { ...item };
      applySlice(copy, slice, depth + 1);
      return copy;
    });
  }
}
