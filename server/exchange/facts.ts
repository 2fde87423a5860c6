/**
 * The exchange's fact model: a report as the list of XBRL facts it files. Every serializer (inline XBRL,
 * xBRL-JSON, CSV) and the structure checks work on this list, so they cannot disagree about what a report says.
 */
import type { PeriodType } from "./taxonomy";

export type FactPeriod = { instant: string } | { start: string; end: string };

export interface Fact {
  /** QName, e.g. `vsme:Turnover`. */
  concept: string;
  /**
   * XBRL lexical value: a plain decimal for numbers, `true`/`false`, member QNames separated by spaces for
   * enumerations, the text itself otherwise.
   */
  value: string;
  /** A measure (`iso4217:EUR`, `utr:MWh`, `xbrli:pure`) or `numerator/denominator`; absent on non-numeric facts. */
  unit?: string;
  decimals?: number;
  /** Dates as in an XBRL 2.1 context: durations with an inclusive end date; instants at the end of that day. */
  period: FactPeriod;
  /** Axis → member QName (explicit axes) or the typed value (typed axes). */
  dimensions: Readonly<Record<string, string>>;
  /** Disclosure code (B1 … C9, D99) the fact is shown under. */
  disclosure?: string;
  /** Label shown with the fact in the readable document and the CSV. */
  label?: string;
  /** True for the previous period's value (para 12 comparatives). */
  comparative?: boolean;
}

/** The filing's frame: who reports, for which period, in which currency. */
export interface FilingFrame {
  entityName: string;
  /** Identifier scheme URI and value, e.g. `http://standards.iso.org/iso/17442` + LEI. */
  identifier: { scheme: string; value: string };
  period: { start: string; end: string };
  currency: string;
  year: number;
  language?: string;
}

export const IDENTIFIER_SCHEME_URIS = {
  LEI: "http://standards.iso.org/iso/17442",
  EUID: "https://euid.eu/",
} as const;

/** The context period of a concept for a reporting period: instants are taken at the period's last day. */
export function periodFor(periodType: PeriodType, period: { start: string; end: string }): FactPeriod {
  return periodType === "instant" ? { instant: period.end } : { start: period.start, end: period.end };
}

export function isInstant(period: FactPeriod): period is { instant: string } {
  return "instant" in period;
}

/** The day after an ISO date: XBRL's instant/end "at the end of the day" is the next day at midnight in OIM. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The previous day (OIM → XBRL 2.1 dates). */
export function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A number as an XBRL decimal: no exponent, binary-float noise removed (0.1 + 0.2 → "0.3"; 15 significant digits
 * is what a double holds exactly).
 */
export function xbrlDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const clean = Number(value.toPrecision(15));
  if (clean === 0) return "0";
  const text = String(clean);
  if (!/e/i.test(text)) return text;
  // Expand the exponent: toFixed handles up to 100 fraction digits, then trailing zeros go.
  const abs = Math.abs(clean);
  const digits = abs < 1 ? Math.min(100, 15 - Math.floor(Math.log10(abs))) : 0;
  const fixed = clean.toFixed(digits);
  return digits > 0 ? fixed.replace(/\.?0+$/, "") : fixed;
}

/** `decimals` for a fact: 2 for amounts and quantities, 4 for ratios (fractions), ≥ 4 significant digits for intensities. */
export function decimalsFor(dataType: string, value: number): number {
  if (dataType === "dtr-types:percentItemType") return 4;
  if (dataType === "dtr-types:ghgEmissionsPerMonetaryItemType" && value !== 0) {
    return Math.max(2, 3 - Math.floor(Math.log10(Math.abs(value))));
  }
  return 2;
}

/** A stable key of a fact's context (entity is the same for every fact of a filing). */
export function contextKey(fact: Pick<Fact, "period" | "dimensions">): string {
  const period = isInstant(fact.period) ? fact.period.instant : `${fact.period.start}/${fact.period.end}`;
  const dims = Object.entries(fact.dimensions)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([axis, member]) => `${axis}=${member}`)
    .join(",");
  return `${period}|${dims}`;
}
