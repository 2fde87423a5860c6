/** B1 — Basis for preparation (VSME paras 24–25). Always reported once a report exists. */
import { z } from "zod";
import { CountryCodeSchema, longText, nonNegativeQuantity, shortText, strictObject } from "../common";
import { DisclosureGroupSchema, groupCovers } from "./disclosure-groups";
import { addIssue, noDuplicates, yesNo } from "./rules";

export const BASIS_FOR_REPORTING = ["individual", "consolidated"] as const;

/** The VSME disclosures, as listed in the 2025-07-30 taxonomy's omitted/unchanged-disclosure enumerations. */
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

/** WGS 84 coordinates of a site (`GPSLocationOfSite`, written "latitude, longitude" in XBRL). */
export const GeolocationSchema = strictObject({
  latitude: z.number({ error: "Enter a latitude" }).min(-90, { error: "A latitude is between -90 and 90" }).max(90, { error: "A latitude is between -90 and 90" }),
  longitude: z.number({ error: "Enter a longitude" }).min(-180, { error: "A longitude is between -180 and 180" }).max(180, { error: "A longitude is between -180 and 180" }),
}).meta({ id: "Geolocation", description: "WGS 84 latitude and longitude in decimal degrees." });

const SITE_ID_MESSAGE = "Use letters, digits, dots, dashes or underscores (at most 40)";
export const SiteSchema = strictObject({
  /**
   * The site's identifier on `IdentifierOfSiteTypedAxis`, referred to by B5's site rows. Optional: a site without
   * one is identified by its position in the list (1, 2, …).
   */
  id: z.string({ error: SITE_ID_MESSAGE }).regex(/^[A-Za-z0-9._-]{1,40}$/, { error: SITE_ID_MESSAGE }).optional(),
  address: shortText(300),
  postalCode: shortText(20),
  city: shortText(100),
  country: CountryCodeSchema,
  gps: GeolocationSchema.optional(),
}).meta({ id: "Site", description: "A site of the undertaking (B1 24 e vii)." });
export type Site = z.infer<typeof SiteSchema>;
export type Subsidiary = z.infer<typeof SubsidiarySchema>;

/** A site's identifier: its `id`, else its 1-based position (the template's row ID). */
export const siteIdentifier = (site: Pick<Site, "id">, index: number): string => site.id ?? String(index + 1);

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
  /**
   * Disclosures, or datapoint groups within them, omitted as classified or sensitive information (B1 24 b). An
   * omitted group holds no values.
   */
  omittedDisclosures: z.array(DisclosureGroupSchema).optional(),
  /** Trigger of para 16: does the report contain disclosures of the previous period that remain unchanged? */
  containsUnchangedDisclosures: yesNo().optional(),
  /** Disclosures unchanged since the previous report, referenced instead of repeated (para 16). */
  unchangedDisclosures: z.array(DisclosureGroupSchema).optional(),
  linkToPreviousReport: z.url({ protocol: /^https?$/, error: "Enter a web address starting with https://" }).optional(),
  /** Trigger of para 25: has the undertaking obtained sustainability-related certifications or labels? */
  hasSustainabilityCertifications: yesNo().optional(),
  sustainabilityCertifications: longText(5000).optional(),
})
  .superRefine((section, ctx) => {
    if (section.basisForReporting === "consolidated" && (section.subsidiaries?.length ?? 0) === 0) {
      addIssue(ctx, ["subsidiaries"], "List the subsidiaries included in the consolidated report");
    }
    if (section.basisForReporting === "individual" && (section.subsidiaries?.length ?? 0) > 0) {
      addIssue(ctx, ["subsidiaries"], "Subsidiaries are only listed when reporting on a consolidated basis");
    }
    noDuplicates(ctx, ["omittedDisclosures"], section.omittedDisclosures, "the omitted disclosures");
    noDuplicates(ctx, ["unchangedDisclosures"], section.unchangedDisclosures, "the unchanged disclosures");
    if (section.omittedDisclosures?.includes("B1")) {
      addIssue(ctx, ["omittedDisclosures"], "B1 (basis for preparation) can't be omitted as a whole; omit only the part that is sensitive (e.g. the list of sites)");
    }
    for (const [key, list] of [["omittedDisclosures", section.omittedDisclosures], ["unchangedDisclosures", section.unchangedDisclosures]] as const) {
      list?.forEach((inner, index) => {
        const outer = list.find((other) => other !== inner && groupCovers(other, inner));
        if (outer) addIssue(ctx, [key, index], `${inner} is already part of ${outer}`);
      });
    }
    const unchanged = section.unchangedDisclosures?.length ?? 0;
    if (section.containsUnchangedDisclosures === false && unchanged > 0) {
      addIssue(ctx, ["containsUnchangedDisclosures"], "You listed unchanged disclosures: answer yes, or remove them from the list");
    }
    if (section.containsUnchangedDisclosures === true && unchanged === 0) {
      addIssue(ctx, ["unchangedDisclosures"], "List the disclosures that remain unchanged since the previous report");
    }
    if (section.hasSustainabilityCertifications === false && section.sustainabilityCertifications !== undefined) {
      addIssue(ctx, ["sustainabilityCertifications"], "You answered that there are no certifications or labels: remove the description, or answer yes");
    }
    if ((section.unchangedDisclosures?.length ?? 0) > 0 && section.linkToPreviousReport === undefined) {
      addIssue(ctx, ["linkToPreviousReport"], "Give the link to the previous report that contains the unchanged disclosures");
    }
  })
  .meta({ id: "BasisForPreparationSection", description: "B1 — Basis for preparation." });
export type BasisForPreparationSection = z.infer<typeof BasisForPreparationSectionSchema>;
