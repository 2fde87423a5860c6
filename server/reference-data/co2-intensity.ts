import { readFile } from "node:fs/promises";
import { parseCsvRecords } from "./csv";
import { referenceFilePath } from "./paths";

export class Co2IntensityDataError extends Error {
  override name = "Co2IntensityDataError";
}

/** Which classification a factor is keyed by; the two parts of the file measure different things. */
export const CO2_CODE_SYSTEMS = {
  /** Eurostat env_ac_aeint_r2: direct emissions per EUR of gross value added, keyed by NACE Rev. 2 aggregates. */
  naceRev2Aggregate: "NACE Rev. 2 (Eurostat A*64 / section aggregates)",
  /** US EPA supply-chain factors: cradle-to-shelf emissions per USD spent, keyed by NAICS 2017. */
  naics2017: "NAICS 2017 (6-digit)",
} as const;
export type Co2CodeSystem = keyof typeof CO2_CODE_SYSTEMS;

export interface Co2IntensityRecord {
  sectorCode: string;
  codeSystem: Co2CodeSystem;
  title: string;
  value: number;
  /** Verbatim unit of the source, e.g. "g CO2e per EUR of gross value added (current prices)". */
  unit: string;
  valueBasis: string;
  valueExclMargins: number | null;
  margins: number | null;
  geography: string;
  dataYear: number;
  priceYear: number | null;
  referenceCode: string | null;
  /** NACE Rev. 2 classes a NAICS factor may correspond to (many-to-many); empty for NACE rows. */
  naceRev2Candidates: string[];
  source: string;
  sourceFile: string;
  license: string;
  notes: string | null;
}

const COLUMNS = [
  "sector_code",
  "code_system",
  "title",
  "value",
  "unit",
  "value_basis",
  "value_excl_margins",
  "margins",
  "geography",
  "data_year",
  "price_year",
  "reference_code",
  "nace_rev2_candidates",
  "source",
  "source_file",
  "license",
  "notes",
] as const;

const codeSystemByLabel = new Map<string, Co2CodeSystem>(
  Object.entries(CO2_CODE_SYSTEMS).map(([key, label]) => [label, key as Co2CodeSystem]),
);

function requiredNumber(raw: string, what: string, record: number): number {
  const trimmed = raw.trim();
  const value = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(value)) {
    throw new Co2IntensityDataError(`Record ${record}: ${what} "${raw}" is not a number`);
  }
  return value;
}

function optionalNumber(raw: string, what: string, record: number): number | null {
  return raw.trim() === "" ? null : requiredNumber(raw, what, record);
}

const emptyToNull = (raw: string): string | null => (raw.trim() === "" ? null : raw.trim());

export function parseCo2IntensityCsv(text: string): Co2IntensityRecord[] {
  return parseCsvRecords(text, COLUMNS).map((row, index) => {
    const record = index + 1;
    const codeSystem = codeSystemByLabel.get(row.code_system);
    if (!codeSystem) throw new Co2IntensityDataError(`Record ${record}: unknown code system "${row.code_system}"`);
    const value = requiredNumber(row.value, "value", record);
    if (value < 0) throw new Co2IntensityDataError(`Record ${record}: negative intensity ${value}`);
    const sectorCode = row.sector_code.trim();
    if (sectorCode === "") throw new Co2IntensityDataError(`Record ${record}: empty sector code`);
    return {
      sectorCode,
      codeSystem,
      title: row.title.trim(),
      value,
      unit: row.unit.trim(),
      valueBasis: row.value_basis.trim(),
      valueExclMargins: optionalNumber(row.value_excl_margins, "value_excl_margins", record),
      margins: optionalNumber(row.margins, "margins", record),
      geography: row.geography.trim(),
      dataYear: requiredNumber(row.data_year, "data_year", record),
      priceYear: optionalNumber(row.price_year, "price_year", record),
      referenceCode: emptyToNull(row.reference_code),
      naceRev2Candidates: row.nace_rev2_candidates
        .split(";")
        .map((c) => c.trim())
        .filter((c) => c !== ""),
      source: row.source.trim(),
      sourceFile: row.source_file.trim(),
      license: row.license.trim(),
      notes: emptyToNull(row.notes),
    };
  });
}

export async function loadCo2Intensities(dir?: string): Promise<Co2IntensityRecord[]> {
  return parseCo2IntensityCsv(await readFile(referenceFilePath("co2IntensityBySector", dir), "utf8"));
}
