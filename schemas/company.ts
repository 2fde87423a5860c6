import { z } from "zod";
import {
  CountryCodeSchema,
  CurrencyCodeSchema,
  shortText,
  strictObject,
} from "./common";
import { tenantRecordSchema } from "./record";
import { CompanyIdentifierSchema } from "./identifiers";
import { LegalFormSchema, type LegalForm } from "./legal-form";
import { NaceAssignmentSchema, NaceCodeInputSchema } from "./nace-input";
import { NACE_LEVELS } from "./nace-types";
import { SiteSchema, SubsidiarySchema } from "./report/basis";

export * from "./legal-form";

/** Most sites and subsidiaries a profile lists: the bound of B1's own lists, so every profile list fits a report. */
export const MAX_COMPANY_SITES = 500;
export const MAX_COMPANY_SUBSIDIARIES = 500;

/**
 * A site of the undertaking: B1's site (address, postal code, city, country, optional ID and WGS 84 geolocation
 * — latitude and longitude together or neither) with a name people know it by. A new report's B1 list is
 * copied from these, without the name (B1 24(e)(vii) has no such datapoint).
 */
export const CompanySiteSchema = strictObject({
  name: shortText(200),
  ...SiteSchema.shape,
}).meta({ id: "CompanySite", description: "A site of the company (owned, leased or managed), copied into new reports' B1 list of sites." });
export type CompanySite = z.infer<typeof CompanySiteSchema>;

/**
 * A subsidiary: B1's name and registered address, with its identifier when known (checked like the company's:
 * LEI check digits, EUID format). A new report's B1 list of subsidiaries is copied from these, without it.
 */
export const CompanySubsidiarySchema = strictObject({
  ...SubsidiarySchema.shape,
  identifier: CompanyIdentifierSchema.optional(),
}).meta({ id: "CompanySubsidiary", description: "A subsidiary of the company, copied into new consolidated reports' B1 list." });
export type CompanySubsidiary = z.infer<typeof CompanySubsidiarySchema>;

const sitesField = z
  .array(CompanySiteSchema)
  .max(MAX_COMPANY_SITES, { error: `At most ${MAX_COMPANY_SITES} sites: list the significant ones` });
const subsidiariesField = z
  .array(CompanySubsidiarySchema)
  .max(MAX_COMPANY_SUBSIDIARIES, { error: `At most ${MAX_COMPANY_SUBSIDIARIES} subsidiaries` });

const companyFields = {
  name: shortText(200),
  identifier: CompanyIdentifierSchema,
  legalForm: LegalFormSchema,
  /** Required when legalForm is "other" (`OtherUndertakingsLegalForm`). */
  otherLegalForm: shortText(200).optional(),
  country: CountryCodeSchema,
  nace: NaceCodeInputSchema,
  /** Further activities (B1 24(e)(ii): `NaceSectorClassificationCodes` is a set; EFRAG's template takes up to 100). */
  additionalNace: z.array(NaceCodeInputSchema).max(99, { error: "At most 99 further NACE codes" }).optional(),
  currency: CurrencyCodeSchema,
  /** Absent = none. */
  sites: sitesField.optional(),
  /** Absent = none. */
  subsidiaries: subsidiariesField.optional(),
};

function checkLegalForm(
  value: { legalForm?: LegalForm | undefined; otherLegalForm?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.legalForm === "other" && value.otherLegalForm === undefined) {
    ctx.addIssue({ code: "custom", path: ["otherLegalForm"], message: "Describe the legal form", input: undefined });
  }
  if (value.legalForm !== undefined && value.legalForm !== "other" && value.otherLegalForm !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["otherLegalForm"],
      message: 'Only describe the legal form when you chose "other"',
      input: value.otherLegalForm,
    });
  }
}

/** The further NACE codes are other activities: neither the main one nor listed twice. */
function checkActivities(value: { nace?: { code: string } | undefined; additionalNace?: Array<{ code: string }> | undefined }, ctx: z.RefinementCtx) {
  const seen = new Set(value.nace ? [value.nace.code] : []);
  value.additionalNace?.forEach((entry, index) => {
    if (seen.has(entry.code)) {
      ctx.addIssue({ code: "custom", path: ["additionalNace", index, "code"], message: `${entry.code} is already listed`, input: entry.code });
    }
    seen.add(entry.code);
  });
}

/** B5 refers to a site by its ID, so an ID names one site only. */
function checkSiteIds(value: { sites?: Array<{ id?: string | undefined }> | undefined }, ctx: z.RefinementCtx) {
  const ids = value.sites?.map((site) => site.id);
  const seen = new Set<string>();
  ids?.forEach((id, index) => {
    if (id === undefined) return;
    if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["sites", index, "id"], message: `Site ID ${id} is already used by another site`, input: id });
    seen.add(id);
  });
}

/** What a preparer sends to create (or fully replace) the company profile. */
export const CompanyInputSchema = strictObject(companyFields)
  .superRefine(checkLegalForm)
  .superRefine(checkActivities)
  .superRefine(checkSiteIds)
  .meta({ id: "CompanyInput", description: "Company profile as entered by a preparer." });
export type CompanyInput = z.input<typeof CompanyInputSchema>;
export type ParsedCompanyInput = z.output<typeof CompanyInputSchema>;

/** A partial update of the company profile; the merged result must still pass CompanyInputSchema rules. */
export const CompanyPatchSchema = strictObject(companyFields)
  .partial()
  .superRefine(checkLegalForm)
  .superRefine(checkActivities)
  .superRefine(checkSiteIds)
  .meta({ id: "CompanyPatch", description: "Fields of the company profile to change." });
export type CompanyPatch = z.input<typeof CompanyPatchSchema>;

/** The level of the NACE hierarchy at which a sector factor was found (class → group → division → section). */
export const SECTOR_MATCH_LEVELS = [...NACE_LEVELS, "total_economy"] as const;

/**
 * Sector CO2 intensity looked up from reference data by the server. Never accepted as input: the input schemas
 * do not list it, and strict objects reject it.
 */
export const SectorIntensitySchema = strictObject({
  value: z.number().min(0),
  /** The factor's own unit, verbatim from the source (e.g. "g CO2e per EUR of gross value added (current prices)"). */
  unit: z.string(),
  matchedLevel: z.enum(SECTOR_MATCH_LEVELS),
  /** The code the factor is keyed by, in the factor's classification (e.g. "C10-C12", "J61", "G"). */
  matchedCode: z.string(),
  /** Classification of matchedCode, e.g. "NACE Rev. 2 (Eurostat A*64 / section aggregates)". */
  classification: z.string(),
  source: z.string(),
  year: z.number().int(),
  geography: z.string(),
  lookedUpAt: z.date(),
}).meta({ id: "SectorIntensity", description: "Sector CO2 intensity for the company's NACE code, from reference data." });
export type SectorIntensity = z.infer<typeof SectorIntensitySchema>;

/** What the companies collection stores (one per organization), besides the record meta fields. */
export const CompanyStoredSchema = strictObject({
  name: companyFields.name,
  identifier: CompanyIdentifierSchema,
  legalForm: LegalFormSchema,
  otherLegalForm: companyFields.otherLegalForm,
  country: CountryCodeSchema,
  nace: NaceAssignmentSchema,
  additionalNace: z.array(NaceAssignmentSchema).optional(),
  currency: CurrencyCodeSchema,
  sites: companyFields.sites,
  subsidiaries: companyFields.subsidiaries,
  /** null until looked up, or when no factor exists for the code. */
  // A union rather than .nullable(): zod-to-openapi 8 drops the null from a nullable registered schema.
  sectorIntensity: z.union([SectorIntensitySchema, z.null()]),
});

/** A company profile as the repository returns and the API publishes it. */
export const CompanySchema = tenantRecordSchema(CompanyStoredSchema).meta({
  id: "Company",
  description: "A company profile (one per organization).",
});
export type Company = z.infer<typeof CompanySchema>;

/** The company fields the repository writes, before it adds the sector intensity (and the record meta). */
export type CompanyFields = Omit<z.infer<typeof CompanyStoredSchema>, "sectorIntensity">;
