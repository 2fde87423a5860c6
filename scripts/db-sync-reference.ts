/**
 * npm run db:sync-reference -- [--allow-production] [--force]
 * Copies NACE codes, sector CO2 intensities and the emissions other applications computed per organization
 * from the external database into the primary one, so the app can answer (marked stale) while the external
 * database is unreachable. Meant to run on a schedule in production, where it writes the primary database and
 * so needs APP_ENV=production and --allow-production like every writing script. Exit 0 on success, 1 when
 * the external database could not be read, 3 when refused: the source has no NACE codes or factors, or would
 * shrink the snapshot by more than half (a misspelled database name must not wipe the app's fallback) —
 * `--force` syncs anyway.
 */
import { ReferenceSyncRefusedError, syncReferenceSnapshot } from "../server/services/reference/index";
import { EXIT } from "./lib/exit-codes";
import { describeTarget, errorMessage, finish, startPrimaryWriter, warnIfMigrationsPending } from "./lib/runtime";

const { connections, flags } = startPrimaryWriter("db:sync-reference", "write the reference snapshot", {
  force: "replace the snapshot even when the source is empty or less than half its size",
});
try {
  const { primary, external } = await connections.getDatabases();
  const description = connections.description();
  console.log(`primary: ${describeTarget(description.primary, primary.databaseName, description.embedded)}`);
  console.log(`external: ${describeTarget(description.external, external.databaseName, description.embedded)}`);
  await warnIfMigrationsPending(primary);

  const report = await syncReferenceSnapshot({ external, primary, force: flags.force });
  console.log(
    `Reference snapshot synced at ${report.syncedAt.toISOString()}: ${report.naceCodes} NACE codes, ` +
      `${report.co2Intensities} sector factors, emissions of ${report.organizations} organizations ` +
      `(skipped as malformed: ${report.skipped.naceCodes} codes, ${report.skipped.co2Intensities} factors, ` +
      `${report.skipped.companies} companies).`,
  );
  await finish(connections, EXIT.ok);
} catch (error) {
  if (error instanceof ReferenceSyncRefusedError) {
    console.error(`Reference sync refused, snapshot kept: ${error.message}; --force to sync anyway.`);
    await finish(connections, EXIT.refused);
  }
  console.error(`Reference sync failed: ${errorMessage(error)}`);
  await finish(connections, EXIT.failed);
}
