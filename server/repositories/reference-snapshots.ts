/**
 * Copies of the external reference data kept in the primary database, written by `syncReferenceSnapshot()`
 * and read when the external database cannot be reached. Global datasets (NACE codes, sector factors) are one
 * document per dataset; emissions computed by the other application are one document per organization, in a
 * tenant-scoped collection like any other organization data.
 */
import type { Db } from "mongodb";
import { z } from "zod";
import { strictObject } from "../../schemas/common";
import { defineCollection } from "./core/define-collection";
import { translateDriverError } from "./core/driver-errors";

export const REFERENCE_DATASETS = ["naceCodes", "co2Intensities"] as const;
export type ReferenceDataset = (typeof REFERENCE_DATASETS)[number];

const referenceSnapshotFields = {
  dataset: z.enum(REFERENCE_DATASETS),
  /** Rows as parsed from the external database (already validated there). */
  rows: z.array(z.record(z.string(), z.unknown())).max(100_000),
  syncedAt: z.date(),
  skippedRows: z.number().int().min(0),
};

export const referenceSnapshotsCollection = defineCollection({
  name: "referenceSnapshots",
  entity: "Reference snapshot",
  schema: strictObject(referenceSnapshotFields),
  tenantScoped: false,
  filterable: ["dataset"],
  indexes: [{ name: "dataset_unique", key: { dataset: 1 }, unique: true }],
});

export interface SnapshotSize {
  dataset: ReferenceDataset;
  rows: number;
  syncedAt: Date;
}

/** How many rows each stored dataset holds, without reading the rows (db:health and start-up checks). */
export async function referenceSnapshotSizes(db: Db, options: { maxTimeMS?: number } = {}): Promise<SnapshotSize[]> {
  const documents = await db
    .collection(referenceSnapshotsCollection.name)
    .aggregate([{ $project: { _id: 0, dataset: 1, syncedAt: 1, rows: { $size: "$rows" } } }], { maxTimeMS: options.maxTimeMS ?? 5_000 })
    .toArray()
    .catch((error: unknown) => {
      throw translateDriverError(error, referenceSnapshotsCollection.entity, referenceSnapshotsCollection.indexes);
    });
  return documents
    .filter((document) => (REFERENCE_DATASETS as readonly unknown[]).includes(document.dataset))
    .map((document) => ({ dataset: document.dataset as ReferenceDataset, rows: Number(document.rows), syncedAt: document.syncedAt as Date }));
}

const yearEmissionsSchema = strictObject({
  year: z.number().int(),
  scope1: z.number().min(0).optional(),
  scope2LocationBased: z.number().min(0).optional(),
  scope2MarketBased: z.number().min(0).optional(),
  scope3: z.number().min(0).optional(),
  unit: z.literal("tCO2e"),
  method: z.string().optional(),
  calculatedAt: z.date().optional(),
});

const emissionsSnapshotFields = {
  companyName: z.string().optional(),
  source: z.string().optional(),
  years: z.array(yearEmissionsSchema).max(200),
  skippedEntries: z.number().int().min(0),
  syncedAt: z.date(),
};

export const externalEmissionsSnapshotsCollection = defineCollection({
  name: "externalEmissionsSnapshots",
  entity: "External emissions snapshot",
  schema: strictObject(emissionsSnapshotFields),
  tenantScoped: true,
  indexes: [{ name: "organizationId_unique", key: { organizationId: 1 }, unique: true }],
});
