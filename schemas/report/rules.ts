/** Helpers for cross-field rules: issues land on the field (path) a form should highlight. */
import { z } from "zod";
import { formatNumber, sumsMatch } from "../common";

export type Path = ReadonlyArray<string | number>;

export function addIssue(ctx: z.RefinementCtx, path: Path, message: string): void {
  ctx.addIssue({ code: "custom", path: [...path], message, input: undefined });
}

/** Sum of the parts that are present; undefined if none is. */
export function sumPresent(values: ReadonlyArray<number | undefined>): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length === 0 ? undefined : present.reduce((a, b) => a + b, 0);
}

/**
 * Reports a breakdown that does not add up to its total. `parts` are labelled so the message can show the
 * arithmetic the preparer has to fix, e.g. "Permanent (40) and temporary (5) employees add up to 45, …".
 */
export function checkBreakdown(
  ctx: z.RefinementCtx,
  path: Path,
  parts: ReadonlyArray<readonly [label: string, value: number]>,
  total: { label: string; value: number },
  unit = "",
): void {
  const sum = parts.reduce((acc, [, v]) => acc + v, 0);
  if (sumsMatch(sum, total.value)) return;
  const u = unit ? ` ${unit}` : "";
  addIssue(
    ctx,
    path,
    `${breakdownSentence(parts)} add up to ${formatNumber(sum)}${u}, but ${total.label} is ${formatNumber(total.value)}${u}.`,
  );
}

/** "Permanent (40) and temporary (5)": the labelled parts of a sum, capitalised, for messages. */
export function breakdownSentence(parts: ReadonlyArray<readonly [label: string, value: number]>): string {
  const list = parts.map(([label, v]) => `${label} (${formatNumber(v)})`);
  const joined = list.length > 1 ? `${list.slice(0, -1).join(", ")} and ${list.at(-1)}` : (list[0] ?? "");
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** A yes/no answer (trigger questions, booleans of the standard). */
export const yesNo = () => z.boolean({ error: "Answer yes or no" });

/** Flags every repeat of a value in a list, on the repeated entry (and its `column` when the list holds rows). */
export function noDuplicates<T>(
  ctx: z.RefinementCtx,
  path: Path,
  items: readonly T[] | undefined,
  what: string,
  column?: string,
): void {
  const seen = new Set<T>();
  items?.forEach((item, index) => {
    if (seen.has(item)) addIssue(ctx, column ? [...path, index, column] : [...path, index], `${String(item)} is listed twice in ${what}`);
    seen.add(item);
  });
}
