import type { z } from "zod";

/**
 * Messages keyed by dotted field path ("sections.workforce.byGender"), the shape a form needs to show each
 * message next to its field. Object-level issues (e.g. unknown fields) use "".
 */
export function groupIssuesByField(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** A ZodError's messages keyed by dotted field path (see groupIssuesByField). */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  return groupIssuesByField(error.issues);
}
