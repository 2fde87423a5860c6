/**
 * B11 — Convictions and fines for corruption and bribery (VSME para 43), plus whistle-blower reports and other
 * fines and penalties, which VSME has no datapoint for (they go to the entity-specific governance disclosure).
 */
import { z } from "zod";
import { count, longText, nonNegativeQuantity, strictObject } from "../common";
import { notApplicableSection, SECTION_STATUS_MESSAGE } from "./section-status";

export const FineOrPenaltySchema = strictObject({
  description: longText(1000),
  /** In the report's currency. */
  amount: nonNegativeQuantity(),
}).meta({ id: "FineOrPenalty", description: "A fine or penalty other than for corruption or bribery." });

export const BusinessConductReportedSchema = strictObject({
  status: z.literal("reported"),
  /** Trigger of para 43: was the undertaking convicted or fined for corruption or bribery in the period? */
  hasConvictionsOrFines: z.boolean({ error: "Answer yes or no" }).optional(),
  numberOfConvictionsForCorruptionAndBribery: count().optional(),
  /** Total fines for violating anti-corruption and anti-bribery laws, in the report's currency. */
  amountOfFinesForCorruptionAndBribery: nonNegativeQuantity().optional(),
  numberOfWhistleblowerReports: count().optional(),
  otherFinesAndPenalties: z.array(FineOrPenaltySchema).max(200, { error: "At most 200 entries" }).optional(),
})
  .superRefine((s, ctx) => {
    const any = (s.numberOfConvictionsForCorruptionAndBribery ?? 0) > 0 || (s.amountOfFinesForCorruptionAndBribery ?? 0) > 0;
    if (s.hasConvictionsOrFines === false && any) {
      ctx.addIssue({ code: "custom", path: ["hasConvictionsOrFines"], message: "You answered that there were no convictions or fines: remove them, or answer yes", input: undefined });
    }
  })
  .meta({ id: "BusinessConductReported", description: "B11 — Corruption and bribery, whistle-blowing and other fines, reported." });

export const BusinessConductSectionSchema = z
  .discriminatedUnion(
    "status",
    [BusinessConductReportedSchema, notApplicableSection("BusinessConductNotApplicable", "B11 — Business conduct")],
    { error: SECTION_STATUS_MESSAGE },
  )
  .meta({ id: "BusinessConductSection", description: "B11 — Convictions and fines for corruption and bribery." });
export type BusinessConductSection = z.infer<typeof BusinessConductSectionSchema>;
