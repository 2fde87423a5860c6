import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The `reference-data/` folder shipped at the repository root. */
export const REFERENCE_DATA_DIR = fileURLToPath(new URL("../../reference-data/", import.meta.url));

export const REFERENCE_FILES = {
  naceRev2: "nace-rev2.csv",
  naceRev2_1: "nace-rev2_1.csv",
  co2IntensityBySector: "co2-intensity-by-sector.csv",
} as const;

export function referenceFilePath(file: keyof typeof REFERENCE_FILES, dir = REFERENCE_DATA_DIR): string {
  return join(dir, REFERENCE_FILES[file]);
}
