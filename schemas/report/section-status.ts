import { z } from "zod";
import { strictObject } from "../common";

const REASON_MESSAGE = "Explain why this section is not applicable";

export const SECTION_STATUSES = ["reported", "not_applicable"] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];
export const SECTION_STATUS_MESSAGE = 'Choose whether this section is "reported" or "not_applicable"';

/** A section the preparer declares not applicable, with the reason shown to readers of the report. */
export const notApplicableSection = (id: string, disclosure: string) =>
  strictObject({
    status: z.literal("not_applicable"),
    reason: z
      .string({ error: REASON_MESSAGE })
      .trim()
      .min(1, { error: REASON_MESSAGE })
      .max(2000, { error: "Keep the reason under 2000 characters" }),
  }).meta({ id, description: `${disclosure} declared not applicable, with the reason.` });

/** How a figure was obtained, and how confident the preparer is in it. */
export const DATA_COLLECTION_METHODS = ["measured", "calculated", "estimated"] as const;
export const UNCERTAINTY_LEVELS = ["low", "medium", "high"] as const;

export const DataCollectionMethodSchema = z
  .enum(DATA_COLLECTION_METHODS, { error: "Choose measured, calculated or estimated" })
  .meta({
    id: "DataCollectionMethod",
    description: "measured (meters, invoices), calculated (activity data × factors) or estimated (extrapolated, proxies).",
  });
export const UncertaintySchema = z
  .enum(UNCERTAINTY_LEVELS, { error: "Choose low, medium or high" })
  .meta({ id: "Uncertainty", description: "The preparer's judgement of the figure's uncertainty." });

export const dataQualityFields = {
  dataCollectionMethod: DataCollectionMethodSchema.optional(),
  uncertainty: UncertaintySchema.optional(),
};
