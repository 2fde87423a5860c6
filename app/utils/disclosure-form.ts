/**
 * What a disclosure's form needs beyond its fields, derived from its catalogue entry — the same on the server
 * (decode and validate before saving: ./disclosure-parse.server.ts) and in the browser (what a "no" or an
 * omission hides, labels for the error summary). No schema library here: the browser gets the catalogue entry
 * from the page's loader and the Zod schemas stay on the server.
 *
 * A disclosure page edits its own section and, where the catalogue places a datapoint of the disclosure in
 * another section or at the report's root (B1 shows the number of employees, kept in B8's section, and the
 * turnover), those too: such inputs are named `sections.<section>.<key>` and `report.<key>`.
 */
import type { DisclosureSpec, FieldSpec } from "../../schemas/report/catalogue-types";
import { groupCovers } from "../../schemas/report/group-covers";
import type { FormValues } from "./form-data";

/** The name of a field's input on its disclosure's form; undefined when the form doesn't edit it. */
export function formNameOf(field: FieldSpec): string | undefined {
  if (field.derived) return undefined;
  const root = field.root ?? "section";
  if (root === "report") return REPORT_FIELD_KEYS.has(field.key) ? `report.${field.key}` : undefined;
  if (root !== "section") return undefined;
  return field.section ? `sections.${field.section}.${field.key}` : field.key;
}

/** The report's own fields a disclosure form may edit (their schemas: REPORT_FIELDS in disclosure-parse.server.ts). */
export const REPORT_FIELD_KEYS: ReadonlySet<string> = new Set(["module", "turnover.amount"]);

/** The datapoints behind the "if applicable" question: asked only after a yes. */
export function gatedFields(spec: DisclosureSpec): string[] {
  if (!spec.applicability) return [];
  return spec.fields.filter((field) => field.requirement === "if-applicable" && !field.derived).map((field) => field.key);
}

/** B1's section holds the 24(b) list of omitted disclosures and groups for the whole report. */
export const OMISSIONS_SECTION = "basisForPreparation";
/** The checkboxes by which a disclosure page (other than B1, which edits the whole list) omits its own groups. */
export const OMIT_INPUT = "omitGroups";

export const listOf = (raw: string | string[] | undefined) => (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).filter((v) => v.trim() !== "");

/** The omission groups this page offers as checkboxes (B1 offers every group through its own list). */
export function pageOmissionGroups(spec: DisclosureSpec) {
  return spec.section === OMISSIONS_SECTION ? [] : (spec.omissionGroups ?? []);
}

/** The report's omitted groups as stored (B1's list). */
export function storedOmissions(sections: Record<string, unknown>): string[] {
  const basis = sections[OMISSIONS_SECTION] as { omittedDisclosures?: unknown } | null | undefined;
  return Array.isArray(basis?.omittedDisclosures) ? basis.omittedDisclosures.map(String) : [];
}

/** The report's 24(b) list after this post: B1 posts the whole list; other pages change only their own groups. */
export function omissionsAfterPost(spec: DisclosureSpec, values: FormValues, stored: readonly string[]): string[] {
  if (spec.section === OMISSIONS_SECTION) return listOf(values.omittedDisclosures);
  const mine = new Set(pageOmissionGroups(spec).map((group) => group.key));
  return [...stored.filter((key) => !mine.has(key)), ...listOf(values[OMIT_INPUT]).filter((key) => mine.has(key))];
}

/**
 * True when an omitted group (or the whole disclosure) covers the field: it holds no value. A value's
 * descriptors without a group of their own (`ghg.grossScope1.dataCollectionMethod` beside
 * `ghg.grossScope1.value`) go with it: the schema has no descriptor without its value.
 */
export function isOmitted(spec: DisclosureSpec, field: FieldSpec, omitted: readonly string[]): boolean {
  if (omitted.length === 0) return false;
  const covered = (group: string) => omitted.some((key) => groupCovers(key, group));
  if (covered(field.group ?? spec.code)) return true;
  if (field.group || !field.key.includes(".")) return false;
  const valueKey = `${field.key.slice(0, field.key.lastIndexOf("."))}.value`;
  const value = spec.fields.find((f) => f.key === valueKey);
  return value !== undefined && value !== field && covered(value.group ?? spec.code);
}

/**
 * True when the field waits on a yes/no question of the section answered "no" — its own `trigger`, the
 * disclosure's "if applicable" question, or a question further up the chain (C3: no high-impact sector → no
 * transition plan → no description).
 */
export function answeredNo(spec: DisclosureSpec, field: FieldSpec, answer: (key: string) => string | undefined, depth = 0): boolean {
  if (depth > 5) return false;
  const gated = spec.applicability && field.requirement === "if-applicable" && !field.derived && field.key !== spec.applicability.field;
  if (gated && answer(spec.applicability!.field) === "false") return true;
  if (!field.trigger) return false;
  if (answer(field.trigger) === "false") return true;
  const parent = spec.fields.find((f) => f.key === field.trigger);
  return parent ? answeredNo(spec, parent, answer, depth + 1) : false;
}

/** Input names left out of the save: blocks answered "no" and groups omitted as classified or sensitive. */
export function omittedFor(spec: DisclosureSpec, values: FormValues, storedOmitted: readonly string[] = []): string[] {
  const omitted = omissionsAfterPost(spec, values, storedOmitted);
  const answer = (key: string) => {
    const raw = values[key];
    return Array.isArray(raw) ? raw.at(-1) : raw;
  };
  return spec.fields
    .filter((field) => isOmitted(spec, field, omitted) || answeredNo(spec, field, answer))
    .map(formNameOf)
    .filter((name): name is string => name !== undefined);
}

export interface DisclosureContext {
  /** The report's sections as stored (other sections are merged, not replaced). */
  sections: Record<string, unknown>;
}

/** Where a read-only datapoint is entered (a link on the page). */
export type EnteredAt = { label: string; href: string };

/**
 * What the browser needs to render a disclosure's form: its catalogue entry without what only the exports
 * use (XBRL concepts, row axes), choice options resolved from the schema, where read-only datapoints are
 * entered, and whether the section may be declared not applicable.
 */
export interface DisclosureView {
  spec: DisclosureSpec;
  notApplicableAllowed: boolean;
  enteredAt: Record<string, EnteredAt>;
}

/** A person's name for an input name, for the error summary ("Sites, row 2: City"). */
export function fieldLabel(spec: DisclosureSpec, name: string): string {
  if (name === "status") return "Does this disclosure apply";
  if (name === "reason") return "Reason it does not apply";
  if (name === OMIT_INPUT) return "Omitted as classified or sensitive information";
  if (spec.applicability && name === spec.applicability.field) return spec.applicability.question;
  const exact = spec.fields.find((field) => formNameOf(field) === name);
  if (exact) return exact.label;
  const table = spec.fields.find((field) => field.kind === "table" && name.startsWith(`${field.key}.`));
  if (table) {
    const [index, column] = name.slice(table.key.length + 1).split(".");
    const columnLabel = table.columns?.find((c) => c.key === column)?.label;
    return `${table.label}, row ${Number(index) + 1}${columnLabel ? `: ${columnLabel}` : ""}`;
  }
  const group = spec.fields.filter((field) => formNameOf(field)?.startsWith(`${name}.`));
  if (group.length > 0) return group.map((f) => f.label).join(", ");
  return name;
}
