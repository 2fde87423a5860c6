/**
 * Test helper: an in-memory embedded MongoDB server on an ephemeral port plus a connected driver client.
 *
 *   const mongo = await startTestMongo();      // or: const mongo = useTestMongo(); (registers beforeAll/afterAll)
 *   const users = mongo.db().collection("users");
 *   ...
 *   await mongo.stop();
 */
import { afterAll, beforeAll } from "bun:test";
import { MongoClient, MongoServerError, type Db, type MongoClientOptions } from "mongodb";
import { startEmbeddedMongo, type EmbeddedMongo, type EmbeddedMongoOptions } from "../../server/embedded-mongo";

export interface TestMongo {
  readonly server: EmbeddedMongo;
  readonly client: MongoClient;
  readonly uri: string;
  /** A database; without a name, one unique to this helper instance. */
  db(name?: string): Db;
  /** Another client on the same server (closed by `stop`). */
  newClient(options?: MongoClientOptions): Promise<MongoClient>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startTestMongo(
  options: EmbeddedMongoOptions & { clientOptions?: MongoClientOptions } = {},
): Promise<TestMongo> {
  const { clientOptions, ...serverOptions } = options;
  const server = await startEmbeddedMongo({ memory: serverOptions.dataDir === undefined, enableTestCommands: true, ...serverOptions });
  const clients: MongoClient[] = [];
  const connect = async (extra?: MongoClientOptions) => {
    const client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5000, ...clientOptions, ...extra });
    await client.connect();
    clients.push(client);
    return client;
  };
  const client = await connect();
  const defaultDb = `test_${process.pid}_${++counter}`;
  let stopped = false;
  return {
    server,
    client,
    uri: server.uri,
    db: (name) => client.db(name ?? defaultDb),
    newClient: connect,
    async stop() {
      if (stopped) return;
      stopped = true;
      await Promise.all(clients.map((c) => c.close(true).catch(() => undefined)));
      await server.stop();
    },
  };
}

/** Starts a server before the file's tests and stops it after; read `.current` inside tests. */
export function useTestMongo(options?: Parameters<typeof startTestMongo>[0]): { readonly current: TestMongo } {
  const holder: { current: TestMongo | undefined } = { current: undefined };
  beforeAll(async () => {
    holder.current = await startTestMongo(options);
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  return {
    get current(): TestMongo {
      if (!holder.current) throw new Error("useTestMongo: server not started yet (use it inside tests)");
      return holder.current;
    },
  };
}

/** The server error `promise` rejects with; fails the test when it resolves or rejects with anything else. */
export async function serverError(promise: Promise<unknown>): Promise<MongoServerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MongoServerError) return error;
    throw error;
  }
  throw new Error("expected the server to refuse the operation");
}

export interface DbProcess {
  readonly child: ReturnType<typeof Bun.spawn>;
  /** The connection string the process printed once it accepted connections. */
  readonly uri: string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** `npm run db -- <args>` as a child process (`--port 0` added); resolves once it printed its connection string. */
export async function spawnDbProcess(args: string[], options: { env?: Record<string, string | undefined> } = {}): Promise<DbProcess> {
  const child = Bun.spawn([process.execPath, "scripts/db.ts", "--port", "0", ...args], {
    cwd: new URL("../../", import.meta.url).pathname,
    ...(options.env ? { env: options.env } : {}),
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = child.stdout.getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`scripts/db.ts exited before printing its connection string: ${text}`);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  const uri = text.split("\n")[0]!.trim();
  return {
    child,
    uri,
    async stop() {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}
