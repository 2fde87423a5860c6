/**
 * The embedded MongoDB-compatible server: a loopback TCP listener speaking the wire protocol over a storage
 * engine. `startEmbeddedMongo()` is the only entry point the app, the CLI and the tests use.
 */
import { ObjectId } from "bson";
import type { Socket, TCPSocketListener } from "bun";
import { LogicalClock, type ServerContext } from "./server-context";
import { CursorManager } from "./cursors";
import { FailPoints } from "./fail-points";
import { TtlMonitor, type TtlMonitorTuning } from "./ttl-monitor";
import { DEFAULT_MAX_DENSIFY_DOCS } from "./query/densify";
import { claimDataDir } from "./data-dir-lock";
import { createStorageEngine } from "./engine/index";
import type { StorageEngine } from "./engine/types";
import { SessionManager } from "./sessions";
import { Connection } from "./connection";

export interface EmbeddedMongoOptions {
  /** TCP port; 0 (the default) picks a free ephemeral port. */
  port?: number;
  /** Interface to bind; loopback only. Default 127.0.0.1. */
  host?: string;
  /** Directory holding one SQLite file per database. Without it (or with `memory`) nothing is persisted. */
  dataDir?: string;
  /** Keep all data in memory. The default when no `dataDir` is given. */
  memory?: boolean;
  /** Logical sessions kept at once; past it new ones get TooManyLogicalSessions. MongoDB's default, 1,000,000. */
  maxSessions?: number;
  /**
   * Bytes of retryable-write replies kept for retries, across all sessions (one per session, the latest);
   * past it the oldest are dropped and their retry gets IncompleteTransactionHistory. Default 64 MiB.
   */
  maxRetryableWriteBytes?: number;
  /** Cursors open at once; past it the least recently used idle one is killed. Default 10,000. */
  maxOpenCursors?: number;
  /** Bytes of results all open cursors may hold together; past it opening one fails. Default 256 MiB. */
  maxCursorBytes?: number;
  /**
   * Bytes of pipelined messages (and of unread replies) one connection may have waiting before the server
   * stops reading from it. Default 64 MiB.
   */
  maxConnectionQueueBytes?: number;
  /**
   * Bytes all connections together may buffer (incomplete and waiting messages, unsent replies); past it the
   * connection holding the most is closed, with a logged reason. Default 256 MiB.
   */
  maxBufferedBytes?: number;
  /** A connection whose incomplete message receives nothing for this long is closed. Default 30,000 ms. */
  partialMessageTimeoutMS?: number;
  /** The TTL monitor's batch size and time slice (for benchmarks comparing them; see ttl-monitor.ts). */
  ttlMonitor?: TtlMonitorTuning;
  /** Where the server reports why it closed a connection. Default console.warn. */
  log?: (message: string) => void;
  /**
   * mongod's `enableTestCommands`: accept test-only commands such as configureFailPoint. For test suites and
   * the spec-compat runner only (`npm run db -- --enable-test-commands`); never in development.
   */
  enableTestCommands?: boolean;
}

export interface EmbeddedMongo {
  /** "mongodb://127.0.0.1:<port>/" */
  readonly uri: string;
  readonly port: number;
  /** Closes the listener and every client connection, then the storage engine. Safe to call twice. */
  stop(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);
const REAP_INTERVAL_MS = 30_000;
export const DEFAULT_MAX_BUFFERED_BYTES = 256 * 1024 * 1024;
export const DEFAULT_PARTIAL_MESSAGE_TIMEOUT_MS = 30_000;

interface SocketState {
  connection?: Connection;
}

export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  const host = options.host ?? "127.0.0.1";
  if (!LOOPBACK.has(host)) throw new Error(`embedded MongoDB listens on loopback only, not ${host}`);
  const memory = options.memory ?? options.dataDir === undefined;
  // Claimed before the engine opens any file, so a second server on the same directory never touches it.
  const claim = memory || options.dataDir === undefined ? undefined : claimDataDir(options.dataDir);
  let engine: StorageEngine;
  try {
    engine = createStorageEngine(memory ? { memory: true } : { dataDir: options.dataDir });
  } catch (error) {
    claim?.release();
    throw error;
  }

  const sleepers = new Set<{ timer: ReturnType<typeof setTimeout>; resolve: () => void }>();
  let stopping = false;
  const connections = new Set<Connection>();
  let nextConnectionId = 1;
  let hostAndPort = "";

  const cursors = new CursorManager({ maxOpenCursors: options.maxOpenCursors, maxBytes: options.maxCursorBytes });
  const killCursorsOf = (keys: string[]) => {
    const forgotten = new Set(keys);
    cursors.killWhere((c) => c.sessionKey !== undefined && forgotten.has(c.sessionKey));
  };
  const sessions = new SessionManager(engine, { maxSessions: options.maxSessions, maxRetryableWriteBytes: options.maxRetryableWriteBytes }, killCursorsOf);
  const ttl = new TtlMonitor(engine, options.ttlMonitor);
  const server: ServerContext = {
    engine,
    cursors,
    sessions,
    clock: new LogicalClock(),
    failPoints: new FailPoints(),
    ttl,
    queryKnobs: { internalQueryMaxAllowedDensifyDocs: DEFAULT_MAX_DENSIFY_DOCS },
    get hostAndPort() {
      return hostAndPort;
    },
    setName: "rs0",
    processId: new ObjectId(),
    electionId: new ObjectId("7fffffff0000000000000001"),
    startedAt: new Date(),
    testCommandsEnabled: options.enableTestCommands === true,
    sleep(ms) {
      if (stopping) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const entry = {
          resolve,
          timer: setTimeout(() => {
            sleepers.delete(entry);
            resolve();
          }, ms),
        };
        sleepers.add(entry);
      });
    },
  };

  const log = options.log ?? ((message: string) => console.warn(message));
  const maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const closeFor = (connection: Connection, why: string) => {
    log(`embedded-mongo: closing connection ${connection.id}: ${why}`);
    connection.close({ abort: true });
  };
  // Past the server-wide bound the connection holding the most goes: it is the one pinning the memory (a
  // client sending huge messages it never finishes, or never reading its replies), not its neighbours.
  const enforceBufferBound = () => {
    let total = 0;
    for (const connection of connections) total += connection.bufferedBytes;
    while (total > maxBufferedBytes) {
      let greediest: Connection | undefined;
      for (const connection of connections) {
        if (!greediest || connection.bufferedBytes > greediest.bufferedBytes) greediest = connection;
      }
      if (!greediest || greediest.bufferedBytes === 0) return;
      const held = greediest.bufferedBytes;
      closeFor(greediest, `it holds ${mib(held)} of the ${mib(total)} all connections buffer, over maxBufferedBytes (${mib(maxBufferedBytes)})`);
      total -= held;
    }
  };
  const partialTimeoutMs = options.partialMessageTimeoutMS ?? DEFAULT_PARTIAL_MESSAGE_TIMEOUT_MS;
  const closeStalled = () => {
    const now = Date.now();
    for (const connection of [...connections]) {
      const since = connection.stalledSince;
      if (since !== undefined && now - since > partialTimeoutMs) {
        closeFor(connection, `its incomplete message received nothing for ${now - since} ms (partialMessageTimeoutMS ${partialTimeoutMs})`);
      }
    }
  };

  let listener: TCPSocketListener<SocketState>;
  try {
    listener = Bun.listen<SocketState>({
      hostname: host,
      port: options.port ?? 0,
      socket: {
        open(socket: Socket<SocketState>) {
          socket.setNoDelay(true);
          const connection = new Connection(
            nextConnectionId++,
            server,
            { write: (data) => socket.write(data), end: () => socket.end(), abort: () => socket.terminate(), pause: () => socket.pause(), resume: () => socket.resume() },
            (c) => connections.delete(c),
            { maxQueuedBytes: options.maxConnectionQueueBytes, onBuffered: enforceBufferBound },
          );
          connections.add(connection);
          socket.data = { connection };
        },
        data(socket, chunk) {
          socket.data.connection?.receive(chunk);
        },
        drain(socket) {
          socket.data.connection?.drain();
        },
        close(socket) {
          socket.data.connection?.close();
        },
        error(socket) {
          socket.data.connection?.close();
        },
      },
    });
  } catch (error) {
    engine.close();
    claim?.release();
    throw error;
  }
  const port = listener.port;
  hostAndPort = `${host === "::1" ? "[::1]" : "127.0.0.1"}:${port}`;
  claim?.publish(`mongodb://${hostAndPort}/`);

  const reaper = setInterval(() => {
    killCursorsOf(sessions.reap());
    cursors.reapIdle();
  }, REAP_INTERVAL_MS);
  reaper.unref?.();
  const stallWatch = setInterval(closeStalled, Math.max(10, Math.min(1000, partialTimeoutMs / 2)));
  stallWatch.unref?.();
  ttl.start();

  let stopped: Promise<void> | undefined;
  return {
    uri: `mongodb://${hostAndPort}/`,
    port,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        clearInterval(reaper);
        clearInterval(stallWatch);
        ttl.stop();
        listener.stop(true);
        for (const connection of [...connections]) connection.close();
        for (const sleeper of sleepers) {
          clearTimeout(sleeper.timer);
          sleeper.resolve();
        }
        sleepers.clear();
        sessions.abortAll();
        cursors.clear();
        engine.close();
        claim?.release();
      })();
      return stopped;
    },
  };
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
