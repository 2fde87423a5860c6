/**
 * The company profile form's fields: the facts (name, identifier, legal form, country, currency) and the two
 * lists of rows (sites, subsidiaries). The rows' columns are B1's own (catalogue), so labels, help and
 * paragraphs read the same on the profile and in a report; the profile adds a site's name and a subsidiary's
 * identifier. Isomorphic: the page renders them and labels its error summary with them.
 */
import { CURRENCY_CODES } from "../../schemas/codes";
import { DISCLOSURES_BY_CODE, LEGAL_FORM_OPTIONS } from "../../schemas/report/catalogue";
import type { FieldSpec } from "../../schemas/report/catalogue-types";

// The schemes of schemas/identifiers.ts (not imported: it carries zod, which the browser no longer loads).
const identifierOptions = [
  { value: "LEI", label: "LEI (Legal Entity Identifier)" },
  { value: "EUID", label: "EUID (European Unique Identifier)" },
  { value: "national", label: "National register number" },
];

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

const LABELS = new Map<string, string>([
  ...COMPANY_FIELDS.map((f) => [f.key, f.label] as const),
  ["nace.code", "NACE code"],
  ["identifier", "Identifier"],
  ["sites", "Sites"],
  ["subsidiaries", "Subsidiaries"],
]);

const GPS_PART: Record<string, string> = { latitude: "Latitude", longitude: "Longitude" };

/** The error summary's label of an input: `sites.2.city` → "Sites, row 3: City"; `sites.2.gps.latitude` → "…: Latitude". */
export function companyFieldLabel(name: string): string {
  const known = LABELS.get(name);
  if (known) return known;
  const row = /^(sites|subsidiaries)\.(\d+)\.(.+)$/.exec(name);
  if (!row) return name;
  const [, list, index, rest] = row as unknown as [string, "sites" | "subsidiaries", string, string];
  const table = list === "sites" ? SITES_FIELD : SUBSIDIARIES_FIELD;
  const column = table.columns?.find((c) => rest === c.key || rest.startsWith(`${c.key}.`));
  const part = column && rest !== column.key ? GPS_PART[rest.slice(column.key.length + 1)] : undefined;
  return `${table.label}, row ${Number(index) + 1}: ${part ?? column?.label ?? rest}`;
}
