/** C1 — Strategy (para 47) and C2 — description of practices, policies and future initiatives (paras 48–49). */
import { z } from "zod";
import { longText, strictObject } from "../common";
import { addIssue, yesNo } from "./rules";

const narrative = () => longText(10_000);

export const StrategySectionSchema = strictObject({
  status: z.literal("reported"),
  /** 47(a) */
  productsAndServices: narrative().optional(),
  /** 47(b), e.g. B2B, wholesale, retail, countries */
  markets: narrative().optional(),
  /** 47(c), e.g. key suppliers, customers, distribution channels */
  businessRelationships: narrative().optional(),
  /** Trigger of 47(d): does the strategy have key elements that relate to or affect sustainability matters? */
  hasSustainabilityStrategyElements: yesNo().optional(),
  /** 47(d) */
  sustainabilityStrategyElements: narrative().optional(),
})
  .superRefine((s, ctx) => {
    if (s.hasSustainabilityStrategyElements === false && s.sustainabilityStrategyElements !== undefined) {
      addIssue(ctx, ["sustainabilityStrategyElements"], "You answered that the strategy has no such elements: remove the description, or answer yes");
    }
  })
  .meta({ id: "StrategySection", description: "C1 — Strategy: business model and sustainability-related initiatives." });
export type StrategySection = z.infer<typeof StrategySectionSchema>;

/** C2 elaborates B2: it applies when B2 says practices, policies or future initiatives exist. */
export const PoliciesDescriptionSectionSchema = strictObject({
  status: z.literal("reported"),
  /** 48: the practices, policies and future initiatives of B2 */
  description: narrative().optional(),
  /** 48: their targets (when B2 says targets are set) */
  targetDescription: narrative().optional(),
  /** 49: most senior level accountable for implementing the policies */
  mostSeniorAccountable: narrative().optional(),
}).meta({ id: "PoliciesDescriptionSection", description: "C2 — Description of practices, policies and future initiatives." });
export type PoliciesDescriptionSection = z.infer<typeof PoliciesDescriptionSectionSchema>;
