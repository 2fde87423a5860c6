/**
 * Test helper: a raw TCP client for the embedded server, for what the driver never sends (malformed frames,
 * hostile field values, legacy opcodes, stalled messages).
 *
 *   const raw = await RawClient.connect(port);
 *   raw.send(opMsg({ ping: 1, $db: "admin" }));
 *   const reply = await raw.reply();           // parsed body of the next reply; throws on close or timeout
 */
import { connect, type Socket } from "node:net";
import { BSON, type Document } from "bson";

export const OP_MSG = 2013;
export const OP_QUERY = 2004;
export const OP_REPLY = 1;
/** OP_MSG flag bits. */
export const MORE_TO_COME = 1 << 1;
export const EXHAUST_ALLOWED = 1 << 16;

let nextRequestId = 1;

export function opMsg(body: Document, options: { flags?: number; requestId?: number } = {}): Buffer {
  const doc = Buffer.from(BSON.serialize(body));
  return opMsgRaw(doc, options);
}

/** An OP_MSG around already-encoded (possibly invalid) BSON bytes. */
export function opMsgRaw(doc: Uint8Array, options: { flags?: number; requestId?: number } = {}): Buffer {
  const buf = Buffer.alloc(21 + doc.length);
  buf.writeInt32LE(buf.length, 0);
  buf.writeInt32LE(options.requestId ?? nextRequestId++, 4);
  buf.writeInt32LE(0, 8);
  buf.writeInt32LE(OP_MSG, 12);
  buf.writeUInt32LE(options.flags ?? 0, 16);
  buf[20] = 0;
  Buffer.from(doc).copy(buf, 21);
  return buf;
}

/** Legacy OP_QUERY on `<db>.$cmd`, as drivers send their first handshake. */
export function opQuery(db: string, query: Document, requestId = nextRequestId++): Buffer {
  const collection = Buffer.from(`${db}.$cmd\0`);
  const doc = Buffer.from(BSON.serialize(query));
  const buf = Buffer.alloc(16 + 4 + collection.length + 8 + doc.length);
  buf.writeInt32LE(buf.length, 0);
  buf.writeInt32LE(requestId, 4);
  buf.writeInt32LE(OP_QUERY, 12);
  let offset = 20;
  collection.copy(buf, offset);
  offset += collection.length;
  buf.writeInt32LE(0, offset); // numberToSkip
  buf.writeInt32LE(-1, offset + 4); // numberToReturn
  doc.copy(buf, offset + 8);
  return buf;
}

export interface RawReply {
  opCode: number;
  responseTo: number;
  flags: number;
  body: Document;
}

export class RawClient {
  #socket: Socket;
  #buffer = Buffer.alloc(0);
  #replies: RawReply[] = [];
  #waiters: (() => void)[] = [];
  closed = false;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on("data", (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      while (this.#buffer.length >= 4 && this.#buffer.length >= this.#buffer.readInt32LE(0)) {
        const length = this.#buffer.readInt32LE(0);
        const opCode = this.#buffer.readInt32LE(12);
        const bodyOffset = opCode === OP_REPLY ? 36 : 21;
        this.#replies.push({
          opCode,
          responseTo: this.#buffer.readInt32LE(8),
          flags: opCode === OP_MSG ? this.#buffer.readUInt32LE(16) : this.#buffer.readInt32LE(16),
          body: BSON.deserialize(this.#buffer.subarray(bodyOffset, length)),
        });
        this.#buffer = this.#buffer.subarray(length);
      }
      this.#wake();
    });
    const onClose = () => {
      this.closed = true;
      this.#wake();
    };
    socket.on("close", onClose);
    socket.on("error", onClose);
  }

  static connect(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1");
      socket.setNoDelay(true);
      socket.once("connect", () => resolve(new RawClient(socket)));
      socket.once("error", reject);
    });
  }

  #wake(): void {
    for (const w of this.#waiters.splice(0)) w();
  }

  send(bytes: Uint8Array): void {
    this.#socket.write(bytes);
  }

  /** Stops reading replies (they pile up in the server's socket) or starts again. */
  pause(): void {
    this.#socket.pause();
  }

  get repliesReceived(): number {
    return this.#replies.length;
  }

  /** The next reply; rejects when the connection closes first or nothing comes within `timeoutMs`. */
  async reply(timeoutMs = 5000): Promise<RawReply> {
    const deadline = Date.now() + timeoutMs;
    while (this.#replies.length === 0) {
      if (this.closed) throw new Error("connection closed by the server");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.#replies.shift()!;
  }

  /** Runs one command over OP_MSG and returns its reply body. */
  async command(body: Document, timeoutMs?: number): Promise<Document> {
    this.send(opMsg(body));
    return (await this.reply(timeoutMs)).body;
  }

  /** Resolves true once the server closed the connection, false if it is still open after `timeoutMs`. */
  async closedWithin(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await Bun.sleep(10);
    return this.closed;
  }

  close(): void {
    this.#socket.destroy();
  }
}
