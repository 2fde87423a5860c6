/**
 * The datapoint catalogue as the pages use it: disclosures in the standard's order for a report's module, the
 * one a URL names, and the Zod schema its form is validated with. Isomorphic (the section form validates in
 * the browser with the same schema).
 */
import type { z } from "zod";
import type { DisclosureSpec, FieldSpec } from "../../schemas/report/catalogue-types";
import { REPORT_SECTION_SCHEMAS } from "../../schemas/report/sections";
import { DISCLOSURES } from "./dev-catalogue";
import { fieldId } from "./form-data";

export type ReportModuleKey = "basic" | "basic_comprehensive";

export function disclosuresFor(module: ReportModuleKey): readonly DisclosureSpec[] {
  return DISCLOSURES.filter((d) => d.code !== "D99" && (module === "basic_comprehensive" || d.module === "basic"));
}

/** `b3` → B3, when the report's module includes it. */
export function disclosureByCode(code: string, module: ReportModuleKey): DisclosureSpec | undefined {
  return disclosuresFor(module).find((d) => d.code.toLowerCase() === code.toLowerCase());
}

export function sectionSchemaOf(spec: DisclosureSpec): z.ZodType | undefined {
  return (REPORT_SECTION_SCHEMAS as Record<string, z.ZodType>)[spec.section];
}

/** Field spec for a completeness path (`sections.workforce.byGender.male`) so a checklist can label it. */
export function fieldForPath(path: string): { disclosure: DisclosureSpec; field?: FieldSpec; key: string } | undefined {
  const [, section, ...rest] = path.split(".");
  const disclosure = DISCLOSURES.find((d) => d.section === section);
  if (!disclosure) return undefined;
  const key = rest.join(".");
  return { disclosure, field: disclosure.fields.find((f) => f.key === key || key.startsWith(`${f.key}.`)), key };
}

export function sectionHref(year: number, spec: DisclosureSpec, fieldKey?: string): string {
  return `/reports/${year}/${spec.code.toLowerCase()}${fieldKey ? `#${fieldId(fieldKey)}` : ""}`;
}
