/** B1 — Basis for preparation (VSME paras 24–25). Always reported once a report exists. */
import { z } from "zod";
import { CountryCodeSchema, longText, nonNegativeQuantity, shortText, strictObject } from "../common";
import { addIssue } from "./rules";

export const BASIS_FOR_REPORTING = ["individual", "consolidated"] as const;

/** The VSME disclosures, as listed in the taxonomy's omitted/unchanged-disclosure enumerations. */
export const VSME_DISCLOSURES = [
  "B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11",
  "C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9",
] as const;
export const VsmeDisclosureSchema = z
  .enum(VSME_DISCLOSURES, { error: "Choose a VSME disclosure (B1–B11, C1–C9)" })
  .meta({ id: "VsmeDisclosure", description: "A VSME disclosure: B1–B11 (Basic), C1–C9 (Comprehensive)." });

export const SubsidiarySchema = strictObject({
  name: shortText(200),
  registeredAddress: shortText(500),
}).meta({ id: "Subsidiary", description: "A subsidiary included in a consolidated report (B1 24 d)." });

export const SiteSchema = strictObject({
  address: shortText(300),
  postalCode: shortText(20),
  city: shortText(100),
  country: CountryCodeSchema,
}).meta({ id: "Site", description: "A site of the undertaking (B1 24 e vii)." });

function noDuplicates<T>(ctx: z.RefinementCtx, path: string, items: readonly T[] | undefined, what: string) {
  const seen = new Set<T>();
  items?.forEach((item, index) => {
    if (seen.has(item)) addIssue(ctx, [path, index], `${String(item)} is listed twice in ${what}`);
    seen.add(item);
  });
}

export const BasisForPreparationSectionSchema = strictObject({
  status: z.literal("reported"),
  basisForReporting: z
    .enum(BASIS_FOR_REPORTING, { error: "Choose individual or consolidated" })
    .optional(),
  /** Required when consolidated; not allowed otherwise. */
  subsidiaries: z.array(SubsidiarySchema).max(500, { error: "At most 500 subsidiaries" }).optional(),
  sites: z.array(SiteSchema).max(500, { error: "At most 500 sites" }).optional(),
  /** Total assets, in the report's currency (B1 24 e iii). */
  assets: nonNegativeQuantity().optional(),
  /** Disclosures omitted as classified or sensitive information (B1 24 b). */
  omittedDisclosures: z.array(VsmeDisclosureSchema).optional(),
  /** Disclosures unchanged since the previous report, referenced instead of repeated (para 16). */
  unchangedDisclosures: z.array(VsmeDisclosureSchema).optional(),
  linkToPreviousReport: z.url({ protocol: /^https?$/, error: "Enter a web address starting with https://" }).optional(),
  sustainabilityCertifications: longText(5000).optional(),
})
  .superRefine((section, ctx) => {
    if (section.basisForReporting === "consolidated" && (section.subsidiaries?.length ?? 0) === 0) {
      addIssue(ctx, ["subsidiaries"], "List the subsidiaries included in the consolidated report");
    }
    if (section.basisForReporting === "individual" && (section.subsidiaries?.length ?? 0) > 0) {
      addIssue(ctx, ["subsidiaries"], "Subsidiaries are only listed when reporting on a consolidated basis");
    }
    noDuplicates(ctx, "omittedDisclosures", section.omittedDisclosures, "the omitted disclosures");
    noDuplicates(ctx, "unchangedDisclosures", section.unchangedDisclosures, "the unchanged disclosures");
    if (section.omittedDisclosures?.includes("B1")) {
      addIssue(ctx, ["omittedDisclosures"], "B1 (basis for preparation) can't be omitted");
    }
    if ((section.unchangedDisclosures?.length ?? 0) > 0 && section.linkToPreviousReport === undefined) {
      addIssue(ctx, ["linkToPreviousReport"], "Give the link to the previous report that contains the unchanged disclosures");
    }
  })
  .meta({ id: "BasisForPreparationSection", description: "B1 — Basis for preparation." });
export type BasisForPreparationSection = z.infer<typeof BasisForPreparationSectionSchema>;
