/**
 * The exchange's formats and upload limits, without a schema library: the pages' download buttons and upload
 * form use them in the browser. `./exchange.ts` re-exports them beside the import answer's schema.
 */

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
