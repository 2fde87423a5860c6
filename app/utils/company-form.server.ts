/**
 * The company profile form's fields: the facts (name, identifier, legal form, country, currency) and the two
 * lists of rows (sites, subsidiaries). The rows' columns are B1's own (catalogue), so labels, help and
 * paragraphs read the same on the profile and in a report; the profile adds a site's name and a subsidiary's
 * identifier. Server-only: the catalogue carries zod, which the browser does not load (ADR 0065); the page gets
 * these specs as loader data (`companyFormView`) and labels its error summary from them (company-labels.ts).
 */
import { CURRENCY_CODES } from "../../schemas/codes";
// The action parses with it; imported through this server-only module so the page's browser code never holds it.
export { CompanyInputSchema } from "../../schemas/company";
import { IDENTIFIER_SCHEMES } from "../../schemas/identifiers";
import { DISCLOSURES_BY_CODE, LEGAL_FORM_OPTIONS } from "../../schemas/report/catalogue";
import type { FieldSpec } from "../../schemas/report/catalogue-types";

const SCHEME_LABELS: Record<(typeof IDENTIFIER_SCHEMES)[number], string> = {
  LEI: "LEI (Legal Entity Identifier)",
  EUID: "EUID (European Unique Identifier)",
  national: "National register number",
};
const identifierOptions = IDENTIFIER_SCHEMES.map((value) => ({ value, label: SCHEME_LABELS[value] }));

export const COMPANY_FIELDS: readonly FieldSpec[] = [
  { key: "name", label: "Name of the undertaking", paragraph: "24(e)", kind: "text", requirement: "always" },
  { key: "identifier.scheme", label: "Identifier type", paragraph: "24(e)", kind: "enum", requirement: "always", options: identifierOptions },
  { key: "identifier.value", label: "Identifier", help: "An LEI's check digits and an EUID's format are checked.", paragraph: "24(e)", kind: "text", requirement: "always" },
  { key: "identifier.country", label: "Country of the register (national numbers only)", paragraph: "24(e)", kind: "country", requirement: "may" },
  { key: "legalForm", label: "Legal form", paragraph: "24(e)(i)", kind: "enum", requirement: "always", options: LEGAL_FORM_OPTIONS },
  { key: "otherLegalForm", label: "Legal form, if other", paragraph: "24(e)(i)", kind: "text", requirement: "may" },
  { key: "country", label: "Country of the registered office", paragraph: "24(e)(vi)", kind: "country", requirement: "always" },
  { key: "currency", label: "Reporting currency", paragraph: "24(e)", kind: "enum", requirement: "always", options: CURRENCY_CODES.map((c) => ({ value: c, label: c })) },
];

function b1Columns(key: "sites" | "subsidiaries"): readonly FieldSpec[] {
  const columns = DISCLOSURES_BY_CODE.B1?.fields.find((field) => field.key === key)?.columns;
  if (!columns) throw new Error(`The catalogue's B1 has no ${key} table`);
  return columns;
}

export const SITES_FIELD: FieldSpec = {
  key: "sites",
  label: "Sites",
  help: "Significant sites and assets the undertaking owns, leases or manages. New reports start with this list in B1; give latitude and longitude together, or neither.",
  paragraph: "24(e)(vii)",
  kind: "table",
  requirement: "always",
  columns: [{ key: "name", label: "Name of the site", paragraph: "", kind: "text", requirement: "always" }, ...b1Columns("sites")],
};

export const SUBSIDIARIES_FIELD: FieldSpec = {
  key: "subsidiaries",
  label: "Subsidiaries",
  help: "New reports start with this list in B1 (it is reported when the report is consolidated). The identifier is optional and checked like the company's.",
  paragraph: "24(d)",
  kind: "table",
  requirement: "if-applicable",
  columns: [
    ...b1Columns("subsidiaries"),
    { key: "identifier.scheme", label: "Identifier type", paragraph: "", kind: "enum", requirement: "may", options: identifierOptions },
    { key: "identifier.value", label: "Identifier", paragraph: "", kind: "text", requirement: "may" },
    { key: "identifier.country", label: "Country of the register (national numbers)", paragraph: "", kind: "country", requirement: "may" },
  ],
};

export interface CompanyFormView {
  facts: readonly FieldSpec[];
  sites: FieldSpec;
  subsidiaries: FieldSpec;
}

/** What the company page renders its form from (the same object every request: it depends only on the build). */
export const COMPANY_FORM_VIEW: CompanyFormView = { facts: COMPANY_FIELDS, sites: SITES_FIELD, subsidiaries: SUBSIDIARIES_FIELD };
