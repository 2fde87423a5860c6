import { z } from "zod";
import { ObjectIdSchema, ReportingYearSchema, strictObject } from "../../common";
import { ReportDetailsPatchSchema, ReportInputSchema, ReportSchema, ReportStatusSchema, ReportSummarySchema } from "../../report/report";
import { REPORT_SECTION_KEYS, REPORT_SECTION_SCHEMAS, type ReportSectionKey } from "../../report/sections";
import { defineEndpoint } from "../contract";
import { EXAMPLE_IDS, reportExample, reportInputExample, reportSummaryExample, workforceSectionExample } from "../examples";
import { pageOf, pageQueryFields } from "../representations";

export const ReportResourceSchema = ReportSchema;

/** List items are summaries, not whole reports: a list reads a few fields of each (ADR 0025). */
export const ReportPageSchema = pageOf(ReportSummarySchema, {
  id: "ReportPage",
  description: "A page of report summaries; GET /reports/{reportId} for a report's sections and metrics.",
});

export const ReportIdParams = strictObject({ reportId: ObjectIdSchema });

/**
 * A report's sections by key, each replaced whole or removed with null. Built from the section list, so a
 * disclosure added to the model appears here by itself.
 */
const sectionsPatchShape = Object.fromEntries(
  REPORT_SECTION_KEYS.map((key) => [key, z.union([REPORT_SECTION_SCHEMAS[key], z.null()]).optional()]),
) as { [K in ReportSectionKey]: z.ZodOptional<z.ZodUnion<[(typeof REPORT_SECTION_SCHEMAS)[K], z.ZodNull]>> };

export const ReportPatchSchema = strictObject({
  ...ReportDetailsPatchSchema.shape,
  sections: strictObject(sectionsPatchShape)
    .optional()
    .meta({ description: "Sections to replace (whole) or remove (null); sections not named stay as they are." }),
}).meta({
  id: "ReportPatch",
  description: "Changes to a draft report: period, module, turnover, and whole sections (null removes one).",
});
export type ReportPatch = z.infer<typeof ReportPatchSchema>;

// Query parameters arrive as text; the year is then checked by the domain's own rule.
const yearQuery = z.coerce.number().pipe(ReportingYearSchema);

export const listReports = defineEndpoint({
  operationId: "listReports",
  method: "get",
  path: "/reports",
  tag: "Reports",
  summary: "List reports",
  description:
    "The organization's reports, newest reporting year first, a page at a time, as summaries (identity, period, " +
    "module, status, version, dates, overall completeness). A report's sections and metrics: GET /reports/{reportId}.",
  access: "reports:read",
  concurrency: "read",
  paginated: true,
  query: strictObject({
    ...pageQueryFields,
    year: yearQuery.optional().meta({ description: "Only the report of this reporting year." }),
    status: ReportStatusSchema.optional(),
  }),
  response: {
    status: 200,
    description: "A page of report summaries.",
    schema: ReportPageSchema,
    example: { items: [reportSummaryExample], next: null },
  },
  errors: [304],
});

export const createReport = defineEndpoint({
  operationId: "createReport",
  method: "post",
  path: "/reports",
  tag: "Reports",
  summary: "Create a draft report",
  description: "Creates the draft report of a reporting year (one per year). Needs the company profile first.",
  access: "reports:write",
  idempotent: true,
  body: ReportInputSchema,
  bodyExample: reportInputExample,
  response: { status: 201, description: "The new draft; `Location` names it.", schema: ReportResourceSchema },
  errors: [409, 413, 415, 422],
});

export const getReport = defineEndpoint({
  operationId: "getReport",
  method: "get",
  path: "/reports/{reportId}",
  tag: "Reports",
  summary: "Read a report",
  access: "reports:read",
  concurrency: "read",
  params: ReportIdParams,
  response: { status: 200, description: "The report.", schema: ReportResourceSchema, example: reportExample },
  errors: [304, 404],
});

export const patchReport = defineEndpoint({
  operationId: "patchReport",
  method: "patch",
  path: "/reports/{reportId}",
  tag: "Reports",
  summary: "Change a draft report",
  description:
    "Changes the period, module or turnover and replaces or removes whole sections (JSON merge patch at the " +
    "level of sections). Metrics are recomputed. Only drafts can be changed: reopen a submitted report first.",
  access: "reports:write",
  concurrency: "write",
  mergePatch: true,
  params: ReportIdParams,
  body: ReportPatchSchema,
  bodyExample: { turnover: { amount: 2_700_000, currency: "EUR" }, sections: { workforce: workforceSectionExample } },
  response: { status: 200, description: "The report as stored.", schema: ReportResourceSchema },
  errors: [404, 409, 412, 413, 415, 422, 428],
});

export const deleteReport = defineEndpoint({
  operationId: "deleteReport",
  method: "delete",
  path: "/reports/{reportId}",
  tag: "Reports",
  summary: "Delete a draft report",
  access: "reports:write",
  concurrency: "write",
  params: ReportIdParams,
  response: { status: 204, description: "Deleted." },
  errors: [404, 409, 412, 428],
});

export { EXAMPLE_IDS };
