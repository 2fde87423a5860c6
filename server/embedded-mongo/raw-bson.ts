/**
 * A stored document's BSON carried into a reply as it is. Why: decoding a stored document only to encode it
 * again for the reply was most of the read path's cost (ADR 0023); when nothing in between needs the
 * document, its bytes go into `firstBatch`/`nextBatch` untouched (wire/protocol.ts splices them in).
 */
import { BSON, type Document } from "bson";

export class RawBson {
  constructor(readonly bytes: Uint8Array) {}
}

/** A document of a cursor's results: decoded, or raw stored bytes. */
export type ResultDocument = Document | RawBson;

export function bsonSizeOf(doc: ResultDocument): number {
  return doc instanceof RawBson ? doc.bytes.length : BSON.calculateObjectSize(doc);
}
