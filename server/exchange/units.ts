/** Which unit a numeric fact carries, and conversions between the units a value may arrive in. */
import type { TaxonomyConcept } from "./taxonomy";

/** Display units of the catalogue (FieldSpec.unit) that are Unit Type Registry measures. */
const DISPLAY_UNITS: Readonly<Record<string, string>> = {
  MWh: "utr:MWh",
  kWh: "utr:kWh",
  tCO2e: "utr:tCO2e",
  t: "utr:t",
  kg: "utr:kg",
  m3: "utr:m3",
  ha: "utr:ha",
  m2: "utr:sqm",
};

/** The unit of a numeric concept: the report currency for money, the display unit when it is a UTR measure, else the data type's usual one. */
export function unitFor(c: TaxonomyConcept, currency: string | undefined, displayUnit?: string): string | undefined {
  if (c.baseType === "xbrli:monetaryItemType") return currency ? `iso4217:${currency}` : undefined;
  if (c.dataType === "dtr-types:ghgEmissionsPerMonetaryItemType") return currency ? `utr:tCO2e/iso4217:${currency}` : undefined;
  const shown = displayUnit ? DISPLAY_UNITS[displayUnit] : undefined;
  if (shown) return shown;
  const byType: Record<string, string> = {
    "dtr-types:energyItemType": "utr:MWh",
    "dtr-types:ghgEmissionsItemType": "utr:tCO2e",
    "dtr-types:massItemType": "utr:t",
    "dtr-types:volumeItemType": "utr:m3",
    "dtr-types:areaItemType": "utr:ha",
  };
  return byType[c.dataType] ?? "xbrli:pure";
}

/** Factors to a base unit per physical dimension; units in the same family convert into each other. */
const FACTORS: Readonly<Record<string, readonly [family: string, factor: number]>> = {
  "utr:g": ["mass", 1e-6],
  "utr:kg": ["mass", 1e-3],
  "utr:t": ["mass", 1],
  "utr:kWh": ["energy", 1e-3],
  "utr:MWh": ["energy", 1],
  "utr:GWh": ["energy", 1e3],
  "utr:sqm": ["area", 1e-4],
  "utr:ha": ["area", 1],
  "utr:sqkm": ["area", 100],
  "utr:l": ["volume", 1e-3],
  "utr:m3": ["volume", 1],
};

/** `value` in `from` expressed in `to`, or undefined when the units measure different things. */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const a = FACTORS[from];
  const b = FACTORS[to];
  if (!a || !b || a[0] !== b[0]) return undefined;
  return (value * a[1]) / b[1];
}
