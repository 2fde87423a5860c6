/**
 * Copies the external reference data into the primary database (`npm run db:sync-reference`), so the app
 * keeps answering — marked stale — while the external database is unreachable. A source that looks wrong (no
 * NACE codes or factors: an empty or misspelled database; or less than half of what the snapshot holds) is
 * refused unless `force`: the snapshot is the app's only fallback, and a typo must not wipe it.
 */
import type { Db } from "mongodb";
import { DataScope, organizationIdSchema } from "../../repositories/core/scope";
import { parseExternalCompany, EXTERNAL_COLLECTIONS } from "./external-shapes";
import { readCo2Intensities, readNaceCodes, type ExternalReader } from "./reference-data-service";
import { externalEmissionsSnapshotsCollection, referenceSnapshotsCollection, REFERENCE_DATASETS } from "../../repositories/reference-snapshots";
import { snapshotCounts, type DatasetCounts } from "./reference-counts";

export interface SyncReport {
  naceCodes: number;
  co2Intensities: number;
  organizations: number;
  /** Documents of the external database that did not match the expected shape and were left out. */
  skipped: { naceCodes: number; co2Intensities: number; companies: number };
  syncedAt: Date;
}

/** The sync did not replace anything because its source looks wrong; `force` overrides. */
export class ReferenceSyncRefusedError extends Error {
  override readonly name = "ReferenceSyncRefusedError";
}

const syncActor = { userId: "system:db-sync-reference" };
const DATASET_LABEL = { naceCodes: "NACE codes", co2Intensities: "NACE sector CO2 factors" } as const;

/** Why a sync from `next` over `previous` would do harm, or undefined when it looks sound. */
export function syncRefusal(previous: DatasetCounts, next: DatasetCounts, externalName: string): string | undefined {
  const empty = REFERENCE_DATASETS.filter((dataset) => next[dataset] === 0);
  if (empty.length > 0) {
    return `the external database "${externalName}" has no ${empty.map((dataset) => DATASET_LABEL[dataset]).join(" and no ")} (empty or misspelled EXTERNAL_DATABASE_NAME?)`;
  }
  const shrinking = REFERENCE_DATASETS.filter((dataset) => next[dataset] < previous[dataset] / 2);
  if (shrinking.length > 0) {
    const changes = shrinking.map((dataset) => `${DATASET_LABEL[dataset]} ${previous[dataset]} → ${next[dataset]}`).join(", ");
    return `the sync would shrink the snapshot by more than half (${changes})`;
  }
  return undefined;
}

export async function syncReferenceSnapshot(options: {
  external: ExternalReader & { readonly databaseName?: string };
  primary: Db;
  /** Replace the snapshot even when the source is empty or much smaller. */
  force?: boolean;
}): Promise<SyncReport> {
  const syncedAt = new Date();
  // Read everything first: an unreachable external database fails the sync before anything is replaced.
  const [nace, factors, companyDocuments] = await Promise.all([
    readNaceCodes(options.external),
    readCo2Intensities(options.external),
    options.external.collection(EXTERNAL_COLLECTIONS.companies).find({}, { projection: { _id: 0 } }).toArray(),
  ]);

  if (!options.force) {
    const refusal = syncRefusal(
      await snapshotCounts(options.primary),
      { naceCodes: nace.rows.length, co2Intensities: factors.rows.length },
      options.external.databaseName ?? "external",
    );
    if (refusal) throw new ReferenceSyncRefusedError(refusal);
  }

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
