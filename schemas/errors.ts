import type { z } from "zod";

/**
 * Flattens a ZodError into messages keyed by dotted field path ("sections.workforce.byGender"), the shape a
 * form needs to show each message next to its field. Object-level issues (e.g. unknown fields) use "".
 */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
