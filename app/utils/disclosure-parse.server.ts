/**
 * A disclosure form's post, decoded and validated with the section schemas (Zod) before anything is saved —
 * and answered field by field to the browser's inline check (`intent=validate`). Server-only: the browser
 * renders the form from the catalogue entry its loader sends (`disclosureView`) and never loads the schemas.
 */
import type { z } from "zod";
import { nonNegativeQuantity } from "../../schemas/common";
import { groupIssuesByField } from "../../schemas/errors";
import { DISCLOSURES } from "../../schemas/report/catalogue";
import type { DisclosureSpec, FieldSpec } from "../../schemas/report/catalogue-types";
import { ReportModuleSchema } from "../../schemas/report/report";
import { REPORT_SECTION_SCHEMAS } from "../../schemas/report/sections";
import { enteredAt } from "./catalogue";
import {
  formNameOf,
  listOf,
  OMISSIONS_SECTION,
  OMIT_INPUT,
  omissionsAfterPost,
  omittedFor,
  pageOmissionGroups,
  storedOmissions,
  type DisclosureContext,
  type DisclosureView,
} from "./disclosure-form";
import { coerceLeaf, decodeForm, enumValues, schemaAt, type FormValues } from "./form-data";

const REPORT_FIELDS = new Map<string, z.ZodType>([
  ["module", ReportModuleSchema],
  ["turnover.amount", nonNegativeQuantity()],
]);

/** Whether the section can be declared not applicable as a whole (its schema has that option). */
export function allowsNotApplicable(schema: z.ZodType | undefined): boolean {
  return schema ? enumValues(schemaAt(schema, "status")).includes("not_applicable") : false;
}

/** The options of a choice field: the catalogue's, else the values its schema allows. */
export function optionsOf(field: FieldSpec, schema: z.ZodType | undefined, name: string) {
  if (field.options && field.options.length > 0) return field.options;
  return enumValues(schema ? schemaAt(schema, name) : undefined).map((value) => ({ value, label: value }));
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

function fieldForBrowser(field: FieldSpec, schema: z.ZodType, name: string): FieldSpec {
  const { xbrl: _xbrl, rowAxis: _rowAxis, withoutXbrl: _withoutXbrl, appliesWhen: _appliesWhen, ...rest } = field;
  const options = field.kind === "enum" || field.kind === "multiEnum" ? optionsOf(field, schema, name) : field.options;
  return {
    ...rest,
    ...(options ? { options: options.map(({ value, label }) => ({ value, label })) } : {}),
    ...(field.columns ? { columns: field.columns.map((column) => fieldForBrowser(column, schema, `${name}.0.${column.key}`)) } : {}),
  };
}

export function disclosureView(spec: DisclosureSpec, schema: z.ZodType, year: number): DisclosureView {
  const { applicability, omissionGroups } = spec;
  return {
    spec: {
      code: spec.code,
      title: spec.title,
      module: spec.module,
      section: spec.section,
      pillar: spec.pillar,
      paragraphs: spec.paragraphs,
      ...(applicability ? { applicability: { field: applicability.field, question: applicability.question, help: applicability.help } } : {}),
      ...(omissionGroups ? { omissionGroups: omissionGroups.map(({ key, label }) => ({ key, label, fields: [] })) } : {}),
      fields: spec.fields.map((field) => fieldForBrowser(field, schema, field.key)),
    },
    notApplicableAllowed: allowsNotApplicable(schema),
    enteredAt: Object.fromEntries(
      spec.fields.flatMap((field) => {
        const where = formNameOf(field) ? undefined : enteredAt(field, year);
        return where ? [[field.key, where]] : [];
      }),
    ),
  };
}
