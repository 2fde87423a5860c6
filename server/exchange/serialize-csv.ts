/**
 * CSV of a report's facts: one row per fact, UTF-8 with a byte-order mark (so spreadsheet programs detect the
 * encoding), RFC 4180 quoting, numbers as plain decimals with a dot (no grouping), formula-like text defused.
 */
import { isInstant, type Fact } from "./facts";
import { conceptLabel, dimensionsText, memberText } from "./labels";
import { concept } from "./taxonomy";

const HEADER = ["disclosure", "concept", "label", "value", "value_label", "unit", "decimals", "period_start", "period_end", "instant", "dimensions", "breakdown", "comparative"];

/** Quotes a field when needed; a leading = + - @ on text is prefixed with ' so no spreadsheet runs it as a formula. */
function field(value: string, numeric = false): string {
  let text = value;
  if (!numeric && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function serializeCsv(facts: readonly Fact[]): string {
  const lines = [HEADER.join(",")];
  for (const fact of facts) {
    const c = concept(fact.concept);
    const numeric = c?.numeric === true;
    const valueLabel = c?.domain ? fact.value.split(/\s+/).filter(Boolean).map(memberText).join("; ") : "";
    const dims = Object.entries(fact.dimensions)
      .map(([axis, member]) => `${axis}=${member}`)
      .join(" ");
    lines.push(
      [
        field(fact.disclosure ?? ""),
        field(fact.concept),
        field(conceptLabel(fact)),
        field(fact.value, numeric),
        field(valueLabel),
        field(fact.unit ?? ""),
        fact.decimals === undefined ? "" : String(fact.decimals),
        isInstant(fact.period) ? "" : fact.period.start,
        isInstant(fact.period) ? "" : fact.period.end,
        isInstant(fact.period) ? fact.period.instant : "",
        field(dims),
        field(dimensionsText(fact)),
        fact.comparative ? "true" : "false",
      ].join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
