import { z } from "zod";
import { ObjectIdSchema, strictObject } from "../../common";
import { REPORT_SECTION_KEYS, REPORT_SECTION_SCHEMAS, REPORT_SECTIONS, type ReportSectionKey } from "../../report/sections";
import { defineEndpoint } from "../contract";
import { EXAMPLE_IDS, workforceSectionExample } from "../examples";

const SectionKeySchema = z
  .enum(REPORT_SECTION_KEYS as [ReportSectionKey, ...ReportSectionKey[]])
  .meta({ id: "ReportSectionKey", description: "A report section (one per VSME disclosure)." });

/** Any section's content; which one applies is given by `{section}`. */
const AnySectionSchema = z.union(
  REPORT_SECTION_KEYS.map((key) => REPORT_SECTION_SCHEMAS[key]) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]],
);

export const ReportSectionResourceSchema = strictObject({
  reportId: ObjectIdSchema,
  section: SectionKeySchema,
  /** VSME disclosure code, e.g. "B8". */
  disclosure: z.string(),
  title: z.string(),
  /** The section's content; null when it has not been started. */
  value: z.union([AnySectionSchema, z.null()]),
}).meta({ id: "ReportSection", description: "One section of a report, with its VSME disclosure." });

const SectionParams = strictObject({ reportId: ObjectIdSchema, section: SectionKeySchema });

const sectionExample = {
  reportId: EXAMPLE_IDS.report,
  section: "workforce",
  disclosure: REPORT_SECTIONS.workforce.disclosure,
  title: REPORT_SECTIONS.workforce.title,
  value: workforceSectionExample,
};

export const getReportSection = defineEndpoint({
  operationId: "getReportSection",
  method: "get",
  path: "/reports/{reportId}/sections/{section}",
  tag: "Reports",
  summary: "Read one section of a report",
  access: "reports:read",
  concurrency: "read",
  params: SectionParams,
  response: { status: 200, description: "The section (value null when not started).", schema: ReportSectionResourceSchema, example: sectionExample },
  errors: [304, 404],
});

export const putReportSection = defineEndpoint({
  operationId: "putReportSection",
  method: "put",
  path: "/reports/{reportId}/sections/{section}",
  tag: "Reports",
  summary: "Replace one section of a draft report",
  description:
    "The body is the section's content, checked against that section's schema and, merged into the report, " +
    "against the rules spanning sections. Send the report's ETag in If-Match.",
  access: "reports:write",
  concurrency: "write",
  params: SectionParams,
  body: AnySectionSchema,
  bodyFor: ({ section }) => REPORT_SECTION_SCHEMAS[section],
  bodyExample: workforceSectionExample,
  response: { status: 200, description: "The section as stored; ETag is the report's new one.", schema: ReportSectionResourceSchema },
  errors: [404, 409, 412, 413, 415, 422, 428],
});
