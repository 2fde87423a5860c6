/**
 * What every database script needs: the validated configuration (a readable exit on failure), a logger that
 * keeps stdout for the script's own output, and the app's connections module — so scripts reach exactly the
 * databases the app would, embedded default included.
 */
import { ConfigError, loadConfig, type Config, type LogLevel } from "../../server/config/env";
import type { Db } from "mongodb";
import { createDatabaseConnections, type DatabaseConnections } from "../../server/db/connections";
import { MIGRATIONS, migrationStatus } from "../../server/migrations/index";
import { createLogger, redactString, type Logger } from "../../server/observability/logger";
import { parseFlags } from "./args";
import { EXIT, type ExitCode } from "./exit-codes";
import { exitUnlessAllowed, productionWriteGuard } from "./production-guard";

export function loadScriptConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(EXIT.config);
    }
    throw error;
  }
}

/**
 * Structured logs go to stderr, and only warnings unless LOG_LEVEL asks for more: the development profile's
 * debug query log would bury the script's table.
 */
export function scriptLogger(config: Config, script: string, defaultLevel: LogLevel = "warn"): Logger {
  const level = process.env.LOG_LEVEL?.trim() ? config.logLevel : defaultLevel;
  return createLogger({
    level,
    base: { app: "vsme-guru", env: config.appEnv, script },
    sink: (_record, line) => process.stderr.write(line + "\n"),
  });
}

export function openConnections(config: Config, logger: Logger): DatabaseConnections {
  return createDatabaseConnections({ config, logger });
}

/** Where a role points, fit to print: credentials masked, plus the database name. */
export function describeTarget(url: string | undefined, databaseName: string, embedded: boolean): string {
  const where = url ? redactString(url) : "(not resolved)";
  return `${where} db=${databaseName}${embedded ? " (embedded)" : ""}`;
}

export function errorMessage(error: unknown): string {
  return redactString(error instanceof Error ? error.message : String(error));
}

/** Closes what the script opened, then exits with `code` (pending driver timers must not keep it alive). */
export async function finish(connections: DatabaseConnections | undefined, code: ExitCode): Promise<never> {
  await connections?.close().catch(() => undefined);
  process.exit(code);
}

/** Scripts that write through the repositories rely on the indexes migrations create: say so when they are missing. */
export async function warnIfMigrationsPending(primary: Db): Promise<void> {
  const pending = (await migrationStatus(primary, MIGRATIONS)).outcomes.filter((outcome) => outcome.status === "pending");
  if (pending.length > 0) console.warn(`warning: ${pending.length} migration(s) pending — run npm run db:migrate for the indexes`);
}

/**
 * The start of a script that writes the primary database (flags: --allow-production plus its own): the
 * validated configuration, the production guard (exits when refused), a quiet logger and the app's connections.
 */
export function startPrimaryWriter<const F extends string = never>(script: string, action: string, extraFlags: Partial<Record<F, string>> = {}) {
  const extra = Object.entries(extraFlags) as [F, string][];
  const usage = [
    `usage: npm run ${script} -- [--allow-production]${extra.map(([flag]) => ` [--${flag}]`).join("")}`,
    `  --allow-production  required (with APP_ENV=production) to ${action} on a production database`,
    ...extra.map(([flag, help]) => `  --${flag.padEnd(16)}  ${help}`),
  ].join("\n");
  const flags = parseFlags<"allow-production" | F>(process.argv.slice(2), ["allow-production", ...extra.map(([flag]) => flag)], usage);
  const config = loadScriptConfig();
  exitUnlessAllowed(
    productionWriteGuard({
      appEnv: config.appEnv,
      allowProduction: flags["allow-production"],
      targetDatabases: [config.database.primary.name],
      action,
    }),
  );
  const logger = scriptLogger(config, script);
  return { config, flags, logger, connections: openConnections(config, logger) };
}
