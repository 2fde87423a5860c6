/**
 * npm run db:sync-reference -- [--allow-production]
 * Copies NACE codes, sector CO2 intensities and the emissions other applications computed per organization
 * from the external database into the primary one, so the app can answer (marked stale) while the external
 * database is unreachable. Meant to run on a schedule in production, where it writes the primary database and
 * so needs APP_ENV=production and --allow-production like every writing script. Exit 0 on success, 1 when
 * the external database could not be read.
 */
import { syncReferenceSnapshot } from "../server/services/reference/index";
import { parseFlags } from "./lib/args";
import { EXIT } from "./lib/exit-codes";
import { exitUnlessAllowed, productionWriteGuard } from "./lib/production-guard";
import { describeTarget, errorMessage, finish, loadScriptConfig, openConnections, scriptLogger, warnIfMigrationsPending } from "./lib/runtime";

const USAGE = `usage: npm run db:sync-reference -- [--allow-production]
  --allow-production  required (with APP_ENV=production) to write the snapshot to a production database`;

const flags = parseFlags(process.argv.slice(2), ["allow-production"], USAGE);
const config = loadScriptConfig();
exitUnlessAllowed(
  productionWriteGuard({
    appEnv: config.appEnv,
    allowProduction: flags["allow-production"],
    targetDatabases: [config.database.primary.name],
    action: "write the reference snapshot",
  }),
);

const logger = scriptLogger(config, "db:sync-reference");
const connections = openConnections(config, logger);
try {
  const { primary, external } = await connections.getDatabases();
  const description = connections.description();
  console.log(`primary: ${describeTarget(description.primary, primary.databaseName, description.embedded)}`);
  console.log(`external: ${describeTarget(description.external, external.databaseName, description.embedded)}`);
  await warnIfMigrationsPending(primary);

  const report = await syncReferenceSnapshot({ external, primary });
  console.log(
    `Reference snapshot synced at ${report.syncedAt.toISOString()}: ${report.naceCodes} NACE codes, ` +
      `${report.co2Intensities} sector factors, emissions of ${report.organizations} organizations ` +
      `(skipped as malformed: ${report.skipped.naceCodes} codes, ${report.skipped.co2Intensities} factors, ` +
      `${report.skipped.companies} companies).`,
  );
  await finish(connections, EXIT.ok);
} catch (error) {
  console.error(`Reference sync failed: ${errorMessage(error)}`);
  await finish(connections, EXIT.failed);
}
