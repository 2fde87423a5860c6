/**
 * What a disclosure's form needs beyond its fields, derived from the catalogue and the section schemas — the
 * same on the server (decode and validate before saving) and in the browser (inline validation, labels).
 *
 * A disclosure page edits its own section and, where the catalogue places a datapoint of the disclosure in
 * another section or at the report's root (B1 shows the number of employees, kept in B8's section, and the
 * turnover), those too: such inputs are named `sections.<section>.<key>` and `report.<key>`.
 */
import type { z } from "zod";
import { nonNegativeQuantity } from "../../schemas/common";
import { groupIssuesByField } from "../../schemas/errors";
import { DISCLOSURES } from "../../schemas/report/catalogue";
import { groupCovers } from "../../schemas/report/disclosure-groups";
import type { DisclosureSpec, FieldSpec } from "../../schemas/report/catalogue-types";
import { ReportModuleSchema } from "../../schemas/report/report";
import { REPORT_SECTION_SCHEMAS } from "../../schemas/report/sections";
import { coerceLeaf, decodeForm, enumValues, schemaAt, type FormValues } from "./form-data";

/** The name of a field's input on its disclosure's form; undefined when the form doesn't edit it. */
export function formNameOf(field: FieldSpec): string | undefined {
  if (field.derived) return undefined;
  const root = field.root ?? "section";
  if (root === "report") return REPORT_FIELDS.has(field.key) ? `report.${field.key}` : undefined;
  if (root !== "section") return undefined;
  return field.section ? `sections.${field.section}.${field.key}` : field.key;
}

const REPORT_FIELDS = new Map<string, z.ZodType>([
  ["module", ReportModuleSchema],
  ["turnover.amount", nonNegativeQuantity()],
]);

/** The datapoints behind the "if applicable" question: asked only after a yes. */
export function gatedFields(spec: DisclosureSpec): string[] {
  if (!spec.applicability) return [];
  return spec.fields.filter((field) => field.requirement === "if-applicable" && !field.derived).map((field) => field.key);
}

/** B1's section holds the 24(b) list of omitted disclosures and groups for the whole report. */
export const OMISSIONS_SECTION = "basisForPreparation";
/** The checkboxes by which a disclosure page (other than B1, which edits the whole list) omits its own groups. */
export const OMIT_INPUT = "omitGroups";

const listOf = (raw: string | string[] | undefined) => (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).filter((v) => v.trim() !== "");

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

/** Whether the section can be declared not applicable as a whole (its schema has that option). */
export function allowsNotApplicable(schema: z.ZodType | undefined): boolean {
  return schema ? enumValues(schemaAt(schema, "status")).includes("not_applicable") : false;
}

/** The options of a choice field: the catalogue's, else the values its schema allows. */
export function optionsOf(field: FieldSpec, schema: z.ZodType | undefined, name: string) {
  if (field.options && field.options.length > 0) return field.options;
  return enumValues(schema ? schemaAt(schema, name) : undefined).map((value) => ({ value, label: value }));
}

export interface DisclosureContext {
  /** The report's sections as stored (other sections are merged, not replaced). */
  sections: Record<string, unknown>;
}

export interface DisclosureValue {
  own: unknown;
  /** Other sections this form changes, merged with what is stored. */
  sections: Record<string, unknown>;
  report: { module?: string; turnoverAmount?: number };
}

type Outcome = { ok: true; value: DisclosureValue } | { ok: false; errors: Record<string, string[]> };

/** Decodes and validates the whole disclosure form; messages are keyed by input name. */
export function parseDisclosure(spec: DisclosureSpec, schema: z.ZodType, values: FormValues, context: DisclosureContext): Outcome {
  const own: FormValues = {};
  const bySection = new Map<string, FormValues>();
  const report: FormValues = {};
  const errors: Record<string, string[]> = {};
  const storedOmitted = storedOmissions(context.sections);
  const omittedNow = omissionsAfterPost(spec, values, storedOmitted);
  const offered = new Set(pageOmissionGroups(spec).map((group) => group.key));
  const unknownGroups = listOf(values[OMIT_INPUT]).filter((key) => !offered.has(key));
  if (unknownGroups.length > 0) errors[OMIT_INPUT] = [`Not a part of ${spec.code}: ${unknownGroups.join(", ")}`];
  const leftOut = omittedFor(spec, values, storedOmitted);
  for (const [name, value] of Object.entries(values)) {
    if (name === OMIT_INPUT || leftOut.some((prefix) => name === prefix || name.startsWith(`${prefix}.`))) continue;
    const foreign = /^sections\.([A-Za-z]+)\.(.+)$/.exec(name);
    if (foreign) {
      const [, section, key] = foreign;
      if (!bySection.has(section!)) bySection.set(section!, {});
      bySection.get(section!)![key!] = value;
    } else if (name.startsWith("report.")) report[name.slice("report.".length)] = value;
    else own[name] = value;
  }
  const add = (prefix: string, issues: Record<string, string[]>) => {
    for (const [path, messages] of Object.entries(issues)) (errors[path ? `${prefix}${path}` : prefix.replace(/\.$/, "")] ??= []).push(...messages);
  };

  const ownDecoded = decodeForm(schema, own) as Record<string, unknown>;
  const ownResult = schema.safeParse(withForeignEdits(spec, ownDecoded, context.sections[spec.section]));
  if (!ownResult.success) add("", groupIssuesByField(ownResult.error.issues));

  const sections: Record<string, unknown> = {};
  const allowed = new Set(spec.fields.map(formNameOf).filter((n): n is string => n !== undefined));
  for (const [section, sectionValues] of bySection) {
    const sectionSchema = (REPORT_SECTION_SCHEMAS as Record<string, z.ZodType>)[section];
    const keys = Object.keys(sectionValues).filter((key) => allowed.has(`sections.${section}.${key}`));
    if (!sectionSchema || keys.length !== Object.keys(sectionValues).length) {
      (errors[""] ??= []).push(`Unknown field(s) not allowed: ${Object.keys(sectionValues).map((k) => `sections.${section}.${k}`).join(", ")}`);
      continue;
    }
    const stored = context.sections[section] as Record<string, unknown> | undefined;
    const base: Record<string, unknown> = stored && stored.status === "reported" ? structuredClone(stored) : { status: "reported" };
    for (const key of keys) deletePath(base, key);
    const decoded = decodeForm(sectionSchema, sectionValues) as Record<string, unknown>;
    const merged = mergeDeep(base, decoded);
    const result = sectionSchema.safeParse(merged);
    if (result.success) sections[section] = result.data;
    else add(`sections.${section}.`, groupIssuesByField(result.error.issues));
  }

  // Another page's omissions go to B1's list, which keeps everything else B1 holds.
  if (spec.section !== OMISSIONS_SECTION && !sameList(omittedNow, storedOmitted) && !bySection.has(OMISSIONS_SECTION)) {
    const basisSchema = (REPORT_SECTION_SCHEMAS as Record<string, z.ZodType>)[OMISSIONS_SECTION]!;
    const stored = context.sections[OMISSIONS_SECTION] as Record<string, unknown> | null | undefined;
    const base: Record<string, unknown> = stored && stored.status === "reported" ? structuredClone(stored) : { status: "reported" };
    const result = basisSchema.safeParse({ ...base, omittedDisclosures: omittedNow });
    if (result.success) sections[OMISSIONS_SECTION] = result.data;
    else (errors[OMIT_INPUT] ??= []).push(...result.error.issues.map((issue) => issue.message));
  }

  const reportValue: DisclosureValue["report"] = {};
  for (const [key, raw] of Object.entries(report)) {
    const fieldSchema = REPORT_FIELDS.get(key);
    if (!fieldSchema || !allowed.has(`report.${key}`)) {
      (errors[""] ??= []).push(`Unknown field not allowed: report.${key}`);
      continue;
    }
    const result = fieldSchema.safeParse(coerceLeaf(fieldSchema, raw));
    if (!result.success) add(`report.${key}`, { "": result.error.issues.map((issue) => issue.message) });
    else if (key === "module") reportValue.module = result.data as string;
    else reportValue.turnoverAmount = result.data as number;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { own: ownResult.success ? ownResult.data : undefined, sections, report: reportValue } };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((key) => b.includes(key));

/** Keys of `section` that other disclosures' forms edit (B1 edits B8's number of employees). */
function foreignKeys(section: string): string[] {
  return DISCLOSURES.flatMap((d) => d.fields.filter((f) => f.section === section && formNameOf(f)).map((f) => f.key));
}

/** The section as this form posts it, keeping what other disclosures' forms entered in it. */
export function withForeignEdits(spec: DisclosureSpec, own: Record<string, unknown>, stored: unknown): Record<string, unknown> {
  if (own.status !== "reported" || !stored || typeof stored !== "object") return own;
  let out = own;
  for (const key of foreignKeys(spec.section)) {
    const value = key.split(".").reduce<unknown>((node, segment) => (node && typeof node === "object" ? (node as Record<string, unknown>)[segment] : undefined), stored);
    if (value === undefined) continue;
    out = mergeDeep(out, key.split(".").reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value) as Record<string, unknown>);
  }
  return out;
}

function deletePath(target: Record<string, unknown>, path: string) {
  const segments = path.split(".");
  let node: Record<string, unknown> | undefined = target;
  for (const segment of segments.slice(0, -1)) {
    const next: unknown = node?.[segment];
    node = next && typeof next === "object" ? (next as Record<string, unknown>) : undefined;
  }
  if (node) delete node[segments.at(-1)!];
}

function mergeDeep(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] =
      value && typeof value === "object" && !Array.isArray(value) && current && typeof current === "object" && !Array.isArray(current)
        ? mergeDeep(current as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
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
