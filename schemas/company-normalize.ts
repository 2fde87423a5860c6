/**
 * Server-side step between validated company input and what is stored: it needs the NACE tables, so it lives
 * apart from the browser-safe `company.ts`.
 */
import type { CompanyFields, ParsedCompanyInput } from "./company";
import { resolveNaceInput } from "./nace";

/** Canonical form of validated input: the NACE code resolved to Rev. 2.1 (with `mappedFrom` for Rev. 2 input). */
export function normalizeCompanyInput(input: ParsedCompanyInput): CompanyFields {
  const { nace, additionalNace, ...rest } = input;
  return {
    ...rest,
    nace: resolveNaceInput(nace),
    ...(additionalNace ? { additionalNace: additionalNace.map(resolveNaceInput) } : {}),
  };
}
