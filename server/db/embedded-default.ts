/**
 * With no PRIMARY_DATABASE_URL in development or test, the app runs on the project's embedded
 * MongoDB-compatible server: on disk under .data/ in development (data survives restarts), in memory in test.
 * Staging and production never get here — configuration refuses to start without real URLs.
 */
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { Config } from "../config/env";
import type { Logger } from "../observability/logger";

export type EmbeddedServer = { uri: string; port: number; stop(): Promise<void> };

export async function startEmbeddedDefault(config: Config, logger: Logger): Promise<EmbeddedServer> {
  const { embedded } = config.database;
  if (!embedded.allowed || embedded.storage === "none") {
    // Unreachable through loadConfig; kept so a hand-built config cannot sneak an embedded server into production.
    throw new Error(`The embedded database is not allowed in ${config.appEnv}; set PRIMARY_DATABASE_URL.`);
  }
  const { startEmbeddedMongo, liveDataDirOwner } = await import("../embedded-mongo/index");
  if (embedded.storage === "memory") {
    const server = await startEmbeddedMongo({ memory: true });
    logger.info("embedded database started", { storage: "memory", uri: server.uri });
    return server;
  }
  const dataDir = resolve(embedded.dataDir);
  await mkdir(dataDir, { recursive: true });
  // `npm run dev` and a db script started beside it share one server: the second connects to the first's
  // (two engines on one directory would each trust in-memory state the other is changing).
  const owner = liveDataDirOwner(dataDir);
  if (owner?.uri) {
    logger.info("embedded database already running: connecting to it", { dataDir, uri: owner.uri, pid: owner.pid });
    const port = Number(new URL(owner.uri).port);
    return { uri: owner.uri, port, stop: async () => {} };
  }
  const server = await startEmbeddedMongo({ dataDir });
  logger.info("embedded database started", { storage: "disk", dataDir, uri: server.uri });
  return server;
}
