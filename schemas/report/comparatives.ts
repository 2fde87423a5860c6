/**
 * Comparatives (para 12: "comparative information on metrics"): the previous year's value of every numeric
 * datapoint — captured or derived — kept with the report, and a warning when a value swings beyond
 * SWING_WARNING_THRESHOLD from it (a typo in units, a missing site, or a real change worth a sentence).
 */
import { formatNumber } from "../common";
import { catalogueEntries } from "./catalogue";
import { getPath } from "./completeness";
import type { ReportWarning } from "./metrics-schema";

/** A change of more than ±50 % from the previous year is queried (documented in docs/vsme-data-model.md). */
export const SWING_WARNING_THRESHOLD = 0.5;

const NUMERIC_KINDS = new Set(["number", "integer", "money", "percent"]);

/** The paths of the numeric datapoints with a single value (table cells have no year-on-year identity). */
const COMPARABLE = catalogueEntries()
  .filter((e) => !e.table && NUMERIC_KINDS.has(e.field.kind) && !e.path.includes("[]"))
  .map((e) => ({ path: e.path, label: e.field.label, unit: e.field.unit }));

export interface Comparatives {
  year: number;
  values: Array<{ path: string; value: number }>;
}

/** The numeric values of a report (its sections, turnover and metrics), by path from the report root. */
export function comparableValues(report: object): Record<string, number> {
  const values: Record<string, number> = {};
  for (const { path } of COMPARABLE) {
    const value = getPath(report, path);
    if (typeof value === "number" && Number.isFinite(value)) values[path] = value;
  }
  return values;
}

export function swingWarnings(current: Record<string, number>, previous: Comparatives): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const previousValue = new Map(previous.values.map((v) => [v.path, v.value]));
  for (const { path, label, unit } of COMPARABLE) {
    const now = current[path];
    const before = previousValue.get(path);
    if (now === undefined || before === undefined || before === 0) continue;
    const change = (now - before) / Math.abs(before);
    if (Math.abs(change) <= SWING_WARNING_THRESHOLD) continue;
    const shownUnit = unit && !["currency", "persons", "%"].includes(unit) ? ` ${unit}` : "";
    warnings.push({
      path,
      code: "year_on_year_swing",
      message: `${label} changed by ${change > 0 ? "+" : ""}${Math.round(change * 100)} % from ${previous.year} (${formatNumber(before)} → ${formatNumber(now)}${shownUnit}): check it, or explain the change`,
    });
  }
  return warnings;
}
