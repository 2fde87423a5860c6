/**
 * Reference data as the API shows it: NACE codes, the sector CO2 intensity found by the factor walk, and the
 * emissions another application computed for the organization — each with where it came from and whether it
 * is a snapshot. Isomorphic (the server's reference service produces these shapes).
 */
import { z } from "zod";
import { strictObject } from "./common";
import { NACE_LEVELS, NACE_REVISIONS } from "./nace-types";

/** Where in the factor walk a CO2 intensity was found; "aggregate" = an A*64 range of divisions (C10-C12). */
export const FACTOR_MATCH_LEVELS = ["class", "group", "division", "aggregate", "section", "total"] as const;
export type FactorMatchLevel = (typeof FACTOR_MATCH_LEVELS)[number];

export const NaceRevisionSchema = z
  .enum(NACE_REVISIONS)
  .meta({ id: "NaceRevision", description: "NACE revision: 2.1 (current, used by VSME) or 2." });

export const NaceCodeEntrySchema = strictObject({
  code: z.string(),
  revision: NaceRevisionSchema,
  level: z.enum(NACE_LEVELS),
  /** Code of the parent row; null for sections. */
  parent: z.string().nullable(),
  title: z.string(),
}).meta({ id: "NaceCodeEntry", description: "A NACE code from the reference data." });

export const SectorFactorMatchSchema = strictObject({
  value: z.number().min(0),
  /** The factor's own unit, verbatim from the source. */
  unit: z.string(),
  matchedLevel: z.enum(FACTOR_MATCH_LEVELS),
  /** The factor's own key, e.g. "C10-C12". */
  matchedCode: z.string(),
  title: z.string().optional(),
  geography: z.string(),
  year: z.number().int(),
  source: z.string(),
  /** The NACE code and revision the walk started from. */
  requested: strictObject({ code: z.string(), revision: NaceRevisionSchema }),
}).meta({
  id: "SectorFactorMatch",
  description: "The sector CO2 intensity for a NACE code: class → group → division → A*64 range → section → total economy.",
});

const tonnes = z.number().min(0);

export const ExternalEmissionsPrefillSchema = strictObject({
  year: z.number().int(),
  scope1: tonnes.optional(),
  scope2LocationBased: tonnes.optional(),
  scope2MarketBased: tonnes.optional(),
  scope3: tonnes.optional(),
  unit: z.literal("tCO2e"),
  provenance: strictObject({
    /** Where the figures come from, shown beside the pre-filled fields. */
    source: z.string(),
    companyName: z.string().optional(),
    method: z.string().optional(),
    calculatedAt: z.date().optional(),
  }),
}).meta({
  id: "ExternalEmissionsPrefill",
  description: "GHG emissions the organization's carbon-accounting application computed for one year, to pre-fill B3.",
});

/** Every reference answer says where it came from. */
export function referenceAnswer<Value extends z.ZodType>(value: Value, meta: { id: string; description: string }) {
  return strictObject({
    value,
    /** True when the external database was unreachable and the answer comes from the last snapshot. */
    stale: z.boolean(),
    source: z.enum(["external", "snapshot"]),
    /** When the data was read from the external database (for a snapshot: when it was synced). */
    asOf: z.date(),
  }).meta(meta);
}
