/**
 * Turns driver events into log lines an operator can act on: a server becoming unreachable or reachable
 * again (once per transition, not once per heartbeat), pool clears, connection check-out failures, the query
 * log (debug) and slow queries (warn). Command bodies are never logged: they hold customer data.
 */
import type { MongoClient } from "mongodb";
import type { Config } from "../config/env";
import type { Logger } from "../observability/logger";

/** Commands the driver sends for its own bookkeeping; logging them is noise. */
const INTERNAL_COMMANDS = new Set(["hello", "ismaster", "isMaster", "endSessions", "saslStart", "saslContinue", "getMore", "ping"]);
/** Schema changes (migrations): deploy steps whose time says nothing about a query's index or scan. */
const SCHEMA_COMMANDS = new Set(["create", "createIndexes", "drop", "dropIndexes", "collMod", "renameCollection", "dropDatabase"]);

export function watchClient(client: MongoClient, options: { config: Config; logger: Logger }): void {
  const { logger, config } = options;
  const unreachable = new Set<string>();

  client.on("serverHeartbeatFailed", (event) => {
    if (unreachable.has(event.connectionId)) return;
    unreachable.add(event.connectionId);
    logger.warn("database server unreachable", { server: event.connectionId, error: event.failure });
  });
  client.on("serverHeartbeatSucceeded", (event) => {
    if (!unreachable.delete(event.connectionId)) return;
    logger.info("database server reachable again", { server: event.connectionId });
  });
  client.on("serverDescriptionChanged", (event) => {
    logger.debug("database server state", {
      server: event.address,
      from: event.previousDescription.type,
      to: event.newDescription.type,
    });
  });
  client.on("connectionPoolCleared", (event) => {
    logger.warn("database connection pool cleared", { server: event.address });
  });
  client.on("connectionCheckOutFailed", (event) => {
    // A wait-queue timeout means the pool is exhausted (a capacity problem); connection errors are already
    // reported once by the heartbeat transition above.
    if (event.reason === "timeout") logger.warn("database pool exhausted: no connection within waitQueueTimeoutMS", { server: event.address });
    else logger.debug("database connection check-out failed", { server: event.address, reason: event.reason });
  });

  const started = new Map<number, { collection: string | undefined; statements: number }>();
  client.on("commandStarted", (event) => {
    if (INTERNAL_COMMANDS.has(event.commandName)) return;
    const target = event.command[event.commandName];
    started.set(event.requestId, { collection: typeof target === "string" ? target : undefined, statements: statementCount(event.command) });
  });
  const finish = (event: { requestId: number; commandName: string; databaseName: string; duration: number }, failure?: unknown) => {
    if (INTERNAL_COMMANDS.has(event.commandName)) return;
    const { collection, statements } = started.get(event.requestId) ?? { collection: undefined, statements: 1 };
    started.delete(event.requestId);
    const fields = {
      command: event.commandName,
      db: event.databaseName,
      collection,
      durationMs: Math.round(event.duration * 10) / 10,
      ...(statements > 1 ? { statements } : {}),
    };
    // A duplicate key is an answer the caller handles (uniqueness, upsert races, the migration lock), not a fault.
    if (failure !== undefined) (isDuplicateKey(failure) ? logger.debug : logger.warn).call(logger, "query failed", { ...fields, error: failure });
    // A batch (the reference data loaded on a first start: ~500 upserts per command) is slow per statement,
    // not in total: its total time grows with its size and says nothing about an index or a scan.
    else if (event.duration / statements >= config.database.slowQueryMs && !SCHEMA_COMMANDS.has(event.commandName)) logger.warn("slow query", fields);
    else if (config.database.queryLogging) logger.debug("query", fields);
  };
  client.on("commandSucceeded", (event) => finish(event));
  client.on("commandFailed", (event) => finish(event, event.failure));
}

/** Statements in a write batch (insert documents, update/delete statements); 1 for everything else. */
function statementCount(command: Record<string, unknown>): number {
  for (const field of ["documents", "updates", "deletes"]) {
    const batch = command[field];
    if (Array.isArray(batch) && batch.length > 0) return batch.length;
  }
  return 1;
}

function isDuplicateKey(failure: unknown): boolean {
  return typeof failure === "object" && failure !== null && (failure as { code?: unknown }).code === 11000;
}
