/**
 * Per-environment behaviour, as data. Everything that differs between environments lives here so that a
 * reader can compare the four profiles side by side; env.ts only decides which one applies.
 */
export const APP_ENVS = ["development", "test", "staging", "production"] as const;
export type AppEnv = (typeof APP_ENVS)[number];

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const PROFILES = {
  development: {
    // Requests, start-up and warnings; LOG_LEVEL=debug adds the query log and one line per static file.
    logLevel: "info",
    queryLogging: true,
    exposeErrorDetails: true,
    serverTiming: false,
    slowQueryMs: 200,
    errorTracking: false,
    // Migrations (and, on the embedded server, reference data) at start-up; elsewhere a deliberate deploy step.
    prepareDatabaseOnStart: true,
    embeddedDatabaseAllowed: true,
    embeddedStorage: "disk",
    primaryDatabaseName: "vsme-guru-dev",
    externalDatabaseName: "co2-intensities-dev",
    pool: { minPoolSize: 0, maxPoolSize: 10, maxIdleTimeMS: 60_000 },
    timeouts: { serverSelectionTimeoutMS: 5_000, waitQueueTimeoutMS: 5_000, connectTimeoutMS: 5_000, maxTimeMS: 15_000, pingTimeoutMS: 2_000 },
  },
  test: {
    // Warnings only by default so test output stays readable; LOG_LEVEL=debug shows the query log.
    logLevel: "warn",
    queryLogging: true,
    exposeErrorDetails: true,
    serverTiming: false,
    slowQueryMs: 500,
    errorTracking: false,
    prepareDatabaseOnStart: true,
    embeddedDatabaseAllowed: true,
    embeddedStorage: "memory",
    primaryDatabaseName: "vsme-guru-test",
    externalDatabaseName: "co2-intensities-test",
    pool: { minPoolSize: 0, maxPoolSize: 5, maxIdleTimeMS: 10_000 },
    // Short timeouts so tests that take a database away get their 503 quickly.
    timeouts: { serverSelectionTimeoutMS: 2_000, waitQueueTimeoutMS: 2_000, connectTimeoutMS: 2_000, maxTimeMS: 10_000, pingTimeoutMS: 1_000 },
  },
  staging: {
    logLevel: "info",
    queryLogging: false,
    exposeErrorDetails: false,
    serverTiming: true,
    slowQueryMs: 200,
    errorTracking: true,
    prepareDatabaseOnStart: false,
    embeddedDatabaseAllowed: false,
    embeddedStorage: "none",
    primaryDatabaseName: "vsme-guru-staging",
    externalDatabaseName: "co2-intensities-staging",
    pool: { minPoolSize: 2, maxPoolSize: 20, maxIdleTimeMS: 300_000 },
    timeouts: { serverSelectionTimeoutMS: 5_000, waitQueueTimeoutMS: 3_000, connectTimeoutMS: 10_000, maxTimeMS: 5_000, pingTimeoutMS: 2_000 },
  },
  production: {
    logLevel: "info",
    queryLogging: false,
    exposeErrorDetails: false,
    serverTiming: true,
    slowQueryMs: 500,
    errorTracking: true,
    prepareDatabaseOnStart: false,
    embeddedDatabaseAllowed: false,
    embeddedStorage: "none",
    primaryDatabaseName: "vsme-guru",
    externalDatabaseName: "co2-intensities",
    pool: { minPoolSize: 5, maxPoolSize: 50, maxIdleTimeMS: 300_000 },
    timeouts: { serverSelectionTimeoutMS: 5_000, waitQueueTimeoutMS: 3_000, connectTimeoutMS: 10_000, maxTimeMS: 5_000, pingTimeoutMS: 2_000 },
  },
} as const satisfies Record<AppEnv, unknown>;

export type Profile = (typeof PROFILES)[AppEnv];
