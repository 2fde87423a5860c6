/**
 * MongoDB wire protocol framing: the 16-byte header, OP_MSG (body + document sequences, checksum,
 * moreToCome/exhaustAllowed) and the legacy OP_QUERY/OP_REPLY pair drivers still use for the first handshake.
 */
import { BSON, type Document } from "bson";
import { deserialize } from "../bson-numbers";
import { RawBson } from "../raw-bson";
import { crc32c } from "./crc32c";
import { hadInvalidUtf8FieldName } from "./field-names";

export const OpCode = {
  OP_REPLY: 1,
  OP_QUERY: 2004,
  OP_COMPRESSED: 2012,
  OP_MSG: 2013,
} as const;

export const MsgFlag = {
  checksumPresent: 1 << 0,
  moreToCome: 1 << 1,
  exhaustAllowed: 1 << 16,
} as const;

/** Flag bits 0-15 are "required": a receiver must refuse any it does not know. */
const KNOWN_REQUIRED_BITS = MsgFlag.checksumPresent | MsgFlag.moreToCome;

export const HEADER_SIZE = 16;
export const MAX_MESSAGE_SIZE_BYTES = 48_000_000;
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
}

/**
 * Well-framed BSON holding invalid UTF-8 (a string or a field name): answered with an error reply instead of
 * closing the connection, since the message itself could be read.
 */
export class InvalidUtf8Error extends Error {
  override readonly name = "InvalidUtf8Error";
}

export interface IncomingMessage {
  requestId: number;
  opCode: number;
  /** The command: OP_MSG body with document sequences folded in, or the OP_QUERY query document. */
  command: Document;
  /** Database the command addresses ($db for OP_MSG, the namespace prefix for OP_QUERY). */
  db: string;
  moreToCome: boolean;
  exhaustAllowed: boolean;
  /** Why the content cannot be run (invalid UTF-8); the command is then empty. */
  invalid?: string;
}

const deserializeOptions = { validation: { utf8: true } } as const;

function readDocument(buf: Uint8Array, offset: number, end: number): { doc: Document; size: number } {
  if (offset + 5 > end) throw new ProtocolError("truncated BSON document");
  const size = buf[offset]! | (buf[offset + 1]! << 8) | (buf[offset + 2]! << 16) | (buf[offset + 3]! << 24);
  if (size < 5 || offset + size > end) throw new ProtocolError("invalid BSON document length");
  if (size > MAX_BSON_OBJECT_SIZE + 16 * 1024) throw new ProtocolError("BSON document too large");
  const bytes = buf.subarray(offset, offset + size);
  let doc: Document;
  try {
    doc = deserialize(bytes, deserializeOptions);
  } catch (error) {
    if (/UTF-8/.test((error as Error).message)) throw new InvalidUtf8Error("Invalid UTF-8 string in BSON document");
    throw new ProtocolError(`invalid BSON: ${(error as Error).message}`);
  }
  if (hadInvalidUtf8FieldName(doc, bytes)) throw new InvalidUtf8Error("Invalid UTF-8 in a BSON field name");
  return { doc, size };
}

function readCString(buf: Uint8Array, offset: number, end: number): { value: string; next: number } {
  let i = offset;
  while (i < end && buf[i] !== 0) i++;
  if (i >= end) throw new ProtocolError("unterminated cstring");
  return { value: Buffer.from(buf.buffer, buf.byteOffset + offset, i - offset).toString("utf8"), next: i + 1 };
}

/** Length of the message at the start of `buf`, or undefined when fewer than 4 bytes are buffered. */
export function peekMessageLength(buf: Uint8Array, offset = 0): number | undefined {
  if (buf.length - offset < 4) return undefined;
  return (buf[offset]! | (buf[offset + 1]! << 8) | (buf[offset + 2]! << 16) | (buf[offset + 3]! << 24)) >>> 0;
}

/** Parses one complete message (`msg` is exactly messageLength bytes). Throws ProtocolError when malformed. */
export function parseMessage(msg: Uint8Array): IncomingMessage {
  const view = new DataView(msg.buffer, msg.byteOffset, msg.byteLength);
  const length = view.getInt32(0, true);
  if (length !== msg.length || length < HEADER_SIZE) throw new ProtocolError("bad message length");
  const requestId = view.getInt32(4, true);
  const opCode = view.getInt32(12, true);
  try {
    if (opCode === OpCode.OP_MSG) return parseOpMsg(msg, view, requestId);
    if (opCode === OpCode.OP_QUERY) return parseOpQuery(msg, view, requestId);
  } catch (error) {
    if (!(error instanceof InvalidUtf8Error)) throw error;
    const flags = opCode === OpCode.OP_MSG ? view.getUint32(16, true) : 0;
    return { requestId, opCode, command: {}, db: "", moreToCome: (flags & MsgFlag.moreToCome) !== 0, exhaustAllowed: false, invalid: error.message };
  }
  throw new ProtocolError(`unsupported opCode ${opCode}`);
}

function parseOpMsg(msg: Uint8Array, view: DataView, requestId: number): IncomingMessage {
  if (msg.length < HEADER_SIZE + 5) throw new ProtocolError("OP_MSG too short");
  const flags = view.getUint32(16, true);
  if ((flags & 0xffff & ~KNOWN_REQUIRED_BITS) !== 0) throw new ProtocolError("unknown required OP_MSG flag bits");
  let end = msg.length;
  if (flags & MsgFlag.checksumPresent) {
    end -= 4;
    if (end < HEADER_SIZE + 5) throw new ProtocolError("OP_MSG too short for checksum");
    const expected = view.getUint32(end, true);
    if (crc32c(msg, 0, end) !== expected) throw new ProtocolError("OP_MSG checksum mismatch");
  }
  let offset = 20;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = msg[offset++];
    if (kind === 0) {
      if (body) throw new ProtocolError("OP_MSG has more than one body section");
      const { doc, size } = readDocument(msg, offset, end);
      body = doc;
      offset += size;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new ProtocolError("truncated document sequence");
      const size = view.getInt32(offset, true);
      const seqEnd = offset + size;
      if (size < 5 || seqEnd > end) throw new ProtocolError("invalid document sequence length");
      const { value: identifier, next } = readCString(msg, offset + 4, seqEnd);
      const docs: Document[] = [];
      let p = next;
      while (p < seqEnd) {
        const { doc, size: docSize } = readDocument(msg, p, seqEnd);
        docs.push(doc);
        p += docSize;
      }
      sequences.push([identifier, docs]);
      offset = seqEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new ProtocolError("OP_MSG without body section");
  for (const [identifier, docs] of sequences) {
    if (identifier in body) throw new ProtocolError(`duplicate field ${identifier} in OP_MSG`);
    body[identifier] = docs;
  }
  const db = typeof body.$db === "string" ? body.$db : "";
  return {
    requestId,
    opCode: OpCode.OP_MSG,
    command: body,
    db,
    moreToCome: (flags & MsgFlag.moreToCome) !== 0,
    exhaustAllowed: (flags & MsgFlag.exhaustAllowed) !== 0,
  };
}

function parseOpQuery(msg: Uint8Array, view: DataView, requestId: number): IncomingMessage {
  const { value: fullCollectionName, next } = readCString(msg, 20, msg.length);
  const offset = next + 8; // numberToSkip, numberToReturn
  const { doc } = readDocument(msg, offset, msg.length);
  void view;
  const dot = fullCollectionName.indexOf(".");
  const db = dot === -1 ? fullCollectionName : fullCollectionName.slice(0, dot);
  const coll = dot === -1 ? "" : fullCollectionName.slice(dot + 1);
  if (coll !== "$cmd") throw new ProtocolError("OP_QUERY is only supported for commands");
  // Drivers may wrap the command as { $query: {...}, $readPreference }.
  const command = doc.$query && typeof doc.$query === "object" ? (doc.$query as Document) : doc;
  return { requestId, opCode: OpCode.OP_QUERY, command, db, moreToCome: false, exhaustAllowed: false };
}

let nextRequestId = 1;

function header(buf: Buffer, length: number, responseTo: number, opCode: number): void {
  buf.writeInt32LE(length, 0);
  buf.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  buf.writeInt32LE(responseTo, 8);
  buf.writeInt32LE(opCode, 12);
}

const serializeOptions = { ignoreUndefined: true } as const;

/**
 * The reply's BSON. A cursor batch holding raw stored documents is built by hand around them (array keys
 * "0", "1", …, each an embedded document); every other field goes through bson.
 */
export function serializeReply(reply: Document): Uint8Array {
  const cursor = reply.cursor as Document | undefined;
  const batchKey = cursor === undefined || cursor === null || typeof cursor !== "object" ? undefined : rawBatchKey(cursor);
  if (batchKey === undefined) return BSON.serialize(reply, serializeOptions);
  const parts: Uint8Array[] = [];
  for (const key of Object.keys(reply)) {
    if (key !== "cursor") {
      parts.push(elementOf(key, reply[key]));
      continue;
    }
    const cursorParts: Uint8Array[] = [];
    for (const field of Object.keys(cursor as Document)) {
      const value = (cursor as Document)[field];
      if (field !== batchKey) {
        cursorParts.push(elementOf(field, value));
        continue;
      }
      const items = (value as unknown[]).map((doc, i) =>
        doc instanceof RawBson ? concat([elementHead(0x03, String(i)), doc.bytes]) : elementOf(String(i), doc),
      );
      cursorParts.push(concat([elementHead(0x04, field), documentOf(items)]));
    }
    parts.push(concat([elementHead(0x03, key), documentOf(cursorParts)]));
  }
  return documentOf(parts);
}

function rawBatchKey(cursor: Document): "firstBatch" | "nextBatch" | undefined {
  for (const key of ["firstBatch", "nextBatch"] as const) {
    const batch = cursor[key];
    if (Array.isArray(batch) && batch.some((doc) => doc instanceof RawBson)) return key;
  }
  return undefined;
}

const utf8 = new TextEncoder();

function elementHead(type: number, key: string): Uint8Array {
  const name = utf8.encode(key);
  const head = new Uint8Array(name.length + 2);
  head[0] = type;
  head.set(name, 1);
  return head;
}

/** One element (type, name, value) as bson encodes it; nothing for an undefined value (ignoreUndefined). */
function elementOf(key: string, value: unknown): Uint8Array {
  const doc = BSON.serialize({ [key]: value }, serializeOptions);
  return doc.subarray(4, doc.length - 1);
}

function documentOf(elements: Uint8Array[]): Uint8Array {
  const body = concat(elements);
  const out = new Uint8Array(body.length + 5);
  new DataView(out.buffer).setInt32(0, out.length, true);
  out.set(body, 4);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function encodeOpMsg(reply: Document, responseTo: number, moreToCome = false): Buffer {
  const body = serializeReply(reply);
  const length = HEADER_SIZE + 4 + 1 + body.length;
  const buf = Buffer.allocUnsafe(length);
  header(buf, length, responseTo, OpCode.OP_MSG);
  buf.writeUInt32LE(moreToCome ? MsgFlag.moreToCome : 0, 16);
  buf[20] = 0;
  buf.set(body, 21);
  return buf;
}

export function encodeOpReply(reply: Document, responseTo: number): Buffer {
  const body = serializeReply(reply);
  const length = HEADER_SIZE + 20 + body.length;
  const buf = Buffer.allocUnsafe(length);
  header(buf, length, responseTo, OpCode.OP_REPLY);
  buf.writeInt32LE(0, 16); // responseFlags
  buf.writeBigInt64LE(0n, 20); // cursorID
  buf.writeInt32LE(0, 28); // startingFrom
  buf.writeInt32LE(1, 32); // numberReturned
  buf.set(body, 36);
  return buf;
}
