/**
 * Copies of the external reference data kept in the primary database, written by `syncReferenceSnapshot()`
 * and read when the external database cannot be reached. Global datasets (NACE codes, sector factors) are one
 * document per dataset; emissions computed by the other application are one document per organization, in a
 * tenant-scoped collection like any other organization data.
 */
import { z } from "zod";
import { strictObject } from "../../schemas/common";
import { defineCollection } from "./core/define-collection";

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
