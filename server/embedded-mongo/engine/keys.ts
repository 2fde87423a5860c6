/**
 * Order-preserving binary encoding of BSON values for index keys.
 *
 * Why: indexes live in SQLite tables (`k BLOB` primary key) so they are durable and transactional together
 * with the documents, cost nothing to "rebuild" on open, and range scans are B-tree seeks. SQLite compares
 * BLOBs with memcmp, so the encoding must sort bytewise exactly as MongoDB sorts values: a one-byte canonical
 * type tag followed by an encoding that is order-preserving and prefix-free within the type (so compound keys
 * can be concatenated and a key that is a prefix of another never sorts in the middle of a range).
 *
 * Known approximations: every number is encoded as a double, so Longs/Decimal128s beyond 2^53 that differ
 * only in low digits share a key (range scans re-check with the matcher, so results stay right; a unique
 * index would treat them as duplicates). Strings compare by UTF-8 bytes (binary collation).
 */
import type { Binary, Long, ObjectId, Timestamp } from "bson";
import { binaryBytes, bsonTypeOf, decimalToNumber, TypeRank, typeRank } from "../query/compare";
import { ownField } from "../query/prototype-names";
import type { Decimal128 } from "bson";

/** Tag byte per canonical type; 0x00 is reserved as the end-of-document marker. */
const TAG_BASE = 0x10;
export const tagFor = (rank: number): number => TAG_BASE + rank * 4;

class ByteWriter {
  buf = new Uint8Array(64);
  pos = 0;
  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  /** Bytes with 0x00 escaped as 0x00 0xFF and terminated by 0x00 0x01: order-preserving and prefix-free. */
  escaped(b: Uint8Array): void {
    this.ensure(b.length * 2 + 2);
    for (let i = 0; i < b.length; i++) {
      const c = b[i] as number;
      this.buf[this.pos++] = c;
      if (c === 0) this.buf[this.pos++] = 0xff;
    }
    this.buf[this.pos++] = 0;
    this.buf[this.pos++] = 1;
  }
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

const encoder = new TextEncoder();
const f64 = new DataView(new ArrayBuffer(8));

function writeDouble(w: ByteWriter, n: number): void {
  if (Number.isNaN(n)) {
    // NaN sorts below every number in MongoDB.
    for (let i = 0; i < 8; i++) w.byte(0);
    return;
  }
  f64.setFloat64(0, n === 0 ? 0 : n); // -0 and 0 are the same key
  const negative = (f64.getUint8(0) & 0x80) !== 0;
  for (let i = 0; i < 8; i++) {
    const b = f64.getUint8(i);
    w.byte(negative ? ~b & 0xff : i === 0 ? b | 0x80 : b);
  }
}

function writeUint32(w: ByteWriter, n: number): void {
  w.byte((n >>> 24) & 0xff);
  w.byte((n >>> 16) & 0xff);
  w.byte((n >>> 8) & 0xff);
  w.byte(n & 0xff);
}

function numberOf(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  switch (bsonTypeOf(value)) {
    case "Long":
      return (value as Long).toNumber();
    case "Decimal128":
      return decimalToNumber(value as Decimal128);
    default:
      return Number((value as { value?: number }).value);
  }
}

function writeValue(w: ByteWriter, value: unknown): void {
  const rank = typeRank(value);
  w.byte(tagFor(rank));
  switch (rank) {
    case TypeRank.MinKey:
    case TypeRank.MaxKey:
    case TypeRank.Null:
      return;
    case TypeRank.Number:
      writeDouble(w, numberOf(value));
      return;
    case TypeRank.String:
      w.escaped(encoder.encode(typeof value === "string" ? value : String((value as { value: unknown }).value)));
      return;
    case TypeRank.Object:
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === undefined) continue;
        w.byte(tagFor(typeRank(v)));
        w.escaped(encoder.encode(k));
        writeValue(w, v);
      }
      w.byte(0);
      return;
    case TypeRank.Array:
      for (const v of value as unknown[]) writeValue(w, v);
      w.byte(0);
      return;
    case TypeRank.BinData: {
      const bytes = binaryBytes(value);
      writeUint32(w, bytes.length);
      w.byte(value instanceof Uint8Array ? 0 : (value as Binary).sub_type);
      w.bytes(bytes);
      return;
    }
    case TypeRank.ObjectId:
      w.bytes((value as ObjectId).id);
      return;
    case TypeRank.Boolean:
      w.byte(value ? 1 : 0);
      return;
    case TypeRank.Date:
      writeDouble(w, (value as Date).getTime());
      return;
    case TypeRank.Timestamp: {
      const ts = value as Timestamp;
      writeUint32(w, ts.t);
      writeUint32(w, ts.i);
      return;
    }
    case TypeRank.RegExp: {
      const re = value instanceof RegExp ? { p: value.source, f: value.flags } : { p: String((value as { pattern: string }).pattern), f: String((value as { options: string }).options) };
      w.escaped(encoder.encode(re.p));
      w.escaped(encoder.encode(re.f));
      return;
    }
    default:
      w.escaped(encoder.encode(String(value)));
  }
}

const writer = new ByteWriter();

/** Encodes a sequence of values (one per index field) as one key. */
export function encodeKey(values: readonly unknown[]): Uint8Array {
  writer.pos = 0;
  for (const v of values) writeValue(writer, v);
  return writer.finish();
}

export function encodeValue(value: unknown): Uint8Array {
  writer.pos = 0;
  writeValue(writer, value);
  return writer.finish();
}

/** The smallest byte string greater than every string starting with `prefix`. */
export function prefixSuccessor(prefix: Uint8Array): Uint8Array {
  let end = prefix.length;
  while (end > 0 && prefix[end - 1] === 0xff) end--;
  if (end === 0) return new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const out = prefix.slice(0, end);
  out[end - 1] = (out[end - 1] as number) + 1;
  return out;
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export function bytesToHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
}

/** A type's key range: every encoded value of canonical rank `rank` is in [typeLow, typeHigh). */
export const typeLow = (rank: number): Uint8Array => new Uint8Array([tagFor(rank)]);
export const typeHigh = (rank: number): Uint8Array => new Uint8Array([tagFor(rank) + 1]);

// ---- extracting the keys of a document ----------------------------------------------------------------

export interface IndexField {
  path: string;
  direction: 1 | -1;
}

export interface DocumentKeys {
  /** Distinct encoded keys (more than one when the index is multikey for this document). */
  keys: Uint8Array[];
  /** The field values of each key, for DuplicateKey's keyValue. */
  values: unknown[][];
  /** An array was expanded on some path. */
  multikey: boolean;
  /** Every indexed field is missing (sparse indexes skip such documents). */
  allMissing: boolean;
}

const MISSING = Symbol("missing");

/** Values an index takes from `path`: arrays on the path contribute each element; missing → MISSING. */
function indexValues(doc: unknown, parts: string[], i: number, out: unknown[], state: { multikey: boolean }): void {
  if (i === parts.length) {
    if (Array.isArray(doc)) {
      state.multikey = true;
      if (doc.length === 0) out.push(undefined);
      else for (const v of doc) out.push(v);
    } else {
      out.push(doc === undefined ? MISSING : doc);
    }
    return;
  }
  if (doc === null || typeof doc !== "object" || doc instanceof Date || bsonTypeOf(doc) !== undefined) {
    out.push(MISSING);
    return;
  }
  const part = parts[i] as string;
  if (Array.isArray(doc)) {
    if (/^\d+$/.test(part) && Number(part) < doc.length) {
      indexValues(doc[Number(part)], parts, i + 1, out, state);
      return;
    }
    state.multikey = true;
    if (doc.length === 0) {
      out.push(MISSING);
      return;
    }
    for (const item of doc) indexValues(item, parts, i, out, state);
    return;
  }
  indexValues(ownField(doc as object, part), parts, i + 1, out, state);
}

export function documentKeys(doc: Record<string, unknown>, fields: readonly { parts: string[] }[]): DocumentKeys {
  const state = { multikey: false };
  let allMissing = true;
  const perField: unknown[][] = [];
  for (const f of fields) {
    const out: unknown[] = [];
    indexValues(doc, f.parts, 0, out, state);
    const normalized = out.map((v) => {
      if (v === MISSING) return null;
      allMissing = false;
      return v;
    });
    perField.push(normalized.length === 0 ? [null] : normalized);
  }
  // Cartesian product of the per-field values (MongoDB forbids two array fields in one compound key; we
  // tolerate it).
  let combos: unknown[][] = [[]];
  for (const values of perField) {
    const next: unknown[][] = [];
    for (const c of combos) for (const v of values) next.push([...c, v]);
    combos = next;
  }
  if (combos.length === 1) {
    const only = combos[0] as unknown[];
    return { keys: [encodeKey(only)], values: [only], multikey: state.multikey, allMissing };
  }
  const seen = new Set<string>();
  const keys: Uint8Array[] = [];
  const values: unknown[][] = [];
  for (const c of combos) {
    const k = encodeKey(c);
    const hex = bytesToHex(k);
    if (seen.has(hex)) continue;
    seen.add(hex);
    keys.push(k);
    values.push(c);
  }
  return { keys, values, multikey: state.multikey, allMissing };
}
