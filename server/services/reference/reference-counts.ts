/**
 * How much reference data there is on each side: the external database (what the next sync would copy) and
 * the snapshot in the primary database (what the app falls back to). `db:health`, `db:sync-reference` and the
 * staging/production start-up read these, so an empty or misspelled external database is noticed before it
 * costs the snapshot.
 */
import type { Db } from "mongodb";
import { referenceSnapshotSizes, type ReferenceDataset } from "../../repositories/reference-snapshots";
import { EXTERNAL_COLLECTIONS, naceAggregateSystem } from "./external-shapes";

/** What counting needs from the external handle (server/db's ReadOnlyDb fits). */
export interface ExternalCounter {
  readonly databaseName: string;
  listCollections(): Promise<{ name: string }[]>;
  collection(name: string): { countDocuments(filter?: Record<string, unknown>): Promise<number> };
}

export type DatasetCounts = Record<ReferenceDataset, number>;

export interface ExternalReferenceCounts extends DatasetCounts {
  /** A MongoDB database without collections does not exist: usually a misspelled EXTERNAL_DATABASE_NAME. */
  exists: boolean;
}

export interface SnapshotCounts extends DatasetCounts {
  /** When the oldest dataset was last synced; null when there is no snapshot at all. */
  syncedAt: Date | null;
}

export async function externalReferenceCounts(external: ExternalCounter): Promise<ExternalReferenceCounts> {
  const [collections, naceCodes, co2Intensities] = await Promise.all([
    external.listCollections(),
    external.collection(EXTERNAL_COLLECTIONS.naceCodes).countDocuments({}),
    // Only the NACE-keyed factors: the ones a sync copies and the app uses.
    external.collection(EXTERNAL_COLLECTIONS.co2Intensities).countDocuments({ codeSystem: naceAggregateSystem }),
  ]);
  return { exists: collections.length > 0, naceCodes, co2Intensities };
}

export async function snapshotCounts(primary: Db): Promise<SnapshotCounts> {
  const sizes = await referenceSnapshotSizes(primary);
  const rows = (dataset: ReferenceDataset) => sizes.find((size) => size.dataset === dataset)?.rows ?? 0;
  const synced = sizes.map((size) => size.syncedAt).filter((date): date is Date => date instanceof Date);
  return {
    naceCodes: rows("naceCodes"),
    co2Intensities: rows("co2Intensities"),
    syncedAt: synced.length === 0 ? null : new Date(Math.min(...synced.map((date) => date.getTime()))),
  };
}

/** One line for an operator when the external database could not feed a sync, or undefined when it could. */
export function externalReferenceProblem(counts: ExternalReferenceCounts, databaseName: string): string | undefined {
  if (!counts.exists) return `the external database "${databaseName}" does not exist (no collections; check EXTERNAL_DATABASE_NAME)`;
  const empty = [counts.naceCodes === 0 && "NACE codes", counts.co2Intensities === 0 && "NACE sector CO2 factors"].filter(Boolean);
  if (empty.length > 0) return `the external database "${databaseName}" has no ${empty.join(" and no ")}`;
  return undefined;
}
