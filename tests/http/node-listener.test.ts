/**
 * The app server's listener (server/http/node-listener.ts): node:http serving a fetch-style handler. What a
 * client sees: bodies streamed to the handler, several cookies, HEAD, a refused upload answered while it is
 * still being sent, a client that goes away, a Host no URL can hold, a taken port, and a graceful stop that
 * does not wait for idle keep-alive connections.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { connect } from "node:net";
import { isAddressInUse } from "../../server/http/address-in-use";
import { listen, type NodeListener } from "../../server/http/node-listener";

const started: NodeListener[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((listener) => listener.stop(true)));
});

async function serve(fetch: (request: Request) => Promise<Response>, errors: unknown[] = []) {
  const listener = await listen({ port: 0, hostname: "127.0.0.1", fetch, onError: (error) => errors.push(error) });
  started.push(listener);
  return { listener, url: `http://127.0.0.1:${listener.port}` };
}

/** Sends raw bytes and resolves with everything the server answered until it closed the connection. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(bytes));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("node listener", () => {
  test("the handler reads the request body as a stream; the answer carries its length", async () => {
    const { url } = await serve(async (request) => new Response(`${request.method} ${new URL(request.url).pathname} ${(await request.text()).length}`));
    const response = await fetch(`${url}/upload?x=1`, { method: "POST", body: "é".repeat(300_000) });
    expect(await response.text()).toBe("POST /upload 300000");
    expect(response.headers.get("content-length")).toBe("19");
    expect(response.headers.get("connection")).toBe("keep-alive");
  });

  test("several Set-Cookie headers stay separate; HEAD gets the headers without the body", async () => {
    const { url } = await serve(async () => {
      const headers = new Headers({ "content-type": "text/plain", "content-length": "5" });
      headers.append("set-cookie", "a=1; Path=/");
      headers.append("set-cookie", "b=2; Path=/");
      return new Response("hello", { headers });
    });
    const got = await fetch(url);
    expect(got.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(await got.text()).toBe("hello");
    const head = await fetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("5");
    expect(await head.text()).toBe("");
  });

  test("an upload refused before it was read gets its answer, then the connection closes", async () => {
    const { url } = await serve(async () => new Response("too large", { status: 413 }));
    const refused = await fetch(url, { method: "POST", body: "x".repeat(5_000_000) });
    expect(refused.status).toBe(413);
    expect(refused.headers.get("connection")).toBe("close");
    expect(await refused.text()).toBe("too large");
    expect((await fetch(url)).status).toBe(413);
  });

  test("a client that goes away aborts the request's signal", async () => {
    let aborted!: () => void;
    const sawAbort = new Promise<void>((resolve) => (aborted = resolve));
    const { listener } = await serve(
      (request) =>
        new Promise<Response>((resolve) => {
          request.signal.addEventListener("abort", () => {
            aborted();
            resolve(new Response("late"));
          });
        }),
    );
    const socket = connect(listener.port, "127.0.0.1", () => socket.write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
    await Bun.sleep(50);
    socket.destroy();
    await sawAbort;
  });

  test("a Host header no URL can hold is a 400, not a crash", async () => {
    const errors: unknown[] = [];
    const { listener } = await serve(async () => new Response("never"), errors);
    const answer = await raw(listener.port, "GET / HTTP/1.1\r\nHost: exa mple:x\r\n\r\n");
    expect(answer).toStartWith("HTTP/1.1 400");
    expect(errors).toHaveLength(1);
  });

  test("a port already served is refused with EADDRINUSE", async () => {
    const { listener } = await serve(async () => new Response("first"));
    let failure: unknown;
    try {
      started.push(await listen({ port: listener.port, hostname: "127.0.0.1", fetch: async () => new Response("second"), onError: () => {} }));
    } catch (error) {
      failure = error;
    }
    expect(isAddressInUse(failure)).toBe(true);
  });

  test("a graceful stop answers the request in flight, refuses new connections and does not wait for idle ones", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { listener, url } = await serve(async (request) => {
      if (new URL(request.url).pathname === "/held") await held;
      return new Response("done");
    });
    // An idle keep-alive connection, answered once: the stop closes it rather than waiting for its timeout.
    const idle = connect(listener.port, "127.0.0.1", () => idle.write("GET /idle HTTP/1.1\r\nHost: x\r\n\r\n"));
    const idleAnswered = new Promise<void>((resolve) => idle.once("data", () => resolve()));
    const idleClosed = new Promise<void>((resolve) => idle.once("close", () => resolve()));
    await idleAnswered;
    const inFlight = fetch(`${url}/held`);
    await Bun.sleep(50);
    const stopped = listener.stop(false);
    await idleClosed;
    await Bun.sleep(50);
    await expect(fetch(`${url}/new`)).rejects.toThrow();
    release();
    const answer = await inFlight;
    expect(answer.headers.get("connection")).toBe("close");
    expect(await answer.text()).toBe("done");
    await stopped;
  });
});
