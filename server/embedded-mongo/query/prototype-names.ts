/**
 * Field names that are special to JavaScript objects: `__proto__`, `constructor`, `prototype`. MongoDB stores
 * them as ordinary field names; in JavaScript, `doc[name]` reads an inherited property when the document lacks
 * the field, and `doc.__proto__ = x` replaces the object's prototype. Walking a path such as "__proto__.x"
 * naively reaches Object.prototype itself, so one client's update changed every object of the server process.
 *
 * Own code reads fields with `ownField` and writes them with `setOwnField`. Work handed to mingo (update
 * operators, pipelines, filters, projections) whose spec names one of these fields runs on escaped copies: each
 * such name becomes NUL + name, which no real field name can be (BSON field names are NUL-terminated), and the
 * result is turned back.
 */
import type { Document } from "bson";

export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

const ESCAPE = "\u0000";

/** The document's own field (never an inherited property). */
export function ownField(doc: object, name: string): unknown {
  return Object.hasOwn(doc, name) ? (doc as Record<string, unknown>)[name] : undefined;
}

/** Sets an own, enumerable field, `__proto__` included, without ever touching a prototype. */
export function setOwnField(doc: object, name: string, value: unknown): void {
  if (name === "__proto__") {
    Object.defineProperty(doc, name, { value, writable: true, enumerable: true, configurable: true });
  } else {
    (doc as Record<string, unknown>)[name] = value;
  }
}

/** Whether a dotted path (or a "$path" expression string) has a segment that is one of the names. */
export function pathHasPrototypeName(path: string): boolean {
  if (!path.includes("__proto__") && !path.includes("constructor") && !path.includes("prototype")) return false;
  const bare = path.startsWith("$$") ? path.slice(2) : path.startsWith("$") ? path.slice(1) : path;
  return bare.split(".").some((part) => PROTOTYPE_NAMES.has(part));
}

function isContainer(value: unknown): value is Document {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !("_bsontype" in value);
}

/** Stage arguments whose plain string values are field paths or output field names, not data. */
const PATH_VALUED_KEYS = new Set(["localField", "foreignField", "connectFromField", "connectToField", "as", "includeArrayIndex", "depthField", "$unset", "$count", "path"]);

/** Whether any key or path string ("$a.constructor", localField: "constructor") anywhere in `value` names one. */
export function mentionsPrototypeNames(value: unknown, depth = 0, pathValued = false): boolean {
  if (depth > 400) return false;
  if (typeof value === "string") return (pathValued || value.startsWith("$")) && pathHasPrototypeName(value);
  if (!isContainer(value)) return false;
  if (Array.isArray(value)) return value.some((item) => mentionsPrototypeNames(item, depth + 1, pathValued));
  for (const key of Object.keys(value)) {
    if (pathHasPrototypeName(key)) return true;
    if (mentionsPrototypeNames(ownField(value, key), depth + 1, PATH_VALUED_KEYS.has(key))) return true;
  }
  return false;
}

function mapPath(path: string, map: (segment: string) => string): string {
  const prefix = path.startsWith("$$") ? "$$" : path.startsWith("$") ? "$" : "";
  return prefix + path.slice(prefix.length).split(".").map(map).join(".");
}

const escapeSegment = (s: string) => (PROTOTYPE_NAMES.has(s) ? ESCAPE + s : s);
const unescapeSegment = (s: string) => (s.startsWith(ESCAPE) && PROTOTYPE_NAMES.has(s.slice(1)) ? s.slice(1) : s);

function transform(value: unknown, segment: (s: string) => string, strings: boolean, depth: number, pathValued = false): unknown {
  if (typeof value === "string") return strings && (pathValued || value.startsWith("$")) ? mapPath(value, segment) : value;
  if (!isContainer(value) || depth > 400) return value;
  if (Array.isArray(value)) return value.map((item) => transform(item, segment, strings, depth + 1, pathValued));
  const out: Document = {};
  for (const key of Object.keys(value)) {
    const child = transform(ownField(value, key), segment, strings, depth + 1, strings && PATH_VALUED_KEYS.has(key));
    setOwnField(out, mapPath(key, segment), child);
  }
  return out;
}

/** A copy of a document with the names escaped (field names only: string values are data). */
export function escapeDocument<T>(doc: T): T {
  return transform(doc, escapeSegment, false, 0) as T;
}

/** A copy of an update, filter, projection or pipeline with the names escaped in keys and "$path" strings. */
export function escapeSpec<T>(spec: T): T {
  return transform(spec, escapeSegment, true, 0) as T;
}

/** The document back with its real field names. */
export function unescapeDocument<T>(doc: T): T {
  return transform(doc, unescapeSegment, false, 0) as T;
}

/** An error message about escaped paths, with the real names. */
export function unescapeMessage(message: string): string {
  return message.includes(ESCAPE) ? message.replaceAll(ESCAPE, "") : message;
}
