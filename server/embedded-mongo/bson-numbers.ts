/**
 * Numbers keep their BSON type (manual: "BSON Types"; int32, int64, double and decimal128 are distinct types
 * that `$type` tells apart and drivers decode differently). `bson`'s default decoding turns an integral double
 * (`Double(42)`) and an int64 that fits in 53 bits (`Long(37)`) into a JS number, which is then stored back as an
 * int32. Here a document is decoded so that those two stay `Double`/`Long` objects — only when its bytes hold
 * one (a byte scan, no allocation), so every other document decodes exactly as before.
 *
 * mingo (aggregation stages, pipeline updates, its update operators, `$expr`) only computes with JS numbers:
 * `looseNumbers` gives it the old representation where it computes.
 */
import { BSON, type Document } from "bson";

type Options = Parameters<typeof BSON.deserialize>[1];

/** Whether the BSON document in `bytes` holds an int64 or an integral (or -0) double anywhere. */
export function holdsExactNumbers(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length;
  let pos = 4;
  while (pos < end) {
    const type = bytes[pos++]!;
    if (type === 0) continue; // end of a (sub)document
    while (pos < end && bytes[pos] !== 0) pos++; // element name
    pos++;
    switch (type) {
      case 0x01: {
        const v = view.getFloat64(pos, true);
        if (Number.isInteger(v) || Object.is(v, -0)) return true;
        pos += 8;
        break;
      }
      case 0x12:
        return true;
      case 0x03:
      case 0x04:
        pos += 4; // step into the sub-document
        break;
      // A negative length would walk backwards forever (found by the fuzz test): malformed, so leave it to
      // BSON.deserialize, which refuses it.
      case 0x02:
      case 0x0d:
      case 0x0e: {
        const length = view.getInt32(pos, true);
        if (length < 1) return false;
        pos += 4 + length;
        break;
      }
      case 0x05: {
        const length = view.getInt32(pos, true);
        if (length < 0) return false;
        pos += 5 + length;
        break;
      }
      case 0x0c: {
        const length = view.getInt32(pos, true);
        if (length < 1) return false;
        pos += 4 + length + 12;
        break;
      }
      case 0x0f: {
        const length = view.getInt32(pos, true);
        if (length < 14) return false;
        pos += length;
        break;
      }
      case 0x07:
        pos += 12;
        break;
      case 0x08:
        pos += 1;
        break;
      case 0x09:
      case 0x11:
        pos += 8;
        break;
      case 0x10:
        pos += 4;
        break;
      case 0x13:
        pos += 16;
        break;
      case 0x0b:
        for (let i = 0; i < 2; i++) {
          while (pos < end && bytes[pos] !== 0) pos++;
          pos++;
        }
        break;
      default:
        break; // undefined, null, MinKey, MaxKey: no value bytes
    }
  }
  return false;
}

/** `BSON.deserialize`, keeping integral doubles as `Double` and int64s as `Long`. */
export function deserialize(bytes: Uint8Array, options?: Options): Document {
  if (!holdsExactNumbers(bytes)) return BSON.deserialize(bytes, options);
  return exactValue(BSON.deserialize(bytes, { ...options, promoteValues: false })) as Document;
}

/** A deep copy that keeps every BSON type, numbers included. */
export function copyExact<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  return deserialize(BSON.serialize({ v: value })).v as T;
}

function tagOf(value: object): string | undefined {
  const tag = (value as { _bsontype?: unknown })._bsontype;
  return typeof tag === "string" ? tag : undefined;
}

/** promoteValues:false also wraps int32s and fractional doubles: unwrap those, keep Double(integral) and Long. */
function exactValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = exactValue(value[i]);
    return value;
  }
  switch (tagOf(value)) {
    case "Int32":
      return (value as { value: number }).value;
    case "Double": {
      const v = (value as { value: number }).value;
      return Number.isInteger(v) || Object.is(v, -0) ? value : v;
    }
    case "DBRef": {
      const ref = value as { oid: unknown; fields: Document };
      ref.oid = exactValue(ref.oid);
      exactValue(ref.fields);
      return value;
    }
    case undefined:
      if (value instanceof Date || value instanceof RegExp || value instanceof Uint8Array) return value;
      for (const key of Object.keys(value)) (value as Document)[key] = exactValue((value as Document)[key]);
      return value;
    default:
      return value;
  }
}

/**
 * `value` with `Double`, `Int32` and 53-bit `Long` values as JS numbers, as mingo computes with them; the same
 * object when it holds none (so the common case costs one walk and no copy).
 */
export function looseNumbers<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = looseNumbers(value[i]);
      if (v !== value[i]) (out ??= value.slice())[i] = v;
    }
    return (out ?? value) as T;
  }
  switch (tagOf(value)) {
    case "Int32":
    case "Double":
      return (value as unknown as { value: number }).value as T;
    case "Long": {
      const n = (value as unknown as { toNumber(): number }).toNumber();
      return (Number.isSafeInteger(n) ? n : value) as T;
    }
    case undefined: {
      if (value instanceof Date || value instanceof RegExp || value instanceof Uint8Array) return value;
      let out: Document | undefined;
      for (const key of Object.keys(value)) {
        const v = looseNumbers((value as Document)[key]);
        if (v !== (value as Document)[key]) (out ??= { ...(value as Document) })[key] = v;
      }
      return (out ?? value) as T;
    }
    default:
      return value;
  }
}
