import type { MongoClientOptions } from "mongodb";
import type { Config } from "../config/env";

/**
 * Driver options for one connection string. Every timeout is bounded: in driver 7 waitQueueTimeoutMS
 * defaults to 0 (wait forever), so a full pool would otherwise hang requests.
 */
export function clientOptions(config: Config, usedByPrimary: boolean): MongoClientOptions {
  const { pool, timeouts, appName } = config.database;
  return {
    appName,
    minPoolSize: pool.minPoolSize,
    maxPoolSize: pool.maxPoolSize,
    maxIdleTimeMS: pool.maxIdleTimeMS,
    serverSelectionTimeoutMS: timeouts.serverSelectionTimeoutMS,
    waitQueueTimeoutMS: timeouts.waitQueueTimeoutMS,
    connectTimeoutMS: timeouts.connectTimeoutMS,
    retryReads: true,
    retryWrites: true,
    // Command events feed the query log (development, test) and the slow-query log (every profile).
    monitorCommands: true,
    ...(usedByPrimary ? { writeConcern: { w: "majority" as const } } : {}),
  };
}
