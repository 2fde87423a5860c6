/**
 * Reading stored BSON without decoding it: the top-level equality filters of a tenant-scoped read
 * (`{ _id, organizationId }`) and inclusion projections of named fields are answered on the bytes. Why: decoding
 * a whole stored document (mostly its strings) to compare two fields or copy three was most of a small read's
 * cost (ADR 0026). Each function answers only where the result is provably what the decoding path gives, and
 * returns `undefined` otherwise, so the caller decodes as before.
 */
import type { Document } from "bson";
import { bsonTypeOf } from "../query/compare";

const STRING = 0x02;
const EMBEDDED = 0x03;
const OBJECT_ID = 0x07;
const BOOLEAN = 0x08;

const utf8 = new TextEncoder();

/** A little-endian int32 (read by hand: a DataView over a pooled buffer costs more than the read). */
const int32At = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);

/** The end of the C string starting at `at` (its NUL), or -1 before `limit`. */
function cstringEnd(bytes: Uint8Array, at: number, limit: number): number {
  for (let i = at; i < limit; i++) if (bytes[i] === 0) return i;
  return -1;
}

/** The offset after the value of an element of `type` starting at `at`; undefined for an unknown type. */
function skipValue(bytes: Uint8Array, type: number, at: number, limit: number): number | undefined {
  switch (type) {
    case 0x01: // double
    case 0x09: // UTC datetime
    case 0x11: // timestamp
    case 0x12: // int64
      return at + 8;
    case 0x02: // string
    case 0x0d: // JavaScript code
    case 0x0e: // symbol
      return at + 4 + int32At(bytes, at);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return at + int32At(bytes, at);
    case 0x05: // binary: length, subtype, bytes
      return at + 5 + int32At(bytes, at);
    case 0x06: // undefined
    case 0x0a: // null
    case 0xff: // min key
    case 0x7f: // max key
      return at;
    case 0x07: // ObjectId
      return at + 12;
    case 0x08: // boolean
      return at + 1;
    case 0x0b: {
      // regex: pattern and options, two C strings
      let p = cstringEnd(bytes, at, limit);
      if (p < 0) return undefined;
      p = cstringEnd(bytes, p + 1, limit);
      return p < 0 ? undefined : p + 1;
    }
    case 0x0c: // DBPointer: string, ObjectId
      return at + 4 + int32At(bytes, at) + 12;
    case 0x10: // int32
      return at + 4;
    case 0x13: // decimal128
      return at + 16;
    default:
      return undefined;
  }
}

interface Element {
  type: number;
  /** Where the element starts (its type byte), where its value starts, and where it ends. */
  start: number;
  value: number;
  end: number;
}

/**
 * Calls `visit` with each top-level element of the document at `offset` (name as raw bytes, no copy).
 * False when the bytes are not a well-formed document this reader understands.
 */
function forEachElement(
  bytes: Uint8Array,
  offset: number,
  visit: (nameStart: number, nameEnd: number, element: Element) => void,
): boolean {
  if (offset + 5 > bytes.length) return false;
  const size = int32At(bytes, offset);
  const last = offset + size - 1;
  if (size < 5 || last >= bytes.length || bytes[last] !== 0) return false;
  let at = offset + 4;
  while (at < last) {
    const start = at;
    const type = bytes[at++]!;
    const nameEnd = cstringEnd(bytes, at, last);
    if (nameEnd < 0) return false;
    const value = nameEnd + 1;
    const end = skipValue(bytes, type, value, last);
    if (end === undefined || end > last || end < value) return false;
    visit(at, nameEnd, { type, start, value, end });
    at = end;
  }
  return at === last;
}

function sameBytes(bytes: Uint8Array, start: number, end: number, wanted: Uint8Array): boolean {
  if (end - start !== wanted.length) return false;
  for (let i = 0; i < wanted.length; i++) if (bytes[start + i] !== wanted[i]) return false;
  return true;
}

// ---- equality filters ------------------------------------------------------------------------------

interface Equality {
  name: Uint8Array;
  type: number;
  /** The value's BSON bytes (string: length, UTF-8, NUL; ObjectId: 12 bytes; boolean: one byte). */
  value: Uint8Array;
}

/** `true`/`false` when the bytes decide the filter; `undefined` when the document must be decoded. */
export type RawFilter = (bytes: Uint8Array) => boolean | undefined;

/** Keys hold UTF-8, which turns a lone surrogate into U+FFFD: such a string is left to the matcher. */
const LONE_SURROGATE = /\p{Cs}/u;

function equalityOf(name: string, condition: unknown): Equality | undefined {
  if (name.length === 0 || name.startsWith("$") || name.includes(".") || name.includes("\0") || LONE_SURROGATE.test(name)) return undefined;
  let value = condition;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const ops = Object.keys(value);
    if (ops.length !== 1 || ops[0] !== "$eq") return undefined;
    value = (value as { $eq: unknown }).$eq;
  }
  const nameBytes = utf8.encode(name);
  if (typeof value === "string") {
    if (LONE_SURROGATE.test(value) || value.includes("\0")) return undefined;
    const text = utf8.encode(value);
    const encoded = new Uint8Array(4 + text.length + 1);
    new DataView(encoded.buffer).setInt32(0, text.length + 1, true);
    encoded.set(text, 4);
    return { name: nameBytes, type: STRING, value: encoded };
  }
  if (typeof value === "boolean") return { name: nameBytes, type: BOOLEAN, value: new Uint8Array([value ? 1 : 0]) };
  if (bsonTypeOf(value) === "ObjectId") return { name: nameBytes, type: OBJECT_ID, value: new Uint8Array((value as { id: Uint8Array }).id) };
  return undefined;
}

/**
 * For a filter that is only equalities of top-level fields to strings, ObjectIds or booleans (`{ _id: oid,
 * organizationId: "org_…" }`), under the simple collation: a check on the stored bytes. A field of the same
 * type decides by its bytes (binary string comparison is the simple collation's); a missing field never equals
 * such a value. Anything else — an array (which may contain the value), another type (which the matcher's
 * type rules decide), a repeated field name — is left to the matcher.
 */
export function compileRawFilter(filter: Document, collation: Document | undefined): RawFilter | undefined {
  if (collation && collation.locale !== undefined && collation.locale !== "simple") return undefined;
  const names = Object.keys(filter);
  if (names.length === 0 || names.length > 8) return undefined;
  const conditions: Equality[] = [];
  for (const name of names) {
    const equality = equalityOf(name, filter[name]);
    if (!equality) return undefined;
    conditions.push(equality);
  }
  return (bytes) => {
    const verdicts: Array<boolean | undefined> = new Array(conditions.length).fill(undefined);
    let decodeNeeded = false;
    const wellFormed = forEachElement(bytes, 0, (nameStart, nameEnd, element) => {
      for (let i = 0; i < conditions.length; i++) {
        const condition = conditions[i]!;
        if (!sameBytes(bytes, nameStart, nameEnd, condition.name)) continue;
        if (verdicts[i] !== undefined) decodeNeeded = true; // a repeated name: the decoder's rule applies
        if (element.type !== condition.type) {
          decodeNeeded = true;
          verdicts[i] = false;
        } else {
          verdicts[i] = sameBytes(bytes, element.value, element.end, condition.value);
        }
      }
    });
    if (!wellFormed || decodeNeeded) return undefined;
    return verdicts.every((verdict) => verdict === true);
  };
}

// ---- inclusion projections -------------------------------------------------------------------------

/** Included fields by name: `true` for the whole value, a subtree for some of an embedded document's fields. */
interface Inclusion {
  names: Uint8Array[];
  wanted: Array<true | Inclusion>;
}

/** Stored bytes → the projected document's bytes; undefined when the decoding path must answer. */
export type RawProjection = (bytes: Uint8Array) => Uint8Array | undefined;

function isIncluded(spec: unknown): boolean {
  return spec === 1 || spec === true;
}

function isExcluded(spec: unknown): boolean {
  return spec === 0 || spec === false;
}

function indexOfName(node: Inclusion, bytes: Uint8Array, start: number, end: number): number {
  for (let i = 0; i < node.names.length; i++) if (sameBytes(bytes, start, end, node.names[i]!)) return i;
  return -1;
}

const ID_NAME = utf8.encode("_id");

/**
 * For an inclusion projection of plain field paths (`{ year: 1, "metrics.completeness.filled": 1 }`, `_id`
 * kept unless `_id: 0`): the projected document cut from the stored bytes, fields in the document's order and
 * values byte for byte as stored. Answered only when every dotted path runs through embedded documents that
 * hold the next field (an array on the way, a scalar, or a missing inner field is left to the decoding path),
 * and `_id`, when kept, is the stored document's first field.
 */
export function compileRawProjection(projection: Document): RawProjection | undefined {
  const root: Inclusion = { names: [], wanted: [] };
  const child = (node: Inclusion, name: string) => node.wanted[node.names.findIndex((n) => sameBytes(n, 0, n.length, utf8.encode(name)))];
  let keepId = true;
  let includes = 0;
  for (const [path, spec] of Object.entries(projection)) {
    if (path === "_id") {
      if (isExcluded(spec)) keepId = false;
      else if (!isIncluded(spec)) return undefined;
      continue;
    }
    if (!isIncluded(spec)) return undefined;
    const parts = path.split(".");
    if (parts.some((part) => part.length === 0 || part.startsWith("$") || part.includes("\0") || /[\p{Cs}\uFFFD]/u.test(part))) return undefined;
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const existing = child(node, part);
      if (i === parts.length - 1) {
        if (existing !== undefined) return undefined; // a path collision: the decoding path reports it
        node.names.push(utf8.encode(part));
        node.wanted.push(true);
      } else {
        if (existing === true) return undefined;
        let next = existing;
        if (next === undefined) {
          next = { names: [], wanted: [] };
          node.names.push(utf8.encode(part));
          node.wanted.push(next);
        }
        node = next;
      }
    }
    includes++;
  }
  if (includes === 0) return undefined;
  if (keepId) {
    root.names.push(ID_NAME);
    root.wanted.push(true);
  }

  /** The chunks of the projected document at `offset`; undefined when the raw path cannot answer. */
  const cut = (bytes: Uint8Array, offset: number, inclusion: Inclusion, top: boolean): Uint8Array[] | undefined => {
    const chunks: Uint8Array[] = [];
    const seen = new Array<boolean>(inclusion.names.length).fill(false);
    let found = 0;
    let failed = false;
    let first = true;
    const wellFormed = forEachElement(bytes, offset, (nameStart, nameEnd, element) => {
      if (failed) return;
      const isFirst = first;
      first = false;
      const index = indexOfName(inclusion, bytes, nameStart, nameEnd);
      if (index < 0) return;
      if (seen[index] || (top && !isFirst && inclusion.names[index] === ID_NAME)) {
        failed = true;
        return;
      }
      seen[index] = true;
      found++;
      const wanted = inclusion.wanted[index]!;
      if (wanted === true) {
        chunks.push(bytes.subarray(element.start, element.end));
        return;
      }
      if (element.type !== EMBEDDED) {
        failed = true;
        return;
      }
      const inner = cut(bytes, element.value, wanted, false);
      if (!inner) {
        failed = true;
        return;
      }
      chunks.push(bytes.subarray(element.start, element.value), ...frame(inner));
    });
    if (!wellFormed || failed) return undefined;
    // Inside an embedded document every wanted field must be there (see above); at the top a missing field is
    // simply not in the result, as in MongoDB.
    if (!top && found !== inclusion.names.length) return undefined;
    return chunks;
  };

  return (bytes) => {
    const chunks = cut(bytes, 0, root, true);
    return chunks ? concat(frame(chunks)) : undefined;
  };
}

/** A document's framing around its elements: int32 size, elements, NUL. */
function frame(elements: Uint8Array[]): Uint8Array[] {
  const size = 4 + elements.reduce((n, chunk) => n + chunk.length, 0) + 1;
  const head = new Uint8Array([size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, (size >>> 24) & 0xff]);
  return [head, ...elements, new Uint8Array([0])];
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
