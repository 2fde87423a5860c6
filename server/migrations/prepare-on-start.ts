/**
 * `npm run dev` on a fresh clone should give a usable app without running the db:* scripts by hand: pending
 * migrations are applied (so the unique indexes behind "one company per organization" exist), and on the
 * embedded server an empty external database gets the reference data shipped in reference-data/. Only in
 * profiles that ask for it (development, test): in staging and production migrations are a deliberate deploy
 * step and the external database belongs to another application.
 */
import { MongoClient } from "mongodb";
import type { Config } from "../config/env";
import type { Logger } from "../observability/logger";
import { EXTERNAL_COLLECTIONS } from "../reference-data/external-collections";
import type { DatabaseConnections } from "../db/connections";
import { MIGRATIONS, runMigrations } from "./index";
import { seedExternalReferenceData } from "../seed/external-reference";

export async function prepareDatabaseOnStart(config: Config, connections: DatabaseConnections, logger: Logger): Promise<void> {
  if (!config.profile.prepareDatabaseOnStart) return;
  const { primary } = await connections.getDatabases();
  const report = await runMigrations(primary, MIGRATIONS);
  const applied = report.outcomes.filter((outcome) => outcome.status !== "skipped").map((outcome) => outcome.id);
  logger.info("migrations checked at start-up", { applied });

  const { embedded, primary: uri } = connections.description();
  if (!embedded || !uri) return;
  // The app's external handle is read-only by construction; on the embedded server a client of its own is
  // the one deliberate writable path to the external database name. Its own, unmonitored: loading a few
  // thousand rows is a bulk job, and its batches in the app's query log read as "slow query" warnings.
  const seeder = new MongoClient(uri, { appName: `${config.database.appName}-seed`, serverSelectionTimeoutMS: 5_000 });
  try {
    const external = seeder.db(config.database.external.name);
    if ((await external.collection(EXTERNAL_COLLECTIONS.naceCodes).estimatedDocumentCount()) > 0) return;
    const seeded = await seedExternalReferenceData(external);
    logger.info("reference data loaded into the embedded external database", {
      database: external.databaseName,
      naceCodes: seeded.naceCodes.rows,
      co2Intensities: seeded.co2Intensities.rows,
    });
  } finally {
    await seeder.close();
  }
}
