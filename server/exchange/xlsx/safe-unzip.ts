/**
 * Reads the parts of an .xlsx (a zip) that the import needs, refusing hostile files before inflating anything:
 * the limits apply to the sizes the zip's central directory declares, and fflate inflates each part into a buffer
 * of exactly the declared size, so a part that lies about its size is cut short (and then fails to parse) rather
 * than allowed to grow.
 */
import { unzipSync } from "fflate";
import { XLSX_LIMITS } from "../../../schemas/exchange";

export class WorkbookRejected extends Error {
  constructor(
    message: string,
    readonly reason: "too_large" | "not_zip" | "zip_bomb" | "macros" | "external_links" | "not_xlsx" | "malformed",
  ) {
    super(message);
    this.name = "WorkbookRejected";
  }
}

export interface ZipParts {
  names: readonly string[];
  files: Readonly<Record<string, Uint8Array>>;
}

/** Unzips the parts `wanted` selects, after checking every entry's declared size and the zip as a whole. */
export function unzipParts(data: Uint8Array, wanted: (name: string) => boolean): ZipParts {
  if (data.byteLength > XLSX_LIMITS.maxUploadBytes) {
    throw new WorkbookRejected(
      `The file is ${(data.byteLength / 1024 / 1024).toFixed(1)} MB; workbooks up to ${XLSX_LIMITS.maxUploadBytes / 1024 / 1024} MB are accepted`,
      "too_large",
    );
  }
  // A zip starts with a local file header "PK\x03\x04".
  if (data.byteLength < 22 || data[0] !== 0x50 || data[1] !== 0x4b) {
    throw new WorkbookRejected("This is not an .xlsx workbook (the file is not a zip archive)", "not_zip");
  }
  const names: string[] = [];
  let declared = 0;
  let problem: WorkbookRejected | undefined;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter(entry) {
        if (problem) return false;
        names.push(entry.name);
        if (names.length > XLSX_LIMITS.maxEntries) {
          problem = new WorkbookRejected(`The workbook has more than ${XLSX_LIMITS.maxEntries} parts`, "zip_bomb");
          return false;
        }
        if (!wanted(entry.name)) return false;
        declared += entry.originalSize;
        const ratio = entry.originalSize / Math.max(entry.size, 1);
        if (declared > XLSX_LIMITS.maxUncompressedBytes || (entry.originalSize > 1024 * 1024 && ratio > XLSX_LIMITS.maxCompressionRatio)) {
          problem = new WorkbookRejected(
            "The workbook expands to far more data than a Digital Template holds (a possible zip bomb); it was not read",
            "zip_bomb",
          );
          return false;
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof WorkbookRejected) throw error;
    throw new WorkbookRejected(`The file is not a readable .xlsx workbook (damaged zip: ${(error as Error).message})`, "not_zip");
  }
  if (problem) throw problem;
  return { names, files };
}
