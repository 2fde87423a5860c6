/** B2 — Practices, policies and future initiatives for transitioning towards a more sustainable economy (paras 26–28; cooperatives para 15). */
import { z } from "zod";
import { longText, nonNegativeQuantity, strictObject } from "../common";
import { addIssue, noDuplicates, yesNo } from "./rules";

/** The sustainability matters of `SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative`, in the taxonomy's order. */
export const SUSTAINABILITY_MATTERS = [
  "climate_change",
  "pollution",
  "water_and_marine_resources",
  "biodiversity_and_ecosystems",
  "circular_economy",
  "own_workforce",
  "workers_in_the_value_chain",
  "affected_communities",
  "consumers_and_end_users",
  "business_conduct",
] as const;
export type SustainabilityMatter = (typeof SUSTAINABILITY_MATTERS)[number];

export const PracticesForMatterSchema = strictObject({
  matter: z.enum(SUSTAINABILITY_MATTERS, { error: "Choose a sustainability matter" }),
  practice: z.boolean().optional(),
  policy: z.boolean().optional(),
  futureInitiative: z.boolean().optional(),
})
  .superRefine((row, ctx) => {
    if (!row.practice && !row.policy && !row.futureInitiative) {
      addIssue(ctx, ["practice"], "Tick a practice, a policy or a future initiative for this matter, or remove the row");
    }
  })
  .meta({ id: "PracticesForMatter", description: "What the undertaking has in place for one sustainability matter (B2 26)." });

export const PracticesPoliciesSectionSchema = strictObject({
  status: z.literal("reported"),
  /** Trigger: practices, policies or future initiatives for transitioning towards a more sustainable economy? */
  hasPracticesPoliciesOrInitiatives: yesNo().optional(),
  matters: z.array(PracticesForMatterSchema).max(SUSTAINABILITY_MATTERS.length).optional(),
  /** Is any of them publicly available? (B2 27(a)) */
  publiclyAvailable: yesNo().optional(),
  /** Has the undertaking set targets for any of them? (B2 27(b)) */
  hasTargets: yesNo().optional(),
  /** Cooperatives only (para 15). */
  cooperative: strictObject({
    participationInGovernance: longText(5000).optional(),
    investmentInSocialEconomyEntities: nonNegativeQuantity().optional(),
    profitDistributionLimits: longText(5000).optional(),
  }).optional(),
})
  .superRefine((s, ctx) => {
    noDuplicates(ctx, ["matters"], s.matters?.map((m) => m.matter), "the sustainability matters", "matter");
    if (s.hasPracticesPoliciesOrInitiatives === false && ((s.matters?.length ?? 0) > 0 || s.publiclyAvailable !== undefined || s.hasTargets !== undefined)) {
      addIssue(ctx, ["hasPracticesPoliciesOrInitiatives"], "You answered that there are no practices, policies or initiatives: remove the matters ticked, or answer yes");
    }
  })
  .meta({ id: "PracticesPoliciesSection", description: "B2 — Practices, policies and future initiatives." });
export type PracticesPoliciesSection = z.infer<typeof PracticesPoliciesSectionSchema>;
