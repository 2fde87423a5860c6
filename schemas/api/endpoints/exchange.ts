import { z } from "zod";
import { strictObject } from "../../common";
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, ImportSummarySchema, XLSX_LIMITS } from "../../exchange";
import { defineEndpoint } from "../contract";
import { ReportIdParams } from "./reports";

const fileSchema = z.string().meta({ format: "binary", description: "The file." });

export const exportReport = defineEndpoint({
  operationId: "exportReport",
  method: "get",
  path: "/reports/{reportId}/export",
  tag: "Reports",
  summary: "Download a report as inline XBRL, xBRL-JSON, CSV or JSON",
  description:
    "Inline XBRL 1.1 (a readable, printable XHTML report tagged against the EFRAG VSME taxonomy 2026-05-01), " +
    "xBRL-JSON of the same facts, CSV with one row per fact (UTF-8 with BOM), or the report's JSON. The previous " +
    "year's report supplies comparatives. `Content-Disposition` names the file `vsme-<identifier>-<year>.<ext>`. " +
    "See docs/exchange.md.",
  access: "reports:read",
  params: ReportIdParams,
  query: strictObject({
    format: z.enum(EXPORT_FORMAT_NAMES).meta({ description: EXPORT_FORMAT_NAMES.map((f) => `${f}: ${EXPORT_FORMATS[f].label}`).join("; ") }),
  }),
  response: {
    status: 200,
    description: "The file, as an attachment.",
    schema: fileSchema,
    mediaTypes: [...new Set(Object.values(EXPORT_FORMATS).map((f) => f.contentType.split(";")[0]!))],
  },
  errors: [404],
});

export const importReport = defineEndpoint({
  operationId: "importReport",
  method: "post",
  path: "/reports/import",
  tag: "Reports",
  summary: "Import a filled EFRAG VSME Digital Template (.xlsx)",
  description:
    "Creates (201) or updates (200) the draft report of the workbook's reporting year and the company profile's " +
    "legal form, country and NACE code, and answers per cell what was imported and what was ignored and why. " +
    "A report that already has values is only changed with `overwrite=true` (409 otherwise). Workbooks up to " +
    `${XLSX_LIMITS.maxUploadBytes / 1024 / 1024} MB without macros or external links (413 / 422 otherwise). See docs/exchange.md.`,
  access: "reports:write",
  query: strictObject({
    overwrite: z.enum(["true", "false"]).optional().meta({ description: "true: replace the values of a report that has values." }),
  }),
  bodyMediaType: "multipart/form-data",
  body: strictObject({ file: fileSchema.meta({ description: "The filled Digital Template (.xlsx)." }) }),
  response: { status: 200, description: "The report was updated; what was imported and ignored, per cell.", schema: ImportSummarySchema },
  errors: [201, 409, 413, 415, 422],
});
