/**
 * Field path → VSME XBRL concept (taxonomy 2026-05-01; the same names in 2025-07-30, namespace prefix `vsme:`),
 * for the exports and the Digital Template import. Derived from the datapoint catalogue (catalogue.ts), which is
 * the one place a concept is assigned. Paths are dotted from the report root; `[]` marks a table's rows.
 */
import { catalogueEntries } from "./catalogue";
import type { XbrlRef } from "./catalogue-types";

/** A field's concept, its explicit axis members, and how the stored value becomes the XBRL value. */
export type XbrlConceptMapping = XbrlRef;

/** Every captured or derived datapoint with a concept, by path from the report root. */
export const REPORT_XBRL_CONCEPTS: Readonly<Record<string, XbrlConceptMapping>> = Object.fromEntries(
  catalogueEntries().flatMap(({ path, field }) => (field.xbrl ? [[path, field.xbrl] as const] : [])),
);

/**
 * Company profile fields that are B1 facts of every report. The report states them through its snapshot
 * (`undertaking.*` in REPORT_XBRL_CONCEPTS); these are where the snapshot copies them from.
 */
export const COMPANY_XBRL_CONCEPTS = {
  legalForm: { concept: "UndertakingsLegalForm", transform: "enum" },
  otherLegalForm: { concept: "OtherUndertakingsLegalForm" },
  "nace.code": { concept: "NaceSectorClassificationCodes", transform: "enum" },
  country: { concept: "CountryOfPrimaryOperationsAndLocationOfSignificantAssets", transform: "enum" },
} as const satisfies Record<string, XbrlConceptMapping>;

/**
 * Inputs with no VSME concept of their own, with the reason: helper inputs of a computed metric, data quality,
 * or entity-specific information that the export writes into the D99 narrative of the pillar.
 */
export const FIELDS_WITHOUT_XBRL_CONCEPT: Readonly<Record<string, string>> = Object.fromEntries(
  catalogueEntries().flatMap(({ path, field }) => (field.withoutXbrl ? [[path, field.withoutXbrl] as const] : [])),
);
