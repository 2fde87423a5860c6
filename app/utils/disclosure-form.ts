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

/** Blocks the user answered "no" to are left out of the saved section. */
export function omittedFor(spec: DisclosureSpec, values: FormValues): string[] {
  if (!spec.applicability) return [];
  return values[spec.applicability.field] === "false" ? gatedFields(spec) : [];
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
  for (const [name, value] of Object.entries(values)) {
    const foreign = /^sections\.([A-Za-z]+)\.(.+)$/.exec(name);
    if (foreign) {
      const [, section, key] = foreign;
      if (!bySection.has(section!)) bySection.set(section!, {});
      bySection.get(section!)![key!] = value;
    } else if (name.startsWith("report.")) report[name.slice("report.".length)] = value;
    else own[name] = value;
  }
  const errors: Record<string, string[]> = {};
  const add = (prefix: string, issues: Record<string, string[]>) => {
    for (const [path, messages] of Object.entries(issues)) (errors[path ? `${prefix}${path}` : prefix.replace(/\.$/, "")] ??= []).push(...messages);
  };

  const ownDecoded = decodeForm(schema, own, { omit: omittedFor(spec, values) }) as Record<string, unknown>;
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
