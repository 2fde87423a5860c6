/**
 * npm run db:sync-reference -- [--allow-production]
 * Copies NACE codes, sector CO2 intensities and the emissions other applications computed per organization
 * from the external database into the primary one, so the app can answer (marked stale) while the external
 * database is unreachable. Meant to run on a schedule in production, where it writes the primary database and
 * so needs APP_ENV=production and --allow-production like every writing script. Exit 0 on success, 1 when
 * the external database could not be read.
 */
import { syncReferenceSnapshot } from "../server/services/reference/index";
import { EXIT } from "./lib/exit-codes";
import { describeTarget, errorMessage, finish, startPrimaryWriter, warnIfMigrationsPending } from "./lib/runtime";

const { connections } = startPrimaryWriter("db:sync-reference", "write the reference snapshot");
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
