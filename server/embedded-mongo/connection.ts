/**
 * One client connection: reassembles messages from TCP chunks, runs them one at a time in arrival order,
 * writes replies with backpressure, and streams exhaust replies for the driver's awaitable hello. Anything
 * malformed (bad framing, bad BSON, bad checksum, oversized, compressed) closes this connection only.
 *
 * A client that pipelines faster than it is served (or never reads its replies) is pushed back on: past
 * `maxQueuedBytes` of waiting messages reading stops until the queue halves, and past that many bytes of
 * unsent replies no further message is run until the client reads. Drivers wait for each reply, so they never
 * get near either bound.
 *
 * Server-wide bounds (server.ts) read `bufferedBytes` and `stalledSince`: the server's total buffered bytes
 * are capped (the greediest connection is closed), and a partial message that makes no progress for too long
 * closes its connection.
 */
import { BSON, type Document } from "bson";
import { dispatchCommand } from "./dispatch/dispatch";
import { refuseMessage } from "./dispatch/refusals";
import { closesConnection } from "./fail-points";
import type { ServerContext } from "./server-context";
import { MongoCommandError } from "./errors";
import {
  encodeOpMsg,
  encodeOpReply,
  HEADER_SIZE,
  MAX_BSON_OBJECT_SIZE,
  MAX_MESSAGE_SIZE_BYTES,
  OpCode,
  parseMessage,
  peekMessageLength,
  ProtocolError,
  type IncomingMessage,
} from "./wire/protocol";

export interface Transport {
  /** Returns the number of bytes accepted; the rest must be retried after `drain`. */
  write(data: Uint8Array): number;
  end(): void;
  /** Closes at once, dropping whatever the peer has not read (so the kernel's buffers go too). */
  abort?(): void;
  /** Stop / restart reading from the peer (TCP backpressure). */
  pause(): void;
  resume(): void;
}

/** Default bound on a connection's queued incoming messages, and on its unsent replies. */
export const DEFAULT_MAX_QUEUED_BYTES = 64 * 1024 * 1024;
/**
 * Data the peer had in flight when reading paused still arrives (socket buffers, a message being assembled);
 * a connection holding this much more than its bound is cut off.
 */
const HARD_LIMIT_SLACK_BYTES = 2 * MAX_MESSAGE_SIZE_BYTES;
/** Shortest time between two replies of an awaitable hello stream (maxAwaitTimeMS 0 would otherwise spin). */
const MIN_STREAM_INTERVAL_MS = 10;
/** A connection buffering less than this is never the one to check the server-wide bound for. */
const BUFFER_CHECK_THRESHOLD_BYTES = 64 * 1024;

export interface ConnectionOptions {
  /** Bound on this connection's queued incoming messages, and on its unsent replies. */
  maxQueuedBytes?: number;
  /** Told when this connection holds a notable amount of buffered bytes, so the server can check its total. */
  onBuffered?: (connection: Connection) => void;
}

export class Connection {
  /** Bytes of an incomplete message, and how many it needs (at least) before it can be parsed. */
  #partial: Uint8Array[] = [];
  #partialBytes = 0;
  #partialNeeded = 0;
  #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #paused = false;
  #busy = false;
  #pendingOut: Uint8Array[] = [];
  #pendingOutBytes = 0;
  #flushWaiters: (() => void)[] = [];
  /** When the incomplete message last received bytes (undefined: none pending). */
  #partialProgressAt: number | undefined;
  closed = false;
  private readonly maxQueuedBytes: number;
  private readonly onBuffered: (connection: Connection) => void;

  constructor(
    readonly id: number,
    private readonly server: ServerContext,
    private readonly transport: Transport,
    private readonly onClose: (connection: Connection) => void,
    options: ConnectionOptions = {},
  ) {
    this.maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    this.onBuffered = options.onBuffered ?? (() => undefined);
  }

  /** Bytes this connection holds: an incomplete message, messages waiting to run, replies not yet sent. */
  get bufferedBytes(): number {
    return this.#partialBytes + this.#queuedBytes + this.#pendingOutBytes;
  }

  /**
   * Since when an incomplete message has received nothing, or undefined (none pending, or reading is paused
   * by our own backpressure, which is not the client's stall).
   */
  get stalledSince(): number | undefined {
    return this.#paused ? undefined : this.#partialProgressAt;
  }

  receive(chunk: Uint8Array): void {
    if (this.closed) return;
    this.#receive(chunk);
    if (!this.closed && this.bufferedBytes >= BUFFER_CHECK_THRESHOLD_BYTES) this.onBuffered(this);
  }

  #receive(chunk: Uint8Array): void {
    // Chunks of a large message are kept aside and joined once it is complete: joining on every chunk would
    // copy a 48 MB message hundreds of times.
    let owned = false; // whether `chunk` is our own memory rather than the transport's
    if (this.#partial.length > 0) {
      this.#partial.push(copyOf(chunk, 0, chunk.length));
      this.#partialBytes += chunk.length;
      this.#partialProgressAt = Date.now();
      if (this.#partialBytes < this.#partialNeeded) return;
      chunk = Buffer.concat(this.#partial, this.#partialBytes);
      owned = true;
      this.#partial = [];
      this.#partialBytes = 0;
      this.#partialProgressAt = undefined;
    }
    let offset = 0;
    for (;;) {
      const length = peekMessageLength(chunk, offset);
      if (length === undefined) break;
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE_BYTES) {
        this.close();
        return;
      }
      if (chunk.length - offset < length) {
        this.#partialNeeded = length;
        break;
      }
      // Queued messages outlive this call, and the transport may reuse its chunk buffers.
      this.#queue.push(owned ? chunk.subarray(offset, offset + length) : copyOf(chunk, offset, offset + length));
      this.#queuedBytes += length;
      offset += length;
    }
    if (this.#queuedBytes > this.maxQueuedBytes + HARD_LIMIT_SLACK_BYTES) {
      this.close();
      return;
    }
    if (this.#queuedBytes > this.maxQueuedBytes && !this.#paused) {
      this.#paused = true;
      this.transport.pause();
    }
    if (offset < chunk.length) {
      const rest = copyOf(chunk, offset, chunk.length);
      if (rest.length < 4) this.#partialNeeded = 4; // not even the length yet
      this.#partial = [rest];
      this.#partialBytes = rest.length;
      this.#partialProgressAt = Date.now();
    }
    if (!this.#busy) void this.#drainQueue();
  }

  async #drainQueue(): Promise<void> {
    this.#busy = true;
    try {
      while (!this.closed && this.#queue.length > 0 && this.#pendingOutBytes <= this.maxQueuedBytes) {
        const raw = this.#queue.shift()!;
        this.#queuedBytes -= raw.length;
        if (this.#paused && this.#queuedBytes <= this.maxQueuedBytes / 2) {
          this.#paused = false;
          this.transport.resume();
        }
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
    const reply = refuseMessage(message) ?? (await dispatchCommand(this.server, message.command, message.db, this.id));
    if (this.closed) return;
    if (closesConnection(reply)) return this.close(); // failCommand's closeConnection
    if (message.opCode === OpCode.OP_QUERY) {
      this.#send(encodeWithinLimit(reply, (r) => encodeOpReply(r, message.requestId)));
      return;
    }
    if (message.moreToCome) return; // unacknowledged (w:0): the client expects no reply
    if (message.exhaustAllowed && isAwaitableHello(message.command)) {
      await this.#streamHello(message, reply);
      return;
    }
    this.#send(encodeWithinLimit(reply, (r) => encodeOpMsg(r, message.requestId)));
  }

  /**
   * Exhaust: keep answering the awaitable hello until the connection closes or a reply is an error. As MongoDB
   * does, each next hello of the stream carries the topologyVersion of the previous reply, so it waits
   * maxAwaitTimeMS (the first one answers at once when the client was behind). The stream never runs ahead of
   * a client that does not read, and never spins: a step that did not wait pauses MIN_STREAM_INTERVAL_MS.
   */
  async #streamHello(message: IncomingMessage, first: Document): Promise<void> {
    const command: Document = { ...message.command };
    let reply = first;
    let responseTo = message.requestId;
    while (!this.closed) {
      const more = reply.ok === 1;
      const out = encodeOpMsg(reply, responseTo, more);
      this.#send(out);
      if (!more) return;
      responseTo = out.readInt32LE(4);
      command.topologyVersion = reply.topologyVersion;
      await this.#flushed();
      const started = Date.now();
      reply = await dispatchCommand(this.server, command, message.db, this.id);
      // Other messages cannot arrive on an exhaust connection; if they do the client broke the protocol.
      if (this.#queue.length > 0) return;
      if (Date.now() - started < MIN_STREAM_INTERVAL_MS) await this.server.sleep(MIN_STREAM_INTERVAL_MS);
    }
  }

  /** Resolves once every reply written so far has been handed to the transport (or the connection closed). */
  #flushed(): Promise<void> {
    if (this.#pendingOut.length === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => this.#flushWaiters.push(resolve));
  }

  #wakeFlushWaiters(): void {
    for (const resolve of this.#flushWaiters.splice(0)) resolve();
  }

  #send(data: Uint8Array): void {
    if (this.closed) return;
    if (this.#pendingOut.length > 0) {
      this.#queueOut(data);
      return;
    }
    const written = this.transport.write(data);
    if (written < data.length) this.#queueOut(data.subarray(Math.max(written, 0)));
  }

  #queueOut(data: Uint8Array): void {
    this.#pendingOut.push(data);
    this.#pendingOutBytes += data.length;
    if (this.bufferedBytes >= BUFFER_CHECK_THRESHOLD_BYTES) this.onBuffered(this);
  }

  /** The transport can take more bytes again. */
  drain(): void {
    while (this.#pendingOut.length > 0 && !this.closed) {
      const next = this.#pendingOut[0]!;
      const written = Math.max(this.transport.write(next), 0);
      this.#pendingOutBytes -= Math.min(written, next.length);
      if (written < next.length) {
        this.#pendingOut[0] = next.subarray(written);
        return;
      }
      this.#pendingOut.shift();
    }
    if (this.#pendingOut.length === 0) this.#wakeFlushWaiters();
    // Messages held back while replies were piling up can run now.
    if (!this.#busy && !this.closed && this.#queue.length > 0) void this.#drainQueue();
  }

  /** `abort`: the server closes it for hoarding or stalling: nothing more is owed to the peer. */
  close(options: { abort?: boolean } = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.#queue = [];
    this.#queuedBytes = 0;
    this.#partial = [];
    this.#partialBytes = 0;
    this.#partialProgressAt = undefined;
    this.#pendingOut = [];
    this.#pendingOutBytes = 0;
    this.#wakeFlushWaiters();
    try {
      if (options.abort && this.transport.abort) this.transport.abort();
      else this.transport.end();
    } catch {
      // already gone
    }
    this.onClose(this);
  }
}

/** MongoDB's limit for a reply document: a user document plus room for the reply's own fields. */
const MAX_REPLY_BSON_SIZE = MAX_BSON_OBJECT_SIZE + 16 * 1024;

/**
 * Encodes `reply`, or (as MongoDB answers a result it cannot return, e.g. an aggregation building one huge
 * document) a BSONObjectTooLarge error in its place: the client gets an error, not a dropped connection.
 */
function encodeWithinLimit(reply: Document, encode: (reply: Document) => Uint8Array): Uint8Array {
  try {
    const out = encode(reply);
    if (out.length <= MAX_REPLY_BSON_SIZE + HEADER_SIZE + 20) return out; // + OP_MSG/OP_REPLY framing
  } catch {
    // bson refuses to serialize past its own buffer size: too large as well
  }
  const size = BSON.calculateObjectSize(reply, { ignoreUndefined: true });
  const error = new MongoCommandError(
    "BSONObjectTooLarge",
    `BSONObj size: ${size} is invalid. Size must be between 0 and ${MAX_REPLY_BSON_SIZE}(16MB)`,
  ).toReply();
  return encode({ ...error, operationTime: reply.operationTime, $clusterTime: reply.$clusterTime });
}

/** A copy (Buffer#slice, unlike Uint8Array#slice, would share memory with the transport's chunk). */
function copyOf(bytes: Uint8Array, start: number, end: number): Uint8Array {
  return new Uint8Array(bytes.subarray(start, end));
}

function isAwaitableHello(command: Document): boolean {
  const name = Object.keys(command)[0];
  return (
    (name === "hello" || name === "isMaster" || name === "ismaster") &&
    command.topologyVersion !== undefined &&
    command.maxAwaitTimeMS !== undefined
  );
}
