/**
 * npm run db:migrate -- [--status] [--allow-production]
 * Applies pending migrations of the primary database (server/migrations) and prints what was applied or
 * skipped. Safe to re-run and to run from several processes at once. --status only lists, writing nothing.
 */
import {
  MIGRATIONS,
  MigrationFailedError,
  migrationStatus,
  runMigrations,
  type MigrationOutcome,
  type MigrationRunReport,
} from "../server/migrations/index";
import { parseFlags } from "./lib/args";
import { EXIT } from "./lib/exit-codes";
import { exitUnlessAllowed, productionWriteGuard } from "./lib/production-guard";
import { describeTarget, errorMessage, finish, loadScriptConfig, openConnections, scriptLogger } from "./lib/runtime";

const USAGE = `usage: npm run db:migrate -- [--status] [--allow-production]
  --status            list applied and pending migrations; change nothing
  --allow-production  required (with APP_ENV=production) to migrate a production database`;

const flags = parseFlags(process.argv.slice(2), ["status", "allow-production"], USAGE);
const config = loadScriptConfig();
const logger = scriptLogger(config, "db:migrate");

if (!flags.status) {
  exitUnlessAllowed(
    productionWriteGuard({
      appEnv: config.appEnv,
      allowProduction: flags["allow-production"],
      targetDatabases: [config.database.primary.name],
      action: "apply migrations",
    }),
  );
}

const connections = openConnections(config, logger);
try {
  const { primary } = await connections.getDatabases();
  const description = connections.description();
  console.log(`primary: ${describeTarget(description.primary, primary.databaseName, description.embedded)}`);
  const report = flags.status
    ? await migrationStatus(primary, MIGRATIONS)
    : await runMigrations(primary, MIGRATIONS, { log: (line) => console.log(line) });
  printReport(report);
  await finish(connections, EXIT.ok);
} catch (error) {
  if (error instanceof MigrationFailedError) {
    for (const outcome of error.completed) console.log(formatOutcome(outcome));
    console.error(`✗ ${error.migrationId}: ${errorMessage(error.cause)}`);
    console.error("Nothing was recorded for the failed migration; fix it and run db:migrate again.");
  } else {
    console.error(`db:migrate failed: ${errorMessage(error)}`);
  }
  await finish(connections, EXIT.failed);
}

function formatOutcome(outcome: MigrationOutcome): string {
  const detail =
    outcome.durationMs !== undefined
      ? ` (${outcome.durationMs} ms)`
      : outcome.appliedAt
        ? ` (applied ${outcome.appliedAt.toISOString()})`
        : "";
  return `${outcome.status.padEnd(9)} ${outcome.id} — ${outcome.description}${detail}`;
}

function printReport(report: MigrationRunReport): void {
  for (const outcome of report.outcomes) console.log(formatOutcome(outcome));
  for (const warning of report.warnings) console.warn(`warning: ${warning}`);
  const count = (status: MigrationOutcome["status"]) => report.outcomes.filter((o) => o.status === status).length;
  const applied = count("applied") + count("reapplied");
  console.log(
    flags.status
      ? `${count("pending")} pending, ${count("skipped")} applied`
      : `${applied} applied, ${count("skipped")} already applied`,
  );
}
