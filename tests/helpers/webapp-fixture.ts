/**
 * Databases as the running app finds them after its start-up preparation: migrations applied (unique
 * indexes) and the external reference data loaded, plus another application's emissions for an organization
 * (what a new report can be pre-filled from).
 */
import { MongoClient } from "mongodb";
import { MIGRATIONS, runMigrations } from "../../server/migrations/index";
import { seedExternalReference } from "../services/external-fixture";

export async function prepareWebappDatabases(
  url: string,
  names: { primary: string; external: string },
  external: { organizationId: string; emissions: Record<string, unknown>[] },
): Promise<void> {
  const client = new MongoClient(url);
  try {
    await runMigrations(client.db(names.primary), MIGRATIONS);
    const db = client.db(names.external);
    await seedExternalReference(db);
    await db.collection("companies").insertOne({ organizationId: external.organizationId, name: "Muster", source: "CarbonApp", emissions: external.emissions });
  } finally {
    await client.close();
  }
}
