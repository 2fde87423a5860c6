/**
 * Copies the external reference data into the primary database (`npm run db:sync-reference`), so the app
 * keeps answering — marked stale — while the external database is unreachable.
 */
import type { Db } from "mongodb";
import { DataScope, organizationIdSchema } from "../../repositories/core/scope";
import { parseExternalCompany, EXTERNAL_COLLECTIONS } from "./external-shapes";
import { readCo2Intensities, readNaceCodes, type ExternalReader } from "./reference-data-service";
import { externalEmissionsSnapshotsCollection, referenceSnapshotsCollection } from "../../repositories/reference-snapshots";

export interface SyncReport {
  naceCodes: number;
  co2Intensities: number;
  organizations: number;
  /** Documents of the external database that did not match the expected shape and were left out. */
  skipped: { naceCodes: number; co2Intensities: number; companies: number };
  syncedAt: Date;
}

const syncActor = { userId: "system:db-sync-reference" };

export async function syncReferenceSnapshot(options: { external: ExternalReader; primary: Db }): Promise<SyncReport> {
  const syncedAt = new Date();
  // Read everything first: an unreachable external database fails the sync before anything is replaced.
  const [nace, factors, companyDocuments] = await Promise.all([
    readNaceCodes(options.external),
    readCo2Intensities(options.external),
    options.external.collection(EXTERNAL_COLLECTIONS.companies).find({}, { projection: { _id: 0 } }).toArray(),
  ]);

  const snapshots = DataScope.global(options.primary, syncActor).repository(referenceSnapshotsCollection);
  await snapshots.upsert({ dataset: "naceCodes" }, { dataset: "naceCodes", rows: nace.rows, syncedAt, skippedRows: nace.skipped });
  await snapshots.upsert(
    { dataset: "co2Intensities" },
    { dataset: "co2Intensities", rows: factors.rows, syncedAt, skippedRows: factors.skipped },
  );

  let organizations = 0;
  let skippedCompanies = 0;
  for (const document of companyDocuments) {
    const company = parseExternalCompany(document);
    if (!company || !organizationIdSchema.safeParse(company.organizationId).success) {
      skippedCompanies++;
      continue;
    }
    const scope = DataScope.forOrganization(options.primary, company.organizationId, syncActor);
    await scope.repository(externalEmissionsSnapshotsCollection).upsert(
      {},
      {
        years: company.years,
        skippedEntries: company.skippedEntries,
        syncedAt,
        ...(company.companyName === undefined ? {} : { companyName: company.companyName }),
        ...(company.source === undefined ? {} : { source: company.source }),
      },
    );
    organizations++;
  }

  return {
    naceCodes: nace.rows.length,
    co2Intensities: factors.rows.length,
    organizations,
    skipped: { naceCodes: nace.skipped, co2Intensities: factors.skipped, companies: skippedCompanies },
    syncedAt,
  };
}
