/**
 * C5 — additional workforce characteristics (paras 59–60), C8 — revenues from certain sectors and exclusion from
 * EU reference benchmarks (paras 63–64), C9 — gender diversity in the governance body (para 65), and D99 — other
 * and entity-specific information (para 10).
 */
import { z } from "zod";
import { count, longText, nonNegativeQuantity, strictObject } from "../common";
import { addIssue, yesNo } from "./rules";

const ratio = () => nonNegativeQuantity();

export const WorkforceAdditionalSectionSchema = strictObject({
  status: z.literal("reported"),
  /** 59: head counts at management level, from which the female-to-male ratio is computed… */
  femaleManagers: count().optional(),
  maleManagers: count().optional(),
  /** …or the ratio itself when only that is known (not both). */
  femaleToMaleManagementRatio: ratio().optional(),
  /** 60 */
  selfEmployedWorkers: count().optional(),
  /** 60: temporary workers provided by employment agencies */
  temporaryAgencyWorkers: count().optional(),
})
  .superRefine((s, ctx) => {
    if (s.femaleToMaleManagementRatio !== undefined && (s.femaleManagers !== undefined || s.maleManagers !== undefined)) {
      addIssue(ctx, ["femaleToMaleManagementRatio"], "Give either the numbers of female and male managers or the ratio, not both");
    }
  })
  .meta({ id: "WorkforceAdditionalSection", description: "C5 — Additional (general) characteristics of the workforce." });
export type WorkforceAdditionalSection = z.infer<typeof WorkforceAdditionalSectionSchema>;

const money = () => nonNegativeQuantity();

export const SectorRevenuesSectionSchema = strictObject({
  status: z.literal("reported"),
  /** Trigger of para 63: does the undertaking have revenues from any of the sectors listed? */
  hasRevenuesFromListedSectors: yesNo().optional(),
  /** 63(a)–(d), in the report's currency */
  controversialWeapons: money().optional(),
  tobacco: money().optional(),
  coal: money().optional(),
  oil: money().optional(),
  gas: money().optional(),
  chemicals: money().optional(),
  /** 64 (always): is the undertaking excluded from EU Paris-aligned benchmarks? */
  excludedFromParisAlignedBenchmarks: yesNo().optional(),
})
  .superRefine((s, ctx) => {
    const any = [s.controversialWeapons, s.tobacco, s.coal, s.oil, s.gas, s.chemicals].some((v) => v !== undefined && v > 0);
    if (s.hasRevenuesFromListedSectors === false && any) {
      addIssue(ctx, ["hasRevenuesFromListedSectors"], "You answered that there are no such revenues: remove the amounts, or answer yes");
    }
  })
  .meta({ id: "SectorRevenuesSection", description: "C8 — Revenues from certain sectors and exclusion from EU reference benchmarks." });
export type SectorRevenuesSection = z.infer<typeof SectorRevenuesSectionSchema>;

export const GovernanceDiversitySectionSchema = strictObject({
  status: z.literal("reported"),
  /** Trigger of para 65: does the undertaking have a governance body (board)? */
  hasGovernanceBody: yesNo().optional(),
  femaleMembers: count().optional(),
  maleMembers: count().optional(),
  /** The ratio itself, when only that is known (not with the counts). */
  genderDiversityRatio: ratio().optional(),
})
  .superRefine((s, ctx) => {
    if (s.genderDiversityRatio !== undefined && (s.femaleMembers !== undefined || s.maleMembers !== undefined)) {
      addIssue(ctx, ["genderDiversityRatio"], "Give either the numbers of female and male members or the ratio, not both");
    }
    if (s.hasGovernanceBody === false && (s.femaleMembers !== undefined || s.maleMembers !== undefined || s.genderDiversityRatio !== undefined)) {
      addIssue(ctx, ["hasGovernanceBody"], "You answered that there is no governance body: remove the members, or answer yes");
    }
  })
  .meta({ id: "GovernanceDiversitySection", description: "C9 — Gender diversity ratio in the governance body." });
export type GovernanceDiversitySection = z.infer<typeof GovernanceDiversitySectionSchema>;

const narrative = () => longText(20_000);

export const EntitySpecificSectionSchema = strictObject({
  status: z.literal("reported"),
  general: narrative().optional(),
  environmental: narrative().optional(),
  social: narrative().optional(),
  governance: narrative().optional(),
}).meta({ id: "EntitySpecificSection", description: "D99 — Other and entity-specific information (para 10)." });
export type EntitySpecificSection = z.infer<typeof EntitySpecificSectionSchema>;
