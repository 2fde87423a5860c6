/** B7 — Resource use, circular economy and waste management (paras 37–38; guid. 94–109). */
import { z } from "zod";
import { longText, nonNegativeQuantity, shortText, strictObject } from "../common";
import { getWasteCode } from "./code-lists";
import { MassUnitSchema } from "./pollution";
import { addIssue, noDuplicates, yesNo } from "./rules";

const amount = () => nonNegativeQuantity();

export const WasteStreamSchema = strictObject({
  /** Six-digit code of the European List of Waste (e.g. "200101"); hazardous entries are those the list marks. */
  code: z
    .string({ error: "Choose a waste code" })
    .refine((code) => getWasteCode(code) !== undefined, { error: "Choose an entry (six digits) of the European List of Waste" }),
  /** Unit of this row's masses. */
  massUnit: MassUnitSchema.optional(),
  recycledOrReusedMass: amount().optional(),
  disposalMass: amount().optional(),
  /** Volumes in m³ (for waste measured by volume). */
  recycledOrReusedVolume: amount().optional(),
  disposalVolume: amount().optional(),
})
  .superRefine((row, ctx) => {
    const mass = row.recycledOrReusedMass !== undefined || row.disposalMass !== undefined;
    const volume = row.recycledOrReusedVolume !== undefined || row.disposalVolume !== undefined;
    if (!mass && !volume) addIssue(ctx, ["recycledOrReusedMass"], "Give the waste recycled or reused and directed to disposal, by mass or volume");
    if (mass && row.massUnit === undefined) addIssue(ctx, ["massUnit"], "Choose kg or t");
  })
  .meta({ id: "WasteStream", description: "Waste of one List of Waste code: recycled or reused, and directed to disposal (B7 38 a–b)." });
export type WasteStream = z.infer<typeof WasteStreamSchema>;

export const MaterialSchema = strictObject({
  name: shortText(200),
  massUnit: MassUnitSchema.optional(),
  mass: amount().optional(),
  /** m³ */
  volume: amount().optional(),
})
  .superRefine((row, ctx) => {
    if (row.mass === undefined && row.volume === undefined) addIssue(ctx, ["mass"], "Give the material's weight or volume");
    if (row.mass !== undefined && row.massUnit === undefined) addIssue(ctx, ["massUnit"], "Choose kg or t");
  })
  .meta({ id: "Material", description: "A relevant material used in the period (B7 38 c)." });

export const CircularEconomySectionSchema = strictObject({
  status: z.literal("reported"),
  /** Para 37 (always): does the undertaking apply circular economy principles? */
  appliesCircularEconomyPrinciples: yesNo().optional(),
  /** How, when it does. */
  circularEconomyDescription: longText(5000).optional(),
  /** Para 38(a)–(b) (always): waste generated, by List of Waste code. */
  waste: z.array(WasteStreamSchema).max(842).optional(),
  /** Trigger of para 38(c): does the undertaking operate in a sector using significant material flows? */
  hasSignificantMaterialFlows: yesNo().optional(),
  materials: z.array(MaterialSchema).max(200).optional(),
})
  .superRefine((s, ctx) => {
    noDuplicates(ctx, ["waste"], s.waste?.map((w) => w.code), "the waste codes", "code");
    if (s.appliesCircularEconomyPrinciples === false && s.circularEconomyDescription !== undefined) {
      addIssue(ctx, ["circularEconomyDescription"], "You answered that no circular economy principles are applied: remove the description, or answer yes");
    }
    if (s.hasSignificantMaterialFlows === false && (s.materials?.length ?? 0) > 0) {
      addIssue(ctx, ["hasSignificantMaterialFlows"], "You answered that there are no significant material flows: remove the materials, or answer yes");
    }
  })
  .meta({ id: "CircularEconomySection", description: "B7 — Resource use, circular economy and waste management." });
export type CircularEconomySection = z.infer<typeof CircularEconomySectionSchema>;
