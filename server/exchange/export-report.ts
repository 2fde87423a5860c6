/**
 * A report as a downloadable file: inline XBRL (XHTML), xBRL-JSON, CSV of the facts, or the report's JSON.
 * The previous year's report, when there is one, supplies the comparatives.
 */
import { EXPORT_FORMATS, type ExportFormat } from "../../schemas/exchange";
import type { TenantRepositories } from "../repositories";
import { reportFacts } from "./report-facts";
import { serializeCsv } from "./serialize-csv";
import { serializeInlineXbrl } from "./serialize-ixbrl";
import { serializeXbrlJson } from "./serialize-xbrl-json";

export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
}

/** `vsme-<identifier>-<year>.<ext>`, with anything but letters, digits, dot and dash replaced. */
export function exportFilename(identifier: string, year: number, format: ExportFormat): string {
  const id = identifier.replace(/[^A-Za-z0-9.-]+/g, "-").replace(/^-+|-+$/g, "") || "report";
  return `vsme-${id}-${year}.${EXPORT_FORMATS[format].extension}`;
}

/** `Content-Disposition` for a download: ASCII name plus the RFC 5987 UTF-8 form. */
export function attachmentDisposition(filename: string): string {
  return `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function exportReport(repos: TenantRepositories, id: string, format: ExportFormat): Promise<ExportFile> {
  const report = await repos.reports.get(id);
  const company = report.undertaking ? undefined : ((await repos.companies.current()) ?? undefined);
  const identifier = report.undertaking?.identifier.value ?? company?.identifier.value ?? "report";
  const meta = { contentType: EXPORT_FORMATS[format].contentType, filename: exportFilename(identifier, report.year, format) };
  if (format === "json") return { ...meta, body: `${JSON.stringify(report, null, 2)}\n` };
  const previous = (await repos.reports.forYear(report.year - 1)) ?? undefined;
  const filing = reportFacts(report, { previous, company });
  if (format === "ixbrl") return { ...meta, body: serializeInlineXbrl(filing) };
  if (format === "xbrl-json") return { ...meta, body: serializeXbrlJson(filing.frame, filing.facts) };
  return { ...meta, body: serializeCsv(filing.facts) };
}
