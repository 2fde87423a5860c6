/**
 * One client connection: reassembles messages from TCP chunks, runs them one at a time in arrival order,
 * writes replies with backpressure, and streams exhaust replies for the driver's awaitable hello. Anything
 * malformed (bad framing, bad BSON, bad checksum, oversized, compressed) closes this connection only.
 */
import type { Document } from "bson";
import { dispatchCommand } from "../commands/dispatch";
import { closesConnection } from "../failPoints";
import type { ServerContext } from "../commands/context";
import {
  encodeOpMsg,
  encodeOpReply,
  HEADER_SIZE,
  MAX_MESSAGE_SIZE_BYTES,
  OpCode,
  parseMessage,
  peekMessageLength,
  ProtocolError,
  type IncomingMessage,
} from "./protocol";

export interface Transport {
  /** Returns the number of bytes accepted; the rest must be retried after `drain`. */
  write(data: Uint8Array): number;
  end(): void;
}

const EMPTY = new Uint8Array(0);

export class Connection {
  #buffer: Uint8Array = EMPTY;
  #queue: Uint8Array[] = [];
  #busy = false;
  #pendingOut: Uint8Array[] = [];
  closed = false;

  constructor(
    readonly id: number,
    private readonly server: ServerContext,
    private readonly transport: Transport,
    private readonly onClose: (connection: Connection) => void,
  ) {}

  receive(chunk: Uint8Array): void {
    if (this.closed) return;
    let buf: Uint8Array;
    if (this.#buffer.length === 0) {
      buf = chunk;
    } else {
      const joined = new Uint8Array(this.#buffer.length + chunk.length);
      joined.set(this.#buffer, 0);
      joined.set(chunk, this.#buffer.length);
      buf = joined;
    }
    let offset = 0;
    for (;;) {
      const length = peekMessageLength(buf, offset);
      if (length === undefined) break;
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE_BYTES) {
        this.close();
        return;
      }
      if (buf.length - offset < length) break;
      // Copy: the transport may reuse its chunk buffers and queued messages outlive this call.
      this.#queue.push(buf.slice(offset, offset + length));
      offset += length;
    }
    this.#buffer = offset === buf.length ? EMPTY : buf.slice(offset);
    if (!this.#busy) void this.#drainQueue();
  }

  async #drainQueue(): Promise<void> {
    this.#busy = true;
    try {
      while (!this.closed && this.#queue.length > 0) {
        const raw = this.#queue.shift()!;
        let message: IncomingMessage;
        try {
          message = parseMessage(raw);
        } catch (error) {
          if (!(error instanceof ProtocolError)) throw error;
          this.close();
          return;
        }
        await this.#handle(message);
      }
    } catch {
      this.close();
    } finally {
      this.#busy = false;
    }
  }

  async #handle(message: IncomingMessage): Promise<void> {
    const reply = await dispatchCommand(this.server, message.command, message.db, this.id);
    if (this.closed) return;
    if (closesConnection(reply)) return this.close(); // failCommand's closeConnection
    if (message.opCode === OpCode.OP_QUERY) {
      this.#send(encodeOpReply(reply, message.requestId));
      return;
    }
    if (message.moreToCome) return; // unacknowledged (w:0): the client expects no reply
    if (message.exhaustAllowed && isAwaitableHello(message.command)) {
      await this.#streamHello(message, reply);
      return;
    }
    this.#send(encodeOpMsg(reply, message.requestId));
  }

  /** Exhaust: keep answering the awaitable hello (each waits maxAwaitTimeMS) until the connection closes. */
  async #streamHello(message: IncomingMessage, first: Document): Promise<void> {
    let reply = first;
    let responseTo = message.requestId;
    while (!this.closed) {
      const out = encodeOpMsg(reply, responseTo, true);
      this.#send(out);
      responseTo = out.readInt32LE(4);
      reply = await dispatchCommand(this.server, message.command, message.db, this.id);
      // Other messages cannot arrive on an exhaust connection; if they do the client broke the protocol.
      if (this.#queue.length > 0) return;
    }
  }

  #send(data: Uint8Array): void {
    if (this.closed) return;
    if (this.#pendingOut.length > 0) {
      this.#pendingOut.push(data);
      return;
    }
    const written = this.transport.write(data);
    if (written < data.length) this.#pendingOut.push(data.subarray(Math.max(written, 0)));
  }

  /** The transport can take more bytes again. */
  drain(): void {
    while (this.#pendingOut.length > 0 && !this.closed) {
      const next = this.#pendingOut[0]!;
      const written = this.transport.write(next);
      if (written < next.length) {
        this.#pendingOut[0] = next.subarray(Math.max(written, 0));
        return;
      }
      this.#pendingOut.shift();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#queue = [];
    this.#pendingOut = [];
    try {
      this.transport.end();
    } catch {
      // already gone
    }
    this.onClose(this);
  }
}

function isAwaitableHello(command: Document): boolean {
  const name = Object.keys(command)[0];
  return (
    (name === "hello" || name === "isMaster" || name === "ismaster") &&
    command.topologyVersion !== undefined &&
    command.maxAwaitTimeMS !== undefined
  );
}
