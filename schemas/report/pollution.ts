/** B4 — Pollution of air, water and soil (para 32; guid. 46–69). */
import { z } from "zod";
import { nonNegativeQuantity, strictObject } from "../common";
import { getPollutantLabel } from "./code-lists";
import { addIssue, noDuplicates, yesNo } from "./rules";

export const MASS_UNITS = ["kg", "t"] as const;
export type MassUnit = (typeof MASS_UNITS)[number];
export const MassUnitSchema = z.enum(MASS_UNITS, { error: "Choose kg or t" });

export const PollutantEmissionSchema = strictObject({
  /** Key of the pollutant on `TypeOfPollutantAxis` (E-PRTR list), e.g. "AmmoniaNH3". */
  pollutant: z
    .string({ error: "Choose a pollutant" })
    .refine((key) => getPollutantLabel(key) !== undefined, { error: "Choose a pollutant of the E-PRTR list" }),
  air: nonNegativeQuantity().optional(),
  water: nonNegativeQuantity().optional(),
  soil: nonNegativeQuantity().optional(),
})
  .superRefine((row, ctx) => {
    if (row.air === undefined && row.water === undefined && row.soil === undefined) {
      addIssue(ctx, ["air"], "Give the amount emitted to air, water or soil");
    }
  })
  .meta({ id: "PollutantEmission", description: "Amount of one pollutant emitted to air, water and soil (B4 32)." });

export const PollutionSectionSchema = strictObject({
  status: z.literal("reported"),
  /**
   * Trigger of para 32: is the undertaking required by law, or does it report under an environmental management
   * system, to disclose emissions of pollutants? A "no" is recorded and exported.
   */
  hasPollutantReportingObligation: yesNo().optional(),
  /** The emissions are already publicly available (`PubliclyAvailableDisclosure`); then a link may replace the table. */
  publiclyAvailable: yesNo().optional(),
  publicDisclosureUrl: z.url({ protocol: /^https?$/, error: "Enter a web address starting with https://" }).optional(),
  /** The unit of every amount in the table. */
  unit: MassUnitSchema.optional(),
  emissions: z.array(PollutantEmissionSchema).max(94).optional(),
})
  .superRefine((s, ctx) => {
    noDuplicates(ctx, ["emissions"], s.emissions?.map((e) => e.pollutant), "the pollutants", "pollutant");
    if (s.hasPollutantReportingObligation === false && (s.publiclyAvailable !== undefined || (s.emissions?.length ?? 0) > 0)) {
      addIssue(ctx, ["hasPollutantReportingObligation"], "You answered that there is no obligation to report pollutants: remove the emissions, or answer yes");
    }
    if (s.publiclyAvailable === false && s.publicDisclosureUrl !== undefined) {
      addIssue(ctx, ["publicDisclosureUrl"], "A link is only given when the disclosure is publicly available");
    }
    if ((s.emissions?.length ?? 0) > 0 && s.unit === undefined) addIssue(ctx, ["unit"], "Choose the unit of the amounts (kg or t)");
  })
  .meta({ id: "PollutionSection", description: "B4 — Pollution of air, water and soil." });
export type PollutionSection = z.infer<typeof PollutionSectionSchema>;
