/**
 * `npm start`: validates the configuration (refusing to start with a readable list of problems), serves the
 * production build, and shuts down gracefully on SIGTERM/SIGINT.
 */
import type { ServerBuild } from "@remix-run/server-runtime";
import { ConfigError, loadConfig, type Config } from "../config/env";
import { closeDatabases, defaultConnections } from "../db/connections";
import { prepareDatabaseOnStart } from "../migrations/prepare-on-start";
import { routeLibraryWarnings } from "../observability/library-warnings";
import { createLogger } from "../observability/logger";
import { addressInUseMessage, isAddressInUse } from "./address-in-use";
import { createAppServer } from "./app-server";
import { buildProblem } from "./build-check";
import { buildPaths } from "./build-paths";
import { deploymentChecks } from "./start-up-checks";

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

if (!process.env.APP_ENV?.trim()) {
  // The first line: which profile runs, and why (a deployment must say APP_ENV=production or staging).
  console.log(`APP_ENV is not set: using the ${config.appEnv} profile (embedded database, local sign-in); set APP_ENV=production for a deployment.`);
}
const logger = createLogger({ level: config.logLevel, base: { app: "vsme-guru", env: config.appEnv } });
routeLibraryWarnings(logger);
const paths = buildPaths();
const buildPath = paths.serverBuild;
if (!(await Bun.file(buildPath).exists())) {
  logger.error("no server build found; run `npm run build` first", { buildPath });
  process.exit(1);
}
// React, loaded with the build, picks its renderer from NODE_ENV: unset, it would render in development mode
// (several times slower). `npm run dev` sets "development" itself.
process.env.NODE_ENV ??= "production";
const build = (await import(buildPath)) as ServerBuild;
// `npm run dev` serves the development build its watcher keeps fresh; only `npm start` must refuse one.
const servedByDevWatcher = process.argv.includes("--dev-watcher");
const unusable = servedByDevWatcher ? undefined : buildProblem(build, paths);
if (unusable) {
  console.error(`npm start: ${unusable}`);
  process.exit(1);
}
const connections = defaultConnections({ config, logger });
// Staging/production: development and test migrate on start instead (prepareDatabaseOnStart below).
const checkDeployment = !config.profile.prepareDatabaseOnStart;
if (checkDeployment && config.database.requireMigrated) {
  const refusal = await deploymentChecks(config, connections, logger);
  if (refusal) {
    console.error(`npm start: ${refusal}`);
    await closeDatabases();
    process.exit(1);
  }
}
const hostname = config.http.host;
let app: Awaited<ReturnType<typeof createAppServer>>;
try {
  app = await createAppServer({ config, build, logger, connections, hostname, assetsDir: paths.assetsDir });
} catch (error) {
  if (!isAddressInUse(error)) throw error;
  console.error(addressInUseMessage("npm start", hostname, config.port));
  process.exit(1);
}
logger.info("server listening", { url: app.url, bind: `${hostname}:${app.port}` });

// Report database readiness once at start-up; an unreachable database is logged, not fatal.
void connections.ping().then((readiness) => {
  const fields = { status: readiness.status, databases: readiness.databases, targets: connections.description() };
  if (readiness.status === "ok") logger.info("databases ready", fields);
  else logger.warn("databases not ready", fields);
});

// Without REQUIRE_MIGRATED the checks only warn, so they must not hold up the start.
if (checkDeployment && !config.database.requireMigrated) void deploymentChecks(config, connections, logger);

void prepareDatabaseOnStart(config, connections, logger).catch((error: unknown) => {
  logger.warn("database preparation at start-up failed; run `npm run db:migrate`", { error });
});

let shuttingDown = false;
const shutdown = async (signal: string) => {
  if (shuttingDown) {
    logger.warn("second signal: exiting now", { signal });
    process.exit(1);
  }
  shuttingDown = true;
  logger.info("shutting down", { signal });
  try {
    await app.stop();
    await closeDatabases();
    logger.info("shutdown complete");
    process.exit(0);
  } catch (error) {
    logger.error("shutdown failed", { error });
    process.exit(1);
  }
};
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
