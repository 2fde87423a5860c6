/**
 * Serves a fetch-style handler (`Request` in, `Response` out) with node:http, as Bun implements it. Why not
 * Bun.serve: in Bun 1.4, a response that completes after awaiting other I/O (every page and API answer that
 * read the database) leaves Bun.serve one send() per header fragment — about fifty system calls per answer —
 * where node:http writes the head corked (oven-sh/bun#41341). ADR 0067.
 *
 * Bodies are read whole and sent in one write with their Content-Length: every answer of this app is built in
 * memory (pages, API JSON, exports of one report, static files of at most a few hundred KB). A client that
 * goes away aborts `request.signal`, as with Bun.serve.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface NodeListener {
  readonly port: number;
  readonly hostname: string;
  /** Stops accepting connections and resolves once in-flight requests are answered (`force`: closes them now). */
  stop(force: boolean): Promise<void>;
}

export interface NodeListenerOptions {
  port: number;
  hostname: string;
  fetch(request: Request): Promise<Response>;
  /** Told about a request that could not be answered by `fetch` (answered 400 or 500 here). */
  onError(error: unknown): void;
}

export async function listen(options: NodeListenerOptions): Promise<NodeListener> {
  let stopping = false;
  const server = createServer({ keepAliveTimeout: 10_000 }, (incoming, outgoing) => {
    void answer(incoming, outgoing);
  });

  async function answer(incoming: IncomingMessage, outgoing: ServerResponse) {
    const aborted = new AbortController();
    outgoing.on("close", () => {
      if (!outgoing.writableFinished) aborted.abort();
    });
    let request: Request;
    const body = requestBody(incoming);
    try {
      request = toRequest(incoming, body.stream, aborted.signal, `${options.hostname}:${address.port}`);
    } catch (error) {
      options.onError(error);
      outgoing.writeHead(400, { "content-type": "text/plain; charset=utf-8", connection: "close" });
      outgoing.end("Bad Request");
      return;
    }
    try {
      const response = await options.fetch(request);
      // A body the answer did not read (a refusal before parsing it): the rest is read and dropped, so the
      // client can finish sending and read the answer, and the connection is then closed.
      const unread = !incoming.complete;
      await send(response, incoming.method === "HEAD", outgoing, stopping || unread);
      if (unread) body.discard();
    } catch (error) {
      options.onError(error);
      if (outgoing.headersSent) outgoing.destroy();
      else {
        outgoing.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        outgoing.end("Internal Server Error");
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port: options.port, host: options.hostname, exclusive: true }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;

  return {
    port: address.port,
    hostname: options.hostname,
    stop(force) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (force) server.closeAllConnections();
      else server.closeIdleConnections();
      return closed;
    },
  };
}

/** Most a refused request's unread body is read (and dropped) before its connection is cut. */
const MAX_DISCARDED_BYTES = 32 * 1024 * 1024;

/**
 * The request body as a web stream that reads the socket only as it is consumed (none for GET and HEAD), and
 * a way to drop what the answer left unread.
 */
function requestBody(incoming: IncomingMessage): { stream: ReadableStream<Uint8Array> | undefined; discard(): void } {
  let discarding = false;
  const discard = () => {
    discarding = true;
    incoming.resume();
  };
  if (incoming.method === "GET" || incoming.method === "HEAD") {
    let dropped = 0;
    incoming.on("data", (chunk: Buffer) => {
      dropped += chunk.byteLength;
      if (dropped > MAX_DISCARDED_BYTES) incoming.socket.destroy();
    });
    return { stream: undefined, discard };
  }
  let discarded = 0;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let open = true;
  incoming.pause();
  incoming.on("data", (chunk: Buffer) => {
    if (discarding) {
      discarded += chunk.byteLength;
      if (discarded > MAX_DISCARDED_BYTES) incoming.socket.destroy();
      return;
    }
    if (!open) return;
    controller!.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if ((controller!.desiredSize ?? 0) <= 0) incoming.pause();
  });
  incoming.on("end", () => {
    if (open && !discarding) controller!.close();
    open = false;
  });
  incoming.on("error", (error) => {
    if (open && !discarding) controller!.error(error);
    open = false;
  });
  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        incoming.resume();
      },
      cancel() {
        open = false;
      },
    },
    { highWaterMark: 4 },
  );
  return { stream, discard };
}

function toRequest(incoming: IncomingMessage, body: ReadableStream<Uint8Array> | undefined, signal: AbortSignal, fallbackHost: string): Request {
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host ?? fallbackHost}`);
  return new Request(url, { method: incoming.method ?? "GET", headers, signal, ...(body ? { body, duplex: "half" } : {}) } as RequestInit);
}

async function send(response: Response, head: boolean, outgoing: ServerResponse, closing: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie" && name !== "content-length" && name !== "transfer-encoding") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  // While the server stops, answered connections close instead of waiting for another request.
  if (closing) headers.connection = "close";

  if (response.body === null || head) {
    const declared = response.headers.get("content-length");
    await response.body?.cancel().catch(() => undefined);
    if (declared !== null) headers["content-length"] = declared;
    else if (!head) headers["content-length"] = "0";
    outgoing.writeHead(response.status, headers);
    outgoing.end();
    return;
  }
  const body = new Uint8Array(await response.arrayBuffer());
  headers["content-length"] = String(body.byteLength);
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}
