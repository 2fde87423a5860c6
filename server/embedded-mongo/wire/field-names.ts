/**
 * Field names that were not valid UTF-8. `bson` decodes an element name leniently (invalid bytes become
 * U+FFFD) while it refuses invalid string values, so such a name would be stored altered. MongoDB stores the
 * bytes as sent, which a JavaScript string cannot hold; the server refuses the message instead (InvalidBSON).
 */
import type { Document } from "bson";

const REPLACEMENT = "\uFFFD";

function keysHoldReplacement(value: unknown, depth: number): boolean {
  if (depth > 250 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) {
    for (const item of value) if (keysHoldReplacement(item, depth + 1)) return true;
    return false;
  }
  if ((value as { _bsontype?: unknown })._bsontype !== undefined || value instanceof Date || value instanceof Uint8Array || value instanceof RegExp) {
    return false;
  }
  for (const key of Object.keys(value)) {
    if (key.includes(REPLACEMENT)) return true;
    if (keysHoldReplacement((value as Document)[key], depth + 1)) return true;
  }
  return false;
}

/** Whether the encoded U+FFFD (EF BF BD) occurs in `bytes`. */
function holdsEncodedReplacement(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0xef); i !== -1 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) return true;
  }
  return false;
}

/**
 * Whether `doc`, decoded from `bytes`, has a field name that was invalid UTF-8: a decoded name holds U+FFFD
 * that the bytes never sent. (A document that sends a real U+FFFD elsewhere is given the benefit of the doubt.)
 */
export function hadInvalidUtf8FieldName(doc: Document, bytes: Uint8Array): boolean {
  return keysHoldReplacement(doc, 0) && !holdsEncodedReplacement(bytes);
}
