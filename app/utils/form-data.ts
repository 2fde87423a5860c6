/**
 * Form posts → the input a Zod schema expects, the same way on the server (parseForm) and in the browser
 * (inline validation). Field names are dotted paths of the schema (`energy.totalEnergyConsumption`,
 * `byCountry.0.country`); what a field turns into (number, boolean, list…) is read from the schema itself, so a
 * new datapoint needs no code here. Names the schema doesn't know are passed through unchanged, so its strict
 * objects reject them with a message instead of them being silently dropped. Isomorphic: no server imports.
 */
import type { z } from "zod";

/** What the browser sent, by field name: kept to re-render the form with the user's input after an error. */
export type FormValues = Record<string, string | string[]>;

/** The id of a field's input, from its dotted name: valid in URLs (error summary links) and CSS. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

/** The fields that drive a form (its version, the button pressed, table row counts); never data. */
export const isControlField = (name: string) => name === "_version" || name === "intent" || name.startsWith("_rows.");

export function formValuesOf(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const [name, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const previous = values[name];
    values[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return values;
}

const SPACES = /[\s\u00a0\u202f'’]/g;

/**
 * Reads a number typed the way people in Europe type them: `1234.5`, `1 234,5`, `1.234.567,5`, `1,234.5`, `12,5`.
 * When both separators appear the last one is the decimal separator; a lone comma is a decimal comma; several of
 * the same are thousands separators. Returns NaN for anything else (the schema then says "Enter a number").
 */
export function parseLocaleNumber(input: string): number {
  let text = input.trim().replace(SPACES, "").replace(/^\u2212/, "-");
  if (text === "") return Number.NaN;
  const lastComma = text.lastIndexOf(",");
  const lastDot = text.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? "," : ".";
    const group = decimal === "," ? "." : ",";
    text = text.split(group).join("").replace(decimal, ".");
  } else if (lastComma >= 0) {
    text = (text.match(/,/g)?.length ?? 0) > 1 ? text.split(",").join("") : text.replace(",", ".");
  } else if ((text.match(/\./g)?.length ?? 0) > 1) {
    text = text.split(".").join("");
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Number.NaN;
  return Number(text);
}

// ---- schema introspection (Zod 4 definitions) ----------------------------------------------------------

type AnySchema = z.ZodType;
interface Def {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  options?: AnySchema[];
  element?: AnySchema;
  getter?: () => AnySchema;
  entries?: Record<string, string>;
  values?: unknown[];
}
const defOf = (schema: AnySchema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"]);

/** The schema under optional/default/pipe/lazy wrappers. */
export function unwrapSchema(schema: AnySchema): AnySchema {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else if (def.type === "lazy" && def.getter) current = def.getter();
    else break;
  }
  return current;
}

/** The schema of `key` inside an object (or any option of a union of objects); undefined when unknown. */
export function childSchema(schema: AnySchema, key: string): AnySchema | undefined {
  const inner = unwrapSchema(schema);
  const def = defOf(inner);
  if (def.type === "object") return Object.hasOwn(def.shape ?? {}, key) ? def.shape![key] : undefined;
  if (def.type === "array" && /^\d+$/.test(key)) return def.element;
  if (def.type === "union" || def.type === "intersection") {
    for (const option of def.options ?? []) {
      const found = childSchema(option, key);
      if (found) return found;
    }
  }
  return undefined;
}

/** The schema at a dotted path, or undefined. */
export function schemaAt(schema: AnySchema, path: string): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  for (const segment of path.split(".")) {
    if (!current) return undefined;
    current = childSchema(current, segment);
  }
  return current;
}

export function schemaKind(schema: AnySchema | undefined): string | undefined {
  return schema ? defOf(unwrapSchema(schema)).type : undefined;
}

/** The values an enum (or a union of literals) allows. */
export function enumValues(schema: AnySchema | undefined): string[] {
  if (!schema) return [];
  const def = defOf(unwrapSchema(schema));
  if (def.type === "enum") return Object.values(def.entries ?? {});
  if (def.type === "literal") return (def.values ?? []).map(String);
  if (def.type === "array" && def.element) return enumValues(def.element);
  return [];
}

// ---- decoding ---------------------------------------------------------------------------------------------

/** One posted value as the schema expects it (number, boolean, list or text; undefined when empty). */
export function coerceLeaf(schema: AnySchema | undefined, raw: string | string[]): unknown {
  const kind = schemaKind(schema);
  if (kind === "array") {
    const items = (Array.isArray(raw) ? raw : [raw]).filter((item) => item.trim() !== "");
    return items.length === 0 ? undefined : items;
  }
  const text = Array.isArray(raw) ? (raw.at(-1) ?? "") : raw;
  if (text.trim() === "") return undefined;
  if (kind === "number") {
    const parsed = parseLocaleNumber(text);
    return Number.isNaN(parsed) ? text : parsed;
  }
  if (kind === "boolean") {
    if (text === "true" || text === "yes" || text === "on") return true;
    if (text === "false" || text === "no") return false;
    return text;
  }
  return text;
}

type Tree = Record<string, unknown>;

function setOwn(target: Tree, key: string, value: unknown) {
  // defineProperty: a `__proto__` name becomes an ordinary key the strict schema then rejects.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Drops undefined leaves, empty objects and empty table rows; turns index-keyed objects into arrays. */
function compact(value: unknown, schema: AnySchema | undefined): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const tree = value as Tree;
  if (schemaKind(schema) === "array") {
    const element = schema ? childSchema(schema, "0") : undefined;
    const rows = Object.keys(tree)
      .filter((key) => /^\d+$/.test(key))
      .sort((a, b) => Number(a) - Number(b))
      .map((key) => compact(tree[key], element))
      .filter((row) => row !== undefined);
    return rows.length === 0 ? undefined : rows;
  }
  const out: Tree = {};
  let any = false;
  for (const key of Object.keys(tree)) {
    const child = compact(tree[key], schema ? childSchema(schema, key) : undefined);
    if (child === undefined) continue;
    setOwn(out, key, child);
    any = true;
  }
  return any ? out : undefined;
}

/**
 * Builds the schema's input from the posted values. Control fields (`_version`, `intent`) are left out;
 * `omit` names prefixes to leave out too (a block the user answered "no" to).
 */
export function decodeForm(schema: AnySchema, values: FormValues, options: { omit?: readonly string[] } = {}): unknown {
  const root: Tree = {};
  for (const [name, raw] of Object.entries(values)) {
    if (isControlField(name)) continue;
    if (options.omit?.some((prefix) => name === prefix || name.startsWith(`${prefix}.`))) continue;
    const segments = name.split(".");
    let node = root;
    let nodeSchema: AnySchema | undefined = schema;
    segments.forEach((segment, index) => {
      const child: AnySchema | undefined = nodeSchema ? childSchema(nodeSchema, segment) : undefined;
      if (index === segments.length - 1) {
        setOwn(node, segment, coerceLeaf(child, raw));
        return;
      }
      const existing = Object.hasOwn(node, segment) ? node[segment] : undefined;
      const next: Tree = existing !== null && typeof existing === "object" ? (existing as Tree) : {};
      if (next !== existing) setOwn(node, segment, next);
      node = next;
      nodeSchema = child;
    });
  }
  return keepChosenOption(schema, compact(root, schema) ?? {});
}

/**
 * A section is either reported or declared not applicable (a union on `status`); without JavaScript the form
 * posts both sets of fields. Keys that belong only to the options not chosen are dropped; anything else stays
 * for the schema to judge.
 */
function keepChosenOption(schema: AnySchema, value: unknown): unknown {
  const def = defOf(unwrapSchema(schema));
  if (def.type !== "union" || value === null || typeof value !== "object") return value;
  const discriminator = (def as Def & { discriminator?: string }).discriminator;
  if (!discriminator) return value;
  const tree = value as Tree;
  const options = def.options ?? [];
  const chosen = options.find((option) => enumValues(childSchema(option, discriminator)).includes(String(tree[discriminator])));
  if (!chosen) return value;
  const otherKeys = new Set(options.filter((o) => o !== chosen).flatMap((o) => Object.keys(defOf(unwrapSchema(o)).shape ?? {})));
  const out: Tree = {};
  for (const key of Object.keys(tree)) {
    if (otherKeys.has(key) && childSchema(chosen, key) === undefined) continue;
    setOwn(out, key, tree[key]);
  }
  return out;
}
