/**
 * npm run db:seed-external
 * Development and test only: loads NACE Rev. 2.1 / Rev. 2 codes and the sector CO2 intensities from
 * reference-data/ into the external database (collections naceCodes, co2Intensities), idempotently.
 * Refuses (exit 3) in staging and production whatever the flags: there the external database belongs to
 * another application and its Atlas user is read-only.
 */
import { MongoClient } from "mongodb";
import { clientOptions } from "../server/db/client-options";
import { seedExternalReferenceData, type SeedCounts } from "../server/seed/external-reference";
import { parseFlags } from "./lib/args";
import { EXIT } from "./lib/exit-codes";
import { exitUnlessAllowed, developmentOnlyGuard } from "./lib/production-guard";
import { describeTarget, errorMessage, finish, loadScriptConfig, openConnections, scriptLogger } from "./lib/runtime";

const USAGE = `usage: npm run db:seed-external
  Loads reference-data/ into the external database (APP_ENV=development or test only).`;

parseFlags(process.argv.slice(2), [], USAGE);
const config = loadScriptConfig();
exitUnlessAllowed(
  developmentOnlyGuard({
    appEnv: config.appEnv,
    targetDatabases: [config.database.external.name],
    action: "seed the external database",
  }),
);

const logger = scriptLogger(config, "db:seed-external");
const connections = openConnections(config, logger);
let writer: MongoClient | undefined;
try {
  // Resolve the external URL exactly as the app does (explicit URL, or the embedded default).
  await connections.getDatabases();
  const { external: url, embedded } = connections.description();
  if (!url) throw new Error("the external database URL could not be resolved");
  // The app's external handle is read-only by construction, so seeding cannot go through it. This script
  // deliberately opens its own writable client on the same URL — the one place that writes there, and only
  // in development/test (checked above). In staging/production the Atlas user is read-only anyway.
  writer = new MongoClient(url, clientOptions(config, true));
  const db = writer.db(config.database.external.name);
  console.log(`external: ${describeTarget(url, db.databaseName, embedded && !config.database.external.url)}`);
  const report = await seedExternalReferenceData(db);
  const line = (name: string, counts: SeedCounts) =>
    `${name.padEnd(15)} ${counts.rows} rows: ${counts.inserted} inserted, ${counts.updated} updated, ` +
    `${counts.unchanged} unchanged, ${counts.removed} removed`;
  console.log(line("naceCodes", report.naceCodes));
  console.log(`                (Rev. 2.1: ${report.naceCodes.byRevision["2.1"]}, Rev. 2: ${report.naceCodes.byRevision["2"]})`);
  console.log(line("co2Intensities", report.co2Intensities));
  await writer.close();
  await finish(connections, EXIT.ok);
} catch (error) {
  console.error(`db:seed-external failed: ${errorMessage(error)}`);
  await writer?.close().catch(() => undefined);
  await finish(connections, EXIT.failed);
}
