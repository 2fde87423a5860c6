/**
 * What this app expects to find in the external (shared, read-only) database. Another application owns it, so
 * every document is parsed on the way in and malformed ones are skipped (and counted), never trusted.
 *
 * Collections:
 * - `naceCodes`: { code, revision: "2" | "2.1", level, parent: string | null, title }
 * - `co2Intensities`: one sector factor per row, as in reference-data/co2-intensity-by-sector.csv
 *   ({ sectorCode, codeSystem, title, value, unit, geography, dataYear, source, … })
 * - `companies`: per Clerk organization, GHG emissions another application computed, by year:
 *   { organizationId, name?, emissions: [{ year, scope1?, scope2LocationBased?, scope2MarketBased?, scope3?,
 *     unit?, method?, calculatedAt? }] } — `emissionsByYear: { "2024": {…} }` is accepted too.
 */
import { z } from "zod";
import { CO2_CODE_SYSTEMS, type Co2CodeSystem } from "../../reference-data/co2-intensity";
import { NACE_LEVELS, NACE_REVISIONS } from "../../../schemas/nace-types";

export { EXTERNAL_COLLECTIONS } from "../../reference-data/external-collections";

export const ExternalNaceCodeSchema = z.object({
  code: z.string().min(1).max(10),
  revision: z.enum(NACE_REVISIONS),
  level: z.enum(NACE_LEVELS),
  parent: z.string().max(10).nullable().optional().transform((parent) => parent ?? null),
  title: z.string().min(1).max(500),
});
export type ExternalNaceCode = z.output<typeof ExternalNaceCodeSchema>;

/** The two measures in the factor table; only the NACE-keyed Eurostat one describes a sector's own emissions. */
const NACE_AGGREGATE_SYSTEM: Co2CodeSystem = "naceRev2Aggregate";
/** Each code system is accepted by its key or by its full label (as in the source file). */
const codeSystemAliases = new Map<string, string>(
  Object.entries(CO2_CODE_SYSTEMS).flatMap(([key, label]) => [
    [key, key],
    [label, key],
  ]),
);

export const ExternalCo2IntensitySchema = z.object({
  sectorCode: z.string().min(1).max(20),
  codeSystem: z.string().transform((system, ctx) => {
    const known = codeSystemAliases.get(system);
    if (!known) ctx.addIssue({ code: "custom", message: `unknown code system ${system}`, input: system });
    return known ?? system;
  }),
  title: z.string().max(500).optional(),
  value: z.number().finite().min(0),
  unit: z.string().min(1).max(300),
  geography: z.string().min(1).max(50),
  dataYear: z.number().int().min(1990).max(2100),
  source: z.string().min(1).max(1000),
});
export type ExternalCo2Intensity = z.output<typeof ExternalCo2IntensitySchema>;
export const naceAggregateSystem = NACE_AGGREGATE_SYSTEM;

const tonnes = z.number().finite().min(0);

const YearEmissionsFields = {
  scope1: tonnes.optional(),
  scope2LocationBased: tonnes.optional(),
  scope2MarketBased: tonnes.optional(),
  scope3: tonnes.optional(),
  unit: z.string().max(50).optional(),
  method: z.string().max(500).optional(),
  calculatedAt: z.coerce.date().optional(),
};

const YearEmissionsSchema = z.object({ year: z.number().int().min(1990).max(2100), ...YearEmissionsFields });

export const ExternalCompanySchema = z
  .object({
    organizationId: z.string().min(1).max(128),
    name: z.string().max(500).optional(),
    emissions: z.array(z.unknown()).max(200).optional(),
    emissionsByYear: z.record(z.string().regex(/^\d{4}$/), z.unknown()).optional(),
    source: z.string().max(500).optional(),
  });

export interface ExternalYearEmissions {
  year: number;
  scope1?: number;
  scope2LocationBased?: number;
  scope2MarketBased?: number;
  scope3?: number;
  /** Always tonnes CO2e: other units are skipped rather than converted silently. */
  unit: "tCO2e";
  method?: string;
  calculatedAt?: Date;
}

export interface ExternalCompanyEmissions {
  organizationId: string;
  companyName?: string;
  source?: string;
  years: ExternalYearEmissions[];
  /** Year entries that did not match the expected shape and were ignored. */
  skippedEntries: number;
}

const acceptedUnits = new Set([undefined, "tCO2e", "t CO2e", "tonnes CO2e", "tCO2eq"]);

/** Parses one external `companies` document; null when it is unusable as a whole. */
export function parseExternalCompany(document: unknown): ExternalCompanyEmissions | null {
  const parsed = ExternalCompanySchema.safeParse(document);
  if (!parsed.success) return null;
  const entries: unknown[] = [
    ...(parsed.data.emissions ?? []),
    ...Object.entries(parsed.data.emissionsByYear ?? {}).map(([year, value]) =>
      typeof value === "object" && value !== null ? { year: Number(year), ...value } : value,
    ),
  ];
  const years: ExternalYearEmissions[] = [];
  let skippedEntries = 0;
  for (const entry of entries) {
    const year = YearEmissionsSchema.safeParse(entry);
    if (!year.success || !acceptedUnits.has(year.data.unit)) {
      skippedEntries++;
      continue;
    }
    const { unit: _unit, ...rest } = year.data;
    years.push({ ...rest, unit: "tCO2e" });
  }
  return {
    organizationId: parsed.data.organizationId,
    companyName: parsed.data.name,
    source: parsed.data.source,
    years: years.sort((a, b) => a.year - b.year),
    skippedEntries,
  };
}
