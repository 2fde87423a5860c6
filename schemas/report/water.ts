/** B6 — Water (paras 35–36; guid. 72–93, 156–158). Volumes in cubic metres. */
import { z } from "zod";
import { nonNegativeQuantity, strictObject } from "../common";
import { addIssue, yesNo } from "./rules";

const m3 = () => nonNegativeQuantity();

export const WaterSectionSchema = strictObject({
  status: z.literal("reported"),
  /** Water withdrawn at all sites (para 35, always). */
  totalWaterWithdrawal: m3().optional(),
  /** Of which at sites in areas of high water stress (para 35, always: 0 when no site is in such an area). */
  waterWithdrawalInHighWaterStressAreas: m3().optional(),
  /** Trigger of para 36: does the undertaking have production processes that significantly consume water? */
  hasSignificantWaterConsumption: yesNo().optional(),
  /** Water discharged from those processes; consumption = withdrawal − discharge (template). */
  waterDischarge: m3().optional(),
})
  .superRefine((s, ctx) => {
    const total = s.totalWaterWithdrawal;
    if (total !== undefined && s.waterWithdrawalInHighWaterStressAreas !== undefined && s.waterWithdrawalInHighWaterStressAreas > total) {
      addIssue(ctx, ["waterWithdrawalInHighWaterStressAreas"], "Withdrawal in areas of high water stress can't exceed the total withdrawal");
    }
    if (s.hasSignificantWaterConsumption === false && s.waterDischarge !== undefined) {
      addIssue(ctx, ["hasSignificantWaterConsumption"], "You answered that no process consumes water significantly: remove the discharge, or answer yes");
    }
  })
  .meta({ id: "WaterSection", description: "B6 — Water withdrawal and consumption (m³)." });
export type WaterSection = z.infer<typeof WaterSectionSchema>;
