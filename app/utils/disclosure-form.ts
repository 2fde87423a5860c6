/**
 * What a disclosure's form needs beyond its fields, derived from the catalogue and the section schema — the
 * same on the server (what to leave out before validating) and in the browser (inline validation, labels).
 */
import type { z } from "zod";
import type { DisclosureSpec } from "../../schemas/report/catalogue-types";
import { enumValues, schemaAt, type FormValues } from "./form-data";

/** The datapoints behind the "if applicable" question: asked only after a yes. */
export function gatedFields(spec: DisclosureSpec): string[] {
  if (!spec.applicability) return [];
  return spec.fields.filter((field) => field.requirement === "if-applicable").map((field) => field.key);
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

/** A person's name for a field name, for the error summary ("Sites, row 2: City"). */
export function fieldLabel(spec: DisclosureSpec, name: string): string {
  if (name === "status") return "Does this disclosure apply";
  if (name === "reason") return "Reason it does not apply";
  if (spec.applicability && name === spec.applicability.field) return spec.applicability.question;
  const exact = spec.fields.find((field) => field.key === name);
  if (exact) return exact.label;
  const table = spec.fields.find((field) => field.kind === "table" && name.startsWith(`${field.key}.`));
  if (table) {
    const [index, column] = name.slice(table.key.length + 1).split(".");
    const columnLabel = table.columns?.find((c) => c.key === column)?.label;
    return `${table.label}, row ${Number(index) + 1}${columnLabel ? `: ${columnLabel}` : ""}`;
  }
  const group = spec.fields.filter((field) => field.key.startsWith(`${name}.`));
  if (group.length > 0) return group.map((f) => f.label).join(", ");
  return name;
}
