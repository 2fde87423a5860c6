import { z } from "zod";
import { strictObject } from "../common";
import { REPORT_SECTION_KEYS, type ReportSectionKey } from "./sections";

export const COMPLETENESS_STATES = ["not_started", "in_progress", "complete", "not_applicable", "omitted", "not_required"] as const;
export type CompletenessState = (typeof COMPLETENESS_STATES)[number];

/** A datapoint a checklist can link to: its path from the report root, label and VSME paragraph. */
export const DatapointRefSchema = strictObject({
  path: z.string(),
  label: z.string(),
  /** e.g. "B3 29", "C8 63(c)" */
  paragraph: z.string(),
  disclosure: z.string(),
}).meta({ id: "DatapointRef", description: "A datapoint by path, label and paragraph of the standard." });
export type DatapointRef = z.infer<typeof DatapointRefSchema>;

export const SectionCompletenessSchema = strictObject({
  /**
   * not_started: absent with datapoints required; omitted: withheld as classified or sensitive (24(b));
   * not_required: a Comprehensive section of an Option A report; not_applicable: stored before trigger questions
   * existed, with a reason (counts as the trigger answered "no").
   */
  state: z.enum(COMPLETENESS_STATES),
  /** Required datapoints that are filled. */
  filled: z.number().int().min(0),
  required: z.number().int().min(0),
  /** 0–100, one decimal. */
  percent: z.number().min(0).max(100),
  /** Paths (from the report root) of the required datapoints still empty, for links from a checklist. */
  missing: z.array(z.string()),
}).meta({ id: "SectionCompleteness", description: "How many of a section's required datapoints are filled." });
export type SectionCompleteness = z.infer<typeof SectionCompletenessSchema>;

export const DisclosureCompletenessSchema = strictObject({
  code: z.string(),
  title: z.string(),
  module: z.enum(["basic", "comprehensive"]),
  state: z.enum(COMPLETENESS_STATES),
  filled: z.number().int().min(0),
  required: z.number().int().min(0),
  percent: z.number().min(0).max(100),
  missing: z.array(DatapointRefSchema),
}).meta({ id: "DisclosureCompleteness", description: "Completeness of one VSME disclosure (B1 … C9, D99)." });
export type DisclosureCompleteness = z.infer<typeof DisclosureCompletenessSchema>;

export const ModuleCompletenessSchema = strictObject({
  filled: z.number().int().min(0),
  required: z.number().int().min(0),
  percent: z.number().min(0).max(100),
  complete: z.boolean(),
}).meta({ id: "ModuleCompleteness", description: "Completeness of the Basic or the Comprehensive module." });

/** What stops a submission whatever the override: e.g. an "Always" disclosure marked not applicable. */
export const SubmissionBlockerSchema = strictObject({ path: z.string(), message: z.string() }).meta({
  id: "SubmissionBlocker",
  description: "A condition that prevents submitting the report, with the field to fix.",
});

export const ReportCompletenessSchema = strictObject({
  filled: z.number().int().min(0),
  required: z.number().int().min(0),
  percent: z.number().min(0).max(100),
  /** Every required datapoint of the chosen module(s) filled, and nothing blocks submission. */
  complete: z.boolean(),
  sections: strictObject(
    Object.fromEntries(REPORT_SECTION_KEYS.map((key) => [key, SectionCompletenessSchema])) as Record<ReportSectionKey, typeof SectionCompletenessSchema>,
  ),
  disclosures: z.array(DisclosureCompletenessSchema),
  modules: strictObject({
    basic: ModuleCompletenessSchema,
    /** null for an Option A (Basic only) report. */
    comprehensive: z.union([ModuleCompletenessSchema, z.null()]),
  }),
  /** Every missing required datapoint, in the standard's order. */
  missing: z.array(DatapointRefSchema),
  blockers: z.array(SubmissionBlockerSchema),
}).meta({ id: "ReportCompleteness", description: "Completeness per module, disclosure and section, with what is missing." });
export type ReportCompleteness = z.infer<typeof ReportCompletenessSchema>;

/**
 * What a report stores and shows of its completeness: the counts and states, without the lists of what is
 * missing (those are derived from the sections on request: `computeCompleteness`, GET /reports/{id}/completeness).
 * A stored report stays small, so reading and listing it is cheap (ADR 0024).
 */
const CompletenessCountsShape = {
  /** Required datapoints that are filled. */
  filled: z.number().int().min(0),
  required: z.number().int().min(0),
  /** 0–100, one decimal. */
  percent: z.number().min(0).max(100),
};

export const SectionCompletenessSummarySchema = strictObject({
  state: z.enum(COMPLETENESS_STATES),
  ...CompletenessCountsShape,
}).meta({ id: "SectionCompletenessSummary", description: "State and counts of a section's required datapoints (what is missing: /completeness)." });
export type SectionCompletenessSummary = z.infer<typeof SectionCompletenessSummarySchema>;

export const DisclosureCompletenessSummarySchema = strictObject({
  code: z.string(),
  state: z.enum(COMPLETENESS_STATES),
  ...CompletenessCountsShape,
}).meta({ id: "DisclosureCompletenessSummary", description: "State and counts of one VSME disclosure (B1 … C9, D99)." });
export type DisclosureCompletenessSummary = z.infer<typeof DisclosureCompletenessSummarySchema>;

export const CompletenessSummarySchema = strictObject({
  ...CompletenessCountsShape,
  /** Every required datapoint of the chosen module(s) filled, and nothing blocks submission. */
  complete: z.boolean(),
  sections: strictObject(
    Object.fromEntries(REPORT_SECTION_KEYS.map((key) => [key, SectionCompletenessSummarySchema])) as Record<
      ReportSectionKey,
      typeof SectionCompletenessSummarySchema
    >,
  ),
  disclosures: z.array(DisclosureCompletenessSummarySchema),
  modules: strictObject({
    basic: ModuleCompletenessSchema,
    /** null for an Option A (Basic only) report. */
    comprehensive: z.union([ModuleCompletenessSchema, z.null()]),
  }),
  blockers: z.array(SubmissionBlockerSchema),
}).meta({
  id: "CompletenessSummary",
  description: "Completeness per module, disclosure and section as counts and states; the lists of what is missing are at /reports/{reportId}/completeness.",
});
export type CompletenessSummary = z.infer<typeof CompletenessSummarySchema>;

/** A plausibility finding that does not block saving (e.g. Scope 1 zero while fuels are burnt). */
export const ReportWarningSchema = strictObject({
  /** Field path from the report root the warning is about. */
  path: z.string(),
  code: z.string(),
  message: z.string(),
}).meta({ id: "ReportWarning", description: "A non-blocking plausibility warning on a field." });
export type ReportWarning = z.infer<typeof ReportWarningSchema>;

const metric = () => z.number().nullable();

const EmissionsOfYearSchema = strictObject({
  scope1And2LocationBased: metric(),
  scope1And2MarketBased: metric(),
  totalLocationBased: metric(),
  totalMarketBased: metric(),
});

/**
 * Derived from the report by the server (computeReportMetrics) and never accepted as input. Each value is null
 * when an input is missing or the denominator is zero. Masses in tonnes, volumes in m³.
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
  /** e.g. "tCO2e per million EUR" — per million of the report's currency, never converted. */
  intensityUnit: z.string(),
  /** MWh per source, renewable + non-renewable (the energy axis's Total member). */
  energyBySource: strictObject({ electricity: metric(), selfGeneratedElectricity: metric(), fuels: metric() }),
  /** Percentages 0–100; null without a stated total (a partial breakdown never reads as 100 % renewable). */
  renewableEnergySharePercent: metric(),
  /** Recordable accidents per 200,000 hours worked. */
  accidentRatePer200kHours: metric(),
  genderPayGapPercent: metric(),
  collectiveBargainingCoveragePercent: metric(),
  employeeTurnoverRatePercent: metric(),
  /** m³: withdrawal − discharge */
  waterConsumption: metric(),
  waste: strictObject({
    byCode: z.array(strictObject({ code: z.string(), hazardous: z.boolean(), totalMass: metric(), totalVolume: metric() })),
    hazardousMass: metric(),
    nonHazardousMass: metric(),
    totalMass: metric(),
    hazardousVolume: metric(),
    nonHazardousVolume: metric(),
    totalVolume: metric(),
  }),
  materials: strictObject({ totalMass: metric(), totalVolume: metric() }),
  /** Report currency: coal + oil + gas */
  fossilFuelRevenue: metric(),
  femaleToMaleManagementRatio: metric(),
  boardGenderDiversityRatio: metric(),
  ghgTargets: strictObject({
    baseYear: EmissionsOfYearSchema,
    targetYear: EmissionsOfYearSchema,
    reductionPercent: strictObject({ scope1And2LocationBased: metric() }),
  }),
  /** Counts and states only; what is missing: GET /reports/{reportId}/completeness. */
  completeness: CompletenessSummarySchema,
  warnings: z.array(ReportWarningSchema),
  /**
   * Para 12: the previous year's values (numeric datapoints captured or derived, by path from the report root)
   * when a report of the previous year exists; null otherwise. A list, not a map: paths have dots.
   */
  comparatives: z.union([
    strictObject({ year: z.number().int(), values: z.array(strictObject({ path: z.string(), value: z.number() })) }),
    z.null(),
  ]),
}).meta({ id: "ReportMetrics", description: "Metrics, completeness and warnings derived from a report by the server." });
export type ReportMetrics = z.infer<typeof ReportMetricsSchema>;
