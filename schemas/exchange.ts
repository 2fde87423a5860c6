/**
 * The exchange's formats and upload limits, for the server, the API and the pages (download buttons, upload
 * form), and the shape of an import's answer. The formats and limits are in ./exchange-formats.ts, which pages
 * import without loading Zod.
 */
import { z } from "zod";

export { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, exportUrl, isExportFormat, XLSX_LIMITS, type ExportFormat } from "./exchange-formats";

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
