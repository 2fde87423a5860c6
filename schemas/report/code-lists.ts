/**
 * Code lists of the VSME taxonomy the report schemas validate against: pollutants (B4) and the European List of
 * Waste (B7). Lookups are built on first use.
 */
import { POLLUTANT_ROWS, WASTE_CODE_ROWS } from "../generated/vsme-code-lists";

export interface WasteCode {
  /** Six digits, e.g. "200101" (written "20 01 01" in the List of Waste). */
  code: string;
  hazardous: boolean;
  label: string;
  /** Taxonomy member local name (prefix `waste:`). */
  member: string;
}

let wasteIndex: ReadonlyMap<string, WasteCode> | undefined;
export function getWasteCode(code: string): WasteCode | undefined {
  wasteIndex ??= new Map(WASTE_CODE_ROWS.map(([c, hazardous, label, member]) => [c, { code: c, hazardous, label, member }]));
  return wasteIndex.get(code);
}
export function listWasteCodes(): WasteCode[] {
  return WASTE_CODE_ROWS.map(([code, hazardous, label, member]) => ({ code, hazardous, label, member }));
}

let pollutantIndex: ReadonlyMap<string, string> | undefined;
/** The pollutant's label, or undefined for a key that is not on `TypeOfPollutantAxis`. */
export function getPollutantLabel(key: string): string | undefined {
  pollutantIndex ??= new Map(POLLUTANT_ROWS);
  return pollutantIndex.get(key);
}
export function listPollutants(): Array<{ key: string; label: string; member: string }> {
  return POLLUTANT_ROWS.map(([key, label]) => ({ key, label, member: `vsme:${key}Member` }));
}
