/**
 * The exchange's formats and upload limits, for the server, the API and the pages (download buttons, upload
 * form), and the shape of an import's answer. Browser-safe.
 */
import { z } from "zod";

/** Export formats of GET /api/v1/reports/{id}/export?format=… */
export const EXPORT_FORMATS = {
  ixbrl: { contentType: "application/xhtml+xml; charset=utf-8", extension: "xhtml", label: "Inline XBRL (XHTML)" },
  "xbrl-json": { contentType: "application/json; charset=utf-8", extension: "json", label: "xBRL-JSON" },
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv", label: "CSV (one row per fact)" },
  json: { contentType: "application/json; charset=utf-8", extension: "report.json", label: "JSON (report)" },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === "string" && Object.hasOwn(EXPORT_FORMATS, value);
}

/** The download URL of a report's export (the API endpoint; signed-in pages may use it too). */
export const exportUrl = (reportId: string, format: ExportFormat) =>
  `/api/v1/reports/${encodeURIComponent(reportId)}/export?format=${format}`;

/** Limits applied to uploaded workbooks before anything is inflated (docs/exchange.md). */
export const XLSX_LIMITS = {
  /** Uploads above this are refused before reading (EFRAG's template is under 1 MB). */
  maxUploadBytes: 10 * 1024 * 1024,
  /** Entries in the zip. */
  maxEntries: 2_000,
  /** Declared uncompressed size of the parts read, together. */
  maxUncompressedBytes: 100 * 1024 * 1024,
  /** Declared uncompressed ÷ compressed size of any part over 1 MB (Excel's XML compresses about 20:1). */
  maxCompressionRatio: 200,
} as const;

// ---------------------------------------------------------------------------------------------------------
// The answer of a Digital Template import (POST /api/v1/reports/import)

export const CellOutcomeSchema = z
  .object({
    cell: z.string().meta({ description: "Sheet and cell, as Excel shows them: `'General Information'!E283`." }),
    name: z.string().meta({ description: "The defined name the cell belongs to (a taxonomy concept, e.g. `Turnover`)." }),
    status: z.enum(["imported", "ignored"]),
    reason: z.string().optional().meta({ description: "Why the cell was ignored." }),
    shown: z.string().meta({ description: "The cell's value as the workbook shows it." }),
  })
  .meta({ id: "ImportedCell", description: "What happened to one input cell of the workbook." });
export type CellOutcome = z.infer<typeof CellOutcomeSchema>;

export const ImportSummarySchema = z
  .object({
    report: z
      .object({ id: z.string(), year: z.number().int(), created: z.boolean() })
      .meta({ description: "The draft report written (created, or updated)." }),
    company: z
      .object({ created: z.boolean(), updated: z.array(z.string()) })
      .meta({ description: "The company profile: created from the workbook, or the fields it changed." }),
    imported: z.number().int().meta({ description: "Cells imported." }),
    ignored: z.number().int().meta({ description: "Cells ignored (see `cells[].reason`)." }),
    cells: z.array(CellOutcomeSchema),
    templateVersion: z.string().meta({ description: "The Digital Template version the workbook names, e.g. 1.3.0." }),
  })
  .meta({ id: "ImportSummary", description: "What a Digital Template import wrote, and what it imported or ignored per cell." });
