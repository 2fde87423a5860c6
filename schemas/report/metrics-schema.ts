import { z } from "zod";
import { strictObject } from "../common";

export const COMPLETENESS_STATES = ["not_started", "in_progress", "complete", "not_applicable"] as const;

export const SectionCompletenessSchema = strictObject({
  state: z.enum(COMPLETENESS_STATES),
  /** Required datapoints that are filled (a not-applicable section counts all of them as filled). */
  filled: z.number().int().min(0),
  required: z.number().int().min(0),
  /** 0–100, one decimal. */
  percent: z.number().min(0).max(100),
  /** Paths (from the report root) of the required datapoints still empty, for links from a checklist. */
  missing: z.array(z.string()),
}).meta({ id: "SectionCompleteness", description: "How many of a section's required datapoints are filled." });
export type SectionCompleteness = z.infer<typeof SectionCompletenessSchema>;

export const ReportCompletenessSchema = strictObject({
  filled: z.number().int().min(0),
  required: z.number().int().min(0),
  percent: z.number().min(0).max(100),
  complete: z.boolean(),
  sections: strictObject({
    basisForPreparation: SectionCompletenessSchema,
    energyAndEmissions: SectionCompletenessSchema,
    workforce: SectionCompletenessSchema,
    healthAndSafety: SectionCompletenessSchema,
    remuneration: SectionCompletenessSchema,
    businessConduct: SectionCompletenessSchema,
  }),
}).meta({ id: "ReportCompleteness", description: "Completeness per section and for the whole report." });
export type ReportCompleteness = z.infer<typeof ReportCompletenessSchema>;

const metric = () => z.number().nullable();

/**
 * Derived from the report by the server (computeReportMetrics) and never accepted as input. Each value is null
 * when an input is missing or the denominator is zero.
 */
export const ReportMetricsSchema = strictObject({
  /** tCO2e */
  totalGhgScope1And2LocationBased: metric(),
  totalGhgScope1And2MarketBased: metric(),
  totalGhgLocationBased: metric(),
  totalGhgMarketBased: metric(),
  /** tCO2e per million units of the turnover currency (see intensityUnit). */
  ghgIntensityLocationBased: metric(),
  ghgIntensityMarketBased: metric(),
  ghgIntensityTotalLocationBased: metric(),
  ghgIntensityTotalMarketBased: metric(),
  /** e.g. "tCO2e per million EUR". */
  intensityUnit: z.string(),
  /** Percentages 0–100. */
  renewableEnergySharePercent: metric(),
  /** Recordable accidents per 200,000 hours worked. */
  accidentRatePer200kHours: metric(),
  genderPayGapPercent: metric(),
  collectiveBargainingCoveragePercent: metric(),
  employeeTurnoverRatePercent: metric(),
  completeness: ReportCompletenessSchema,
}).meta({ id: "ReportMetrics", description: "Metrics derived from a report by the server." });
export type ReportMetrics = z.infer<typeof ReportMetricsSchema>;
