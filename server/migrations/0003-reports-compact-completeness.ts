/**
 * Reports store their completeness as counts and states only (ADR 0024): the lists of what is missing
 * (`missing` at the top, per section and per disclosure, and the disclosures' titles and modules) are dropped
 * from `metrics.completeness`; they are derived from the sections whenever a page or the API asks for them.
 * Nothing else changes: the counts, states, modules and blockers are kept exactly as stored. A changed report
 * gets version + 1, because its API representation changed (a cached copy under the old ETag is stale), but
 * keeps its `updatedAt`/`updatedBy` (nobody edited its content). Idempotent: a second run finds nothing to do.
 */
import type { Db, Document } from "mongodb";
import { CompletenessSummarySchema } from "../../schemas/report/metrics-schema";
import type { Migration } from "./types";

type Counts = { filled: number; required: number; percent: number };
const counts = ({ filled, required, percent }: Counts): Counts => ({ filled, required, percent });

/** The stored completeness in the compact shape, or undefined when it already has it. */
export function compactCompleteness(completeness: Document | undefined): Document | undefined {
  if (!completeness) return undefined;
  const sections = (completeness.sections ?? {}) as Record<string, Document>;
  const disclosures = (completeness.disclosures ?? []) as Document[];
  const compact = {
    ...counts(completeness as Counts),
    complete: completeness.complete,
    sections: Object.fromEntries(Object.entries(sections).map(([key, section]) => [key, { state: section.state, ...counts(section as Counts) }])),
    disclosures: disclosures.map((d) => ({ code: d.code, state: d.state, ...counts(d as Counts) })),
    modules: completeness.modules,
    blockers: completeness.blockers,
  };
  if (JSON.stringify(compact) === JSON.stringify(completeness)) return undefined;
  const parsed = CompletenessSummarySchema.safeParse(compact);
  if (!parsed.success) {
    throw new Error(`stored completeness does not fit the compact shape: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return compact;
}

export const reportsCompactCompleteness: Migration = {
  id: "0003-reports-compact-completeness",
  description: "Reports: completeness stored as counts and states; the lists of missing datapoints are computed on request",
  async up(db: Db, context) {
    const reports = db.collection("reports");
    let changed = 0;
    let seen = 0;
    for await (const report of reports.find({}, { projection: { _id: 1, version: 1, "metrics.completeness": 1 } })) {
      if (context.signal.aborted) throw new Error("lost the migration lock");
      seen += 1;
      let compact: Document | undefined;
      try {
        compact = compactCompleteness(report.metrics?.completeness as Document | undefined);
      } catch (error) {
        throw new Error(`report ${String(report._id)}: ${(error as Error).message}`);
      }
      if (!compact) continue;
      const result = await reports.updateOne(
        { _id: report._id, version: report.version },
        { $set: { "metrics.completeness": compact, version: report.version + 1 } },
      );
      // A report written meanwhile by the new code already stores the compact shape.
      if (result.modifiedCount === 1) changed += 1;
    }
    context.log(`${changed} of ${seen} reports store a compact completeness`);
  },
};
