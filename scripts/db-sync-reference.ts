/**
 * `npm run db:sync-reference`: copies NACE codes, sector CO2 intensities and the other application's emissions
 * from the external database into the primary one, so the app can answer (marked stale) when the external
 * database is unreachable. Exit code 0 on success, 1 when the external database could not be read.
 */
import { defaultConnections } from "../server/db/connections";
import { ensureIndexes } from "../server/repositories";
import { syncReferenceSnapshot } from "../server/services/reference";

const connections = defaultConnections();
try {
  const { primary, external } = await connections.getDatabases();
  await ensureIndexes(primary);
  const report = await syncReferenceSnapshot({ external, primary });
  console.log(
    `Reference snapshot synced at ${report.syncedAt.toISOString()}: ${report.naceCodes} NACE codes, ` +
      `${report.co2Intensities} sector factors, emissions of ${report.organizations} organizations ` +
      `(skipped as malformed: ${report.skipped.naceCodes} codes, ${report.skipped.co2Intensities} factors, ` +
      `${report.skipped.companies} companies).`,
  );
} catch (error) {
  console.error(`Reference sync failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await connections.close();
}
