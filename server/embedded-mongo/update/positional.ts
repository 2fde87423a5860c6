/**
 * Positional update paths (`a.$.x`, `a.$[].x`, `a.$[e].x`) resolved to concrete array indexes against the
 * document as it was before the update — MongoDB picks the elements first and then applies every path, so two
 * paths below the same element (`a.$.x` and `a.$.y`) do not conflict, and an array filter is judged on the
 * element's original value even when another path of the same update changes it.
 * Manual: "$ (update)", "$[] (update)", "$[<identifier>] (update)".
 */
import type { Document } from "bson";
import { MongoCommandError } from "../errors";
import { compileFilter, type Matcher } from "../query/match";
import { isPlainObject } from "../command-helpers/documents";

export function isPositionalPart(part: string): boolean {
  return part === "$" || (part.startsWith("$[") && part.endsWith("]"));
}

export function hasPositional(path: string): boolean {
  return path.split(".").some(isPositionalPart);
}

interface Resolution {
  doc: Document;
  query: Document;
  filters: Map<string, Matcher>;
  used: Set<string>;
  collation?: Document;
}

/**
 * Returns `ops` with every positional path replaced by the concrete paths it designates in `doc` (none when no
 * element qualifies). Paths without positional parts are kept as they are.
 */
export function resolvePositionalPaths(
  doc: Document,
  ops: Document,
  query: Document,
  arrayFilters: Document[] | undefined,
  collation?: Document,
): Document {
  const filters = compileArrayFilters(arrayFilters ?? [], collation);
  const state: Resolution = { doc, query, filters, used: new Set(), collation };
  let any = false;
  const out: Document = {};
  for (const [op, arg] of Object.entries(ops)) {
    const resolved: Document = {};
    for (const [path, value] of Object.entries(arg as Document)) {
      if (!hasPositional(path)) {
        resolved[path] = value;
        continue;
      }
      any = true;
      const parts = path.split(".");
      if (parts.filter((p) => p === "$").length > 1) {
        throw new MongoCommandError("BadValue", `Too many positional (i.e. '$') elements found in path '${path}'`);
      }
      for (const concrete of expand(state, doc, parts, 0, [], path)) {
        if (concrete in resolved) throw new MongoCommandError("ConflictingUpdateOperators", `Update created a conflict at '${concrete}'`);
        resolved[concrete] = value;
      }
    }
    if (Object.keys(resolved).length > 0) out[op] = resolved;
  }
  if (any) checkResolvedConflicts(out);
  for (const id of filters.keys()) {
    if (!state.used.has(id)) {
      throw new MongoCommandError("FailedToParse", `The array filter for identifier '${id}' was not used in the update ${JSON.stringify(ops)}`);
    }
  }
  return any ? out : ops;
}

function expand(state: Resolution, current: unknown, parts: string[], i: number, prefix: string[], path: string): string[] {
  if (i === parts.length) return [prefix.join(".")];
  const part = parts[i]!;
  if (!isPositionalPart(part)) {
    const next = isPlainObject(current) ? current[part] : Array.isArray(current) && /^\d+$/.test(part) ? current[Number(part)] : undefined;
    return expand(state, next, parts, i + 1, [...prefix, part], path);
  }
  const arrayPath = prefix.join(".");
  if (part === "$") {
    if (!Array.isArray(current)) throw positionalNotFound();
    const index = positionalIndex(state, arrayPath, current);
    return expand(state, current[index], parts, i + 1, [...prefix, String(index)], path);
  }
  if (!Array.isArray(current)) {
    throw new MongoCommandError("BadValue", `The path '${arrayPath}' must exist in the document in order to apply array updates.`);
  }
  const id = part.slice(2, -1);
  let matches: Matcher | undefined;
  if (id !== "") {
    matches = state.filters.get(id);
    if (!matches) throw new MongoCommandError("BadValue", `No array filter found for identifier '${id}' in path '${path}'`);
    state.used.add(id);
  }
  const out: string[] = [];
  current.forEach((element, index) => {
    if (matches && !matches({ [id]: element })) return;
    out.push(...expand(state, element, parts, i + 1, [...prefix, String(index)], path));
  });
  return out;
}

/** Two positional paths may designate the same element (`a.$[].x` and `a.$[e].x`): MongoDB refuses that when applying. */
function checkResolvedConflicts(ops: Document): void {
  const paths = Object.values(ops).flatMap((arg) => Object.keys(arg as Document));
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) throw new MongoCommandError("ConflictingUpdateOperators", `Update created a conflict at '${path}'`);
    seen.add(path);
  }
  for (const path of paths) {
    const parts = path.split(".");
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join(".");
      if (seen.has(prefix)) throw new MongoCommandError("ConflictingUpdateOperators", `Update created a conflict at '${prefix}'`);
    }
  }
}

function positionalNotFound(): MongoCommandError {
  return new MongoCommandError("BadValue", "The positional operator did not find the match needed from the query.");
}

/** The first element of the array at `arrayPath` that the query's conditions on that array accept. */
function positionalIndex(state: Resolution, arrayPath: string, array: unknown[]): number {
  const conditions: Document = {};
  for (const [key, condition] of Object.entries(state.query)) {
    if (key === arrayPath || key.startsWith(`${arrayPath}.`)) conditions[key] = condition;
  }
  if (Object.keys(conditions).length === 0) throw positionalNotFound();
  const matches = compileFilter(conditions, { collation: state.collation });
  const index = array.findIndex((element) => matches(nest(arrayPath, [element])));
  if (index < 0) throw positionalNotFound();
  return index;
}

function nest(path: string, value: unknown): Document {
  const parts = path.split(".");
  let out: unknown = value;
  for (let i = parts.length - 1; i >= 0; i--) out = { [parts[i]!]: out };
  return out as Document;
}

function compileArrayFilters(list: Document[], collation?: Document): Map<string, Matcher> {
  const filters = new Map<string, Matcher>();
  for (const filter of list) {
    if (!isPlainObject(filter)) throw new MongoCommandError("TypeMismatch", "arrayFilters must be an array of objects");
    const id = identifierOf(filter);
    if (id === undefined) throw new MongoCommandError("FailedToParse", "Cannot use an expression without a top-level field name in arrayFilters");
    if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) {
      throw new MongoCommandError("BadValue", `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`);
    }
    if (filters.has(id)) throw new MongoCommandError("FailedToParse", `Found multiple array filters with the same top-level field name ${id}`);
    filters.set(id, compileFilter(filter, { collation }));
  }
  return filters;
}

function identifierOf(filter: Document): string | undefined {
  for (const [key, value] of Object.entries(filter)) {
    if (!key.startsWith("$")) return key.split(".")[0];
    if (Array.isArray(value)) {
      for (const sub of value) {
        const id = isPlainObject(sub) ? identifierOf(sub) : undefined;
        if (id !== undefined) return id;
      }
    }
  }
  return undefined;
}
