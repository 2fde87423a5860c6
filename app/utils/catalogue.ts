/**
 * The datapoint catalogue as the pages' loaders use it: disclosures in the standard's order for a report's
 * module, the one a URL names, the Zod schema its form is validated with, which of its fields the form edits
 * and where the others come from. The browser never imports it (it holds the schemas, and Zod with them): the
 * loaders send what a page shows (`disclosureView` in disclosure-parse.server.ts, `navDisclosures`).
 */
import type { z } from "zod";
import { catalogueEntries, DISCLOSURES } from "../../schemas/report/catalogue";
import type { DisclosureSpec, FieldSpec } from "../../schemas/report/catalogue-types";
import { REPORT_SECTION_SCHEMAS } from "../../schemas/report/sections";
import { fieldId } from "./form-data";

export type ReportModuleKey = "basic" | "basic_comprehensive";

export function disclosuresFor(module: ReportModuleKey): readonly DisclosureSpec[] {
  return DISCLOSURES.filter((d) => d.code !== "D99" && (module === "basic_comprehensive" || d.module === "basic"));
}

/** A disclosure in the report's navigation. */
export interface NavDisclosure {
  code: string;
  title: string;
  section: string;
}

/** The navigation's list for a report's module (what DisclosureNav renders). */
export function navDisclosures(module: ReportModuleKey): NavDisclosure[] {
  return disclosuresFor(module).map(({ code, title, section }) => ({ code, title, section }));
}

/** `b3` → B3, when the report's module includes it. */
export function disclosureByCode(code: string, module: ReportModuleKey): DisclosureSpec | undefined {
  return disclosuresFor(module).find((d) => d.code.toLowerCase() === code.toLowerCase());
}

export function sectionSchemaOf(spec: DisclosureSpec): z.ZodType | undefined {
  return (REPORT_SECTION_SCHEMAS as Record<string, z.ZodType>)[spec.section];
}

/** Whether the disclosure's own form edits this field (others are shown where they are entered). */
export function isEditableHere(field: FieldSpec): boolean {
  return !field.derived && (field.root ?? "section") === "section" && field.section === undefined;
}

/** Where a field shown read-only on a disclosure page is entered, for a link. */
export function enteredAt(field: FieldSpec, year: number): { label: string; href: string } | undefined {
  if (field.derived) return undefined;
  if (field.root === "undertaking") return { label: "the company profile", href: "/company" };
  if (field.root === "report") return { label: "the report overview", href: `/reports/${year}` };
  if (field.section) {
    const owner = DISCLOSURES.find((d) => d.section === field.section);
    if (owner) return { label: owner.code, href: sectionHref(year, owner, field.key) };
  }
  return undefined;
}

const ENTRIES = catalogueEntries();

/** Field for a completeness path (`sections.workforce.byGender.male`) so a checklist can label and link it. */
export function fieldForPath(path: string): { disclosure: DisclosureSpec; field?: FieldSpec; key: string } | undefined {
  const normalized = path.replace(/\.\d+(\.|$)/g, "[]$1");
  const entry =
    ENTRIES.find((e) => e.path === normalized && !e.table) ??
    ENTRIES.find((e) => !e.table && normalized.startsWith(`${e.path}.`)) ??
    ENTRIES.find((e) => e.path === normalized);
  if (entry) {
    const owner = DISCLOSURES.find((d) => d.section === (entry.field.section ?? entry.disclosure.section)) ?? entry.disclosure;
    return { disclosure: isEditableHere(entry.field) ? entry.disclosure : owner, field: entry.table ?? entry.field, key: (entry.table ?? entry.field).key };
  }
  const [, section] = path.split(".");
  const disclosure = DISCLOSURES.find((d) => d.section === section);
  return disclosure ? { disclosure, key: path.split(".").slice(2).join(".") } : undefined;
}

export function sectionHref(year: number, spec: DisclosureSpec, fieldKey?: string): string {
  return `/reports/${year}/${spec.code.toLowerCase()}${fieldKey ? `#${fieldId(fieldKey)}` : ""}`;
}

/** The computed metrics of the catalogue (label, unit, formula), in catalogue order. */
export const METRIC_FIELDS: readonly FieldSpec[] = ENTRIES.filter((e) => e.field.root === "metrics").map((e) => e.field);
