/** C3 — GHG reduction targets and climate transition (paras 54–56) and C4 — climate risks (paras 57–58). */
import { z } from "zod";
import { IsoDateSchema, longText, nonNegativeQuantity, strictObject } from "../common";
import { addIssue, yesNo } from "./rules";

const narrative = () => longText(10_000);
const tco2e = () => nonNegativeQuantity();
const year = () => z.number({ error: "Enter a year" }).int({ error: "Enter a year such as 2030" }).min(1990, { error: "Enter a year from 1990" }).max(2100, { error: "Enter a year up to 2100" });

/** Gross emissions of a base or target year: the B3 concepts on `ReportingScopesAxis` (baseline / target year). */
export const ScopeEmissionsSchema = strictObject({
  scope1: tco2e().optional(),
  scope2LocationBased: tco2e().optional(),
  scope2MarketBased: tco2e().optional(),
  scope3: tco2e().optional(),
}).meta({ id: "ScopeEmissions", description: "Gross Scope 1, 2 and 3 emissions of a base or target year (tCO2e)." });
export type ScopeEmissions = z.infer<typeof ScopeEmissionsSchema>;

export const GhgTargetsSectionSchema = strictObject({
  status: z.literal("reported"),
  /** Trigger of para 54: has the undertaking set GHG emission reduction targets? */
  hasGhgReductionTargets: yesNo().optional(),
  /** 54(a) */
  baseYear: year().optional(),
  /** 54 */
  targetYear: year().optional(),
  baseYearEmissions: ScopeEmissionsSchema.optional(),
  targetYearEmissions: ScopeEmissionsSchema.optional(),
  /** 54(e): main actions to achieve the targets */
  mainActions: narrative().optional(),
  /** Trigger of para 55: does the undertaking operate in a high climate impact sector (NACE sections A–H, L)? */
  inHighClimateImpactSector: yesNo().optional(),
  /** Has it adopted a transition plan for climate change mitigation? */
  hasTransitionPlan: yesNo().optional(),
  /** 55 */
  transitionPlanDescription: narrative().optional(),
  /** 56: when a plan not adopted yet will be */
  transitionPlanAdoptionDate: IsoDateSchema.optional(),
})
  .superRefine((s, ctx) => {
    if (s.baseYear !== undefined && s.targetYear !== undefined && s.targetYear <= s.baseYear) {
      addIssue(ctx, ["targetYear"], "The target year comes after the base year");
    }
    if (s.hasGhgReductionTargets === false && (s.baseYear !== undefined || s.targetYear !== undefined || s.baseYearEmissions || s.targetYearEmissions)) {
      addIssue(ctx, ["hasGhgReductionTargets"], "You answered that there are no reduction targets: remove the target data, or answer yes");
    }
    if (s.hasTransitionPlan === true && s.transitionPlanAdoptionDate !== undefined) {
      addIssue(ctx, ["transitionPlanAdoptionDate"], "The adoption date is for a plan not adopted yet");
    }
    if (s.hasTransitionPlan === false && s.transitionPlanDescription !== undefined) {
      addIssue(ctx, ["transitionPlanDescription"], "Describe the plan once adopted; until then give the date it will be adopted");
    }
  })
  .meta({ id: "GhgTargetsSection", description: "C3 — GHG reduction targets and climate transition." });
export type GhgTargetsSection = z.infer<typeof GhgTargetsSectionSchema>;

export const ClimateRisksSectionSchema = strictObject({
  status: z.literal("reported"),
  /** Trigger of para 57: has the undertaking identified climate-related hazards or transition events? */
  hasIdentifiedClimateRisks: yesNo().optional(),
  /** 57(a) */
  hazardsAndTransitionEvents: narrative().optional(),
  /** 57(b) */
  exposureAssessment: narrative().optional(),
  /** 57(c) */
  timeHorizons: narrative().optional(),
  /** 57(d) */
  hasAdaptationActions: yesNo().optional(),
  /** 58 (may): potential adverse effects, high / medium / low */
  potentialAdverseEffects: narrative().optional(),
})
  .superRefine((s, ctx) => {
    if (s.hasIdentifiedClimateRisks === false && (s.hazardsAndTransitionEvents !== undefined || s.exposureAssessment !== undefined || s.timeHorizons !== undefined)) {
      addIssue(ctx, ["hasIdentifiedClimateRisks"], "You answered that no climate risks were identified: remove the descriptions, or answer yes");
    }
  })
  .meta({ id: "ClimateRisksSection", description: "C4 — Climate risks." });
export type ClimateRisksSection = z.infer<typeof ClimateRisksSectionSchema>;
