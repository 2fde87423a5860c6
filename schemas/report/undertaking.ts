/**
 * The company facts a report states (B1 24(e)(i), (ii), (vi) and the entity identifier), copied from the company
 * profile by the server while the report is a draft and kept as they were once it is submitted: a 2025 report
 * read in 2027 shows the legal form and NACE codes of 2025, not today's. Never accepted as input.
 */
import { z } from "zod";
import { CountryCodeSchema, CurrencyCodeSchema, strictObject } from "../common";
import { CompanyIdentifierSchema } from "../identifiers";
import { LegalFormSchema } from "../legal-form";

export const UndertakingSnapshotSchema = strictObject({
  name: z.string(),
  identifier: CompanyIdentifierSchema,
  legalForm: LegalFormSchema,
  otherLegalForm: z.string().optional(),
  country: CountryCodeSchema,
  /** NACE Rev. 2.1 class codes, the main activity first (`NaceSectorClassificationCodes` is a set). */
  naceCodes: z.array(z.string().regex(/^\d{2}\.\d{2}$/)).min(1),
  /** The profile's currency at the time (the report's amounts are in `turnover.currency`). */
  currency: CurrencyCodeSchema,
  /** When the profile was copied. */
  takenAt: z.date(),
}).meta({ id: "UndertakingSnapshot", description: "The company facts as they were when the report was last edited or submitted." });
export type UndertakingSnapshot = z.infer<typeof UndertakingSnapshotSchema>;

/** The company profile fields the snapshot copies (a stored company record has these and more). */
export interface UndertakingSource {
  name: string;
  identifier: UndertakingSnapshot["identifier"];
  legalForm: UndertakingSnapshot["legalForm"];
  otherLegalForm?: string | undefined;
  country: string;
  nace: { code: string };
  additionalNace?: ReadonlyArray<{ code: string }> | undefined;
  currency: string;
}

export function undertakingSnapshot(company: UndertakingSource, takenAt: Date = new Date()): UndertakingSnapshot {
  return {
    name: company.name,
    identifier: company.identifier,
    legalForm: company.legalForm,
    ...(company.otherLegalForm !== undefined ? { otherLegalForm: company.otherLegalForm } : {}),
    country: company.country,
    naceCodes: [company.nace.code, ...(company.additionalNace ?? []).map((n) => n.code)],
    currency: company.currency,
    takenAt,
  };
}
