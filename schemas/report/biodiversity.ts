/** B5 — Biodiversity (paras 33–34; guid. 70–76). Site rows refer to B1's sites by identifier. */
import { z } from "zod";
import { nonNegativeQuantity, strictObject } from "../common";
import { addIssue, noDuplicates, yesNo } from "./rules";

/** Area units of the template: hectares or square metres (XBRL `areaItemType`: utr:ha, utr:sqm). */
export const AREA_UNITS = ["ha", "m2"] as const;
export type AreaUnit = (typeof AREA_UNITS)[number];

const area = () => nonNegativeQuantity();

export const BiodiversitySiteSchema = strictObject({
  /** Identifier of a B1 site (its id, or its position 1, 2, … when it has none). */
  siteId: z.string({ error: "Choose one of the sites listed in B1" }).trim().min(1, { error: "Choose one of the sites listed in B1" }),
  inSensitiveArea: yesNo(),
  nearSensitiveArea: yesNo(),
  /** Area of the site in (or near) the sensitive area. */
  area: area().optional(),
})
  .superRefine((row, ctx) => {
    if (!row.inSensitiveArea && !row.nearSensitiveArea) {
      addIssue(ctx, ["inSensitiveArea"], "A site listed here is in or near a biodiversity-sensitive area");
    }
  })
  .meta({ id: "BiodiversitySite", description: "A site in or near a biodiversity-sensitive area (B5 33)." });

export const BiodiversitySectionSchema = strictObject({
  status: z.literal("reported"),
  /** Trigger of para 33: does the undertaking have sites in or near biodiversity-sensitive areas? */
  hasSitesInOrNearSensitiveAreas: yesNo().optional(),
  /** Unit of every area in the section. */
  areaUnit: z.enum(AREA_UNITS, { error: "Choose hectares or square metres" }).optional(),
  sites: z.array(BiodiversitySiteSchema).max(500).optional(),
  /** Land use (para 34, "may"). */
  landUse: strictObject({
    totalUseOfLand: area().optional(),
    totalSealedArea: area().optional(),
    natureOrientedAreaOnSite: area().optional(),
    natureOrientedAreaOffSite: area().optional(),
  }).optional(),
})
  .superRefine((s, ctx) => {
    noDuplicates(ctx, ["sites"], s.sites?.map((site) => site.siteId), "the sites", "siteId");
    if (s.hasSitesInOrNearSensitiveAreas === false && (s.sites?.length ?? 0) > 0) {
      addIssue(ctx, ["hasSitesInOrNearSensitiveAreas"], "You answered that no site is in or near a sensitive area: remove the sites, or answer yes");
    }
    const land = s.landUse;
    const anyArea = s.sites?.some((site) => site.area !== undefined) || (land && Object.values(land).some((v) => v !== undefined));
    if (anyArea && s.areaUnit === undefined) addIssue(ctx, ["areaUnit"], "Choose the unit of the areas (hectares or m²)");
    if (land?.totalUseOfLand !== undefined && land.totalSealedArea !== undefined && land.totalSealedArea > land.totalUseOfLand) {
      addIssue(ctx, ["landUse", "totalSealedArea"], "The sealed area can't be larger than the total use of land");
    }
  })
  .meta({ id: "BiodiversitySection", description: "B5 — Biodiversity." });
export type BiodiversitySection = z.infer<typeof BiodiversitySectionSchema>;
