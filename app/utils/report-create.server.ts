/**
 * Creating a report: the form's schema and how a new draft is pre-filled from the previous year's structure
 * (answers and lists, not figures) and, when the user accepts them, from the organization's emissions in the
 * external database. Server-only: the reports page checks the form inline through its action (ADR 0065).
 */
import { z } from "zod";
import { MoneySchema, ReportingYearSchema, strictObject } from "../../schemas/common";
import { ReportingPeriodSchema, ReportInputSchema, ReportModuleSchema } from "../../schemas/report/report";
import { REPORT_SECTION_SCHEMAS } from "../../schemas/report/sections";

export const CreateReportFormSchema = strictObject({
  year: ReportingYearSchema,
  module: ReportModuleSchema,
  period: ReportingPeriodSchema,
  turnover: MoneySchema,
  copyPreviousStructure: z.boolean().optional(),
  acceptExternalEmissions: z.boolean().optional(),
});
export type CreateReportForm = z.output<typeof CreateReportFormSchema>;

type Json = unknown;

/** Keeps the answers of a section that describe its structure (text, choices, yes/no, lists of text rows). */
function structureOf(value: Json): Json {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (Array.isArray(value)) {
    const rows = value.filter((row) => row !== null && typeof row === "object" && Object.values(row).every((v) => typeof v === "string"));
    return rows.length === value.length && rows.length > 0 ? rows : undefined;
  }
  if (value === null || typeof value !== "object") return undefined;
  const out: Record<string, Json> = {};
  for (const [key, child] of Object.entries(value)) {
    const kept = structureOf(child);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Each section's structure, where the section's schema accepts it without the figures. */
/**
 * Pre-filled sections (last year's structure, the company's lists) when the new report accepts them as they are
 * (rules may depend on figures that are not copied); `otherwise` when it does not.
 */
export function acceptedStructure(
  fields: Omit<CreateReportForm, "copyPreviousStructure" | "acceptExternalEmissions">,
  candidate: Record<string, Json>,
  otherwise: Record<string, Json> = {},
): Record<string, Json> {
  return ReportInputSchema.safeParse({ ...fields, sections: candidate }).success ? candidate : otherwise;
}

export function previousStructure(sections: Record<string, Json>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [key, section] of Object.entries(sections)) {
    const kept = structureOf(section) as Record<string, Json> | undefined;
    const schema = (REPORT_SECTION_SCHEMAS as Record<string, z.ZodType>)[key];
    // A section reduced to its status says nothing the user wouldn't have to answer again.
    if (kept && Object.keys(kept).length > 1 && schema?.safeParse(kept).success) out[key] = kept;
  }
  return out;
}

export interface EmissionsPrefill {
  scope1?: number;
  scope2LocationBased?: number;
  scope2MarketBased?: number;
  scope3?: number;
}

/** The B3 section with the external figures in it, as "calculated" values. */
export function withEmissions(sections: Record<string, Json>, prefill: EmissionsPrefill): Record<string, Json> {
  const existing = sections.energyAndEmissions as { status?: string; ghg?: Record<string, Json> } | undefined;
  const base = existing?.status === "reported" ? existing : { status: "reported" };
  const figure = (value: number | undefined) => (value === undefined ? undefined : { value, dataCollectionMethod: "calculated" });
  const ghg = Object.fromEntries(
    Object.entries({
      grossScope1: figure(prefill.scope1),
      grossScope2LocationBased: figure(prefill.scope2LocationBased),
      grossScope2MarketBased: figure(prefill.scope2MarketBased),
      grossScope3: figure(prefill.scope3),
    }).filter(([, v]) => v !== undefined),
  );
  return { ...sections, energyAndEmissions: { ...base, ghg: { ...(base as { ghg?: object }).ghg, ...ghg } } };
}
