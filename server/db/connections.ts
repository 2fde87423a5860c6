/**
 * The application's two databases: the primary (read/write, majority writes) and the external one (read-only
 * by construction). One MongoClient per connection string, created lazily, reused for the life of the process
 * and across development reloads (the default instance lives on globalThis).
 *
 * Nothing here caches a failure: clients are created without connecting (the driver connects on first use and
 * reconnects by itself), and a failed start of the embedded server is forgotten so the next call tries again.
 */
import { MongoClient, type Db } from "mongodb";
import { getConfig, type Config } from "../config/env";
import { createLogger, redactString, type Logger } from "../observability/logger";
import { clientOptions } from "./client-options";
import { startEmbeddedDefault, type EmbeddedServer } from "./embedded-default";
import { asDatabaseError, guardDatabase, type DatabaseRole } from "./errors";
import { watchClient } from "./monitoring";
import { createReadOnlyDb, timedPing, type ReadOnlyDb } from "./read-only-db";

export { DatabaseUnavailableError, isDatabaseUnavailableError, ReadOnlyViolationError } from "./errors";
export type { ReadOnlyCollection, ReadOnlyCursor, ReadOnlyDb } from "./read-only-db";

export type Databases = {
  /** Read/write handle on the application's own database. */
  readonly primary: Db;
  /** Read-only handle on the shared external database. */
  readonly external: ReadOnlyDb;
  /** Spread into primary operations: `find(filter, { ...queryDefaults })` (the read-only handle applies it itself). */
  readonly queryDefaults: { readonly maxTimeMS: number };
};

export type DatabaseHealth = { status: "up" | "down"; latencyMs: number | null; error?: string };
export type Readiness = {
  status: "ok" | "degraded" | "unavailable";
  checkedAt: string;
  databases: Record<DatabaseRole, DatabaseHealth>;
};

export interface DatabaseConnections {
  /** Throws DatabaseUnavailableError only if the embedded default cannot start; queries fail lazily. */
  getDatabases(): Promise<Databases>;
  /** Never throws: pings both databases and reports status and latency for each. */
  ping(): Promise<Readiness>;
  /** Closes every client (and the embedded server this instance started). Safe to call twice. */
  close(): Promise<void>;
  /** Where each role points, with credentials redacted by the logger when logged. */
  readonly description: () => { primary?: string; external?: string; embedded: boolean };
}

export function createDatabaseConnections(options: { config: Config; logger: Logger }): DatabaseConnections {
  const { config, logger } = options;
  const clients = new Map<string, MongoClient>();
  let embedded: EmbeddedServer | undefined;
  let databases: Promise<Databases> | undefined;
  let urls: { primary: string; external: string } | undefined;
  let closed = false;

  const clientFor = (url: string, usedByPrimary: boolean): MongoClient => {
    let client = clients.get(url);
    if (!client) {
      client = new MongoClient(url, clientOptions(config, usedByPrimary));
      watchClient(client, { config, logger: logger.child({ component: "db", url }) });
      clients.set(url, client);
    }
    return client;
  };

  const resolveUrls = async () => {
    const { primary, external } = config.database;
    if (primary.url) return { primary: primary.url, external: external.url ?? primary.url };
    if (!embedded) {
      try {
        embedded = await startEmbeddedDefault(config, logger.child({ component: "db" }));
      } catch (error) {
        logger.error("embedded database failed to start", { error });
        throw asDatabaseError(error, "primary");
      }
    }
    return { primary: embedded.uri, external: external.url ?? embedded.uri };
  };

  const open = async (): Promise<Databases> => {
    if (closed) throw new Error("Database connections are closed");
    urls = await resolveUrls();
    // The primary's client is created first so that a shared URL gets the primary's (stricter) options.
    const primaryClient = clientFor(urls.primary, true);
    const externalClient = urls.external === urls.primary ? primaryClient : clientFor(urls.external, false);
    const maxTimeMS = config.database.timeouts.maxTimeMS;
    return Object.freeze({
      primary: primaryClient.db(config.database.primary.name),
      external: createReadOnlyDb(externalClient.db(config.database.external.name), { maxTimeMS }),
      queryDefaults: Object.freeze({ maxTimeMS }),
    });
  };

  const getDatabases = () => {
    databases ??= open().catch((error) => {
      databases = undefined;
      throw error;
    });
    return databases;
  };

  const check = async (ping: () => Promise<number>): Promise<DatabaseHealth> => {
    // A readiness probe must answer quickly even while the driver is still waiting for server selection.
    const { pingTimeoutMS } = config.database.timeouts;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${pingTimeoutMS} ms`)), pingTimeoutMS);
    });
    try {
      return { status: "up", latencyMs: await Promise.race([ping(), timeout]) };
    } catch (error) {
      const message = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
      return { status: "down", latencyMs: null, error: redactString(message) };
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    getDatabases,
    async ping() {
      const checkedAt = new Date().toISOString();
      let dbs: Databases;
      try {
        dbs = await getDatabases();
      } catch (error) {
        const down: DatabaseHealth = { status: "down", latencyMs: null, error: redactString(error instanceof Error ? error.message : String(error)) };
        return { status: "unavailable", checkedAt, databases: { primary: down, external: { ...down } } };
      }
      const [primary, external] = await Promise.all([
        check(() => guardDatabase("primary", () => timedPing(dbs.primary))),
        check(() => dbs.external.ping()),
      ]);
      const status = primary.status === "down" ? "unavailable" : external.status === "down" ? "degraded" : "ok";
      return { status, checkedAt, databases: { primary, external } };
    },
    async close() {
      if (closed) return;
      closed = true;
      await databases?.catch(() => undefined);
      await Promise.allSettled([...clients.values()].map((client) => client.close()));
      clients.clear();
      if (embedded) {
        await embedded.stop().catch((error: unknown) => logger.warn("embedded database did not stop cleanly", { error }));
        embedded = undefined;
      }
    },
    description: () => ({ primary: urls?.primary, external: urls?.external, embedded: embedded !== undefined }),
  };
}

// --- The process-wide instance, kept on globalThis so development reloads reuse the same pools. ---

const DEFAULT_INSTANCE = Symbol.for("vsme-guru.databaseConnections");
type GlobalWithConnections = typeof globalThis & { [DEFAULT_INSTANCE]?: DatabaseConnections };

export function defaultConnections(options?: { config?: Config; logger?: Logger }): DatabaseConnections {
  const holder = globalThis as GlobalWithConnections;
  if (!holder[DEFAULT_INSTANCE]) {
    const config = options?.config ?? getConfig();
    const logger = options?.logger ?? createLogger({ level: config.logLevel, base: { app: "vsme-guru", env: config.appEnv } });
    holder[DEFAULT_INSTANCE] = createDatabaseConnections({ config, logger });
  }
  return holder[DEFAULT_INSTANCE];
}

export const getDatabases = () => defaultConnections().getDatabases();
export const pingDatabases = () => defaultConnections().ping();

export async function closeDatabases(): Promise<void> {
  const holder = globalThis as GlobalWithConnections;
  const instance = holder[DEFAULT_INSTANCE];
  delete holder[DEFAULT_INSTANCE];
  await instance?.close();
}
