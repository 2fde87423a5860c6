/**
 * Reports stored before the complete VSME model (issue 8) are brought to it, losing nothing:
 * - `undertaking`: the company facts the report states, copied from the company profile (as the repository does
 *   on every draft write from now on);
 * - trigger questions the stored data already answers: `containsUnchangedDisclosures` (a non-empty list),
 *   `energy.hasBreakdown` and `ghg.hasScope3` (values present), `employsInMoreThanOneCountry` (rows for more than
 *   one country), B11 `hasConvictionsOrFines` (the amounts say yes or no). Nothing is invented: a question the
 *   data does not answer stays open, and completeness asks it;
 * - `metrics` recomputed in the new shape (completeness per module and disclosure, warnings, comparatives with
 *   the previous year's report).
 * Sections marked "not applicable" keep their status and reason. A changed report gets version + 1 (so a stale
 * editor's save is refused rather than overwriting the migration). Idempotent: a second run changes nothing.
 */
import type { Db, Document } from "mongodb";
import { ObjectId } from "mongodb";
import { computeReportMetrics, ReportStoredSchema, undertakingSnapshot, type ReportContent } from "../../schemas/report";
import type { Migration } from "./types";

const ACTOR = "system:migration-0002";

type Sections = Record<string, Record<string, unknown> | undefined>;

const hasValues = (value: unknown): boolean =>
  value !== null && typeof value === "object"
    ? Object.values(value).some(hasValues)
    : value !== undefined && value !== null;

/** The trigger answers the stored data gives; the content is changed in place. */
export function answerTriggersFromData(sections: Sections): void {
  const basis = sections.basisForPreparation;
  if (basis?.status === "reported" && basis.containsUnchangedDisclosures === undefined && Array.isArray(basis.unchangedDisclosures) && basis.unchangedDisclosures.length > 0) {
    basis.containsUnchangedDisclosures = true;
  }
  const b3 = sections.energyAndEmissions;
  if (b3?.status === "reported") {
    const energy = b3.energy as Record<string, unknown> | undefined;
    if (energy && energy.hasBreakdown === undefined && hasValues(energy.breakdown)) energy.hasBreakdown = true;
    const ghg = b3.ghg as Record<string, unknown> | undefined;
    const scope3 = ghg?.grossScope3 as Record<string, unknown> | undefined;
    if (ghg && ghg.hasScope3 === undefined && (scope3?.value !== undefined || hasValues(scope3?.categories))) ghg.hasScope3 = true;
  }
  const workforce = sections.workforce;
  if (workforce?.status === "reported" && workforce.employsInMoreThanOneCountry === undefined) {
    const countries = new Set((workforce.byCountry as Array<{ country: string }> | undefined)?.map((row) => row.country) ?? []);
    if (countries.size > 1) workforce.employsInMoreThanOneCountry = true;
  }
  const b11 = sections.businessConduct;
  if (b11?.status === "reported" && b11.hasConvictionsOrFines === undefined) {
    const convictions = b11.numberOfConvictionsForCorruptionAndBribery as number | undefined;
    const fines = b11.amountOfFinesForCorruptionAndBribery as number | undefined;
    if (convictions !== undefined || fines !== undefined) b11.hasConvictionsOrFines = (convictions ?? 0) > 0 || (fines ?? 0) > 0;
  }
}

/** The migrated form of one stored report (undefined when it is already current). */
export function migrateReport(report: Document, company: Document | null, previousYear: Document | null): Document | undefined {
  const next = structuredClone(report);
  answerTriggersFromData((next.sections ??= {}) as Sections);
  if (!next.undertaking && company) {
    next.undertaking = undertakingSnapshot(company as never, report.updatedAt instanceof Date ? report.updatedAt : new Date());
  }
  next.metrics = computeReportMetrics(next as unknown as ReportContent, { undertaking: next.undertaking, previous: previousYear as never });
  const { _id, organizationId, version, createdAt, updatedAt, createdBy, updatedBy, ...stored } = next;
  const parsed = ReportStoredSchema.safeParse(stored);
  if (!parsed.success) {
    throw new Error(`report ${String(_id)} does not fit the new model: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  if (JSON.stringify(stored) === JSON.stringify(withoutMeta(report))) return undefined;
  return next;
}

function withoutMeta(report: Document): Document {
  const { _id, organizationId, version, createdAt, updatedAt, createdBy, updatedBy, ...stored } = report;
  return stored;
}

export const reportsCompleteVsmeModel: Migration = {
  id: "0002-reports-complete-vsme-model",
  description: "Reports: company facts snapshot, trigger answers the data gives, metrics with completeness per module, warnings and comparatives",
  async up(db: Db, context) {
    const reports = db.collection("reports");
    const companies = db.collection("companies");
    let changed = 0;
    let seen = 0;
    // Oldest year first: a report's comparatives read the previous year's report as migrated.
    for await (const report of reports.find({}).sort({ organizationId: 1, year: 1 })) {
      if (context.signal.aborted) throw new Error("lost the migration lock");
      seen += 1;
      const companyId = typeof report.companyId === "string" && ObjectId.isValid(report.companyId) ? new ObjectId(report.companyId) : null;
      const company = companyId ? await companies.findOne({ _id: companyId, organizationId: report.organizationId }) : null;
      const previousYear = await reports.findOne({ organizationId: report.organizationId, year: report.year - 1 });
      const next = migrateReport(report, company, previousYear);
      if (!next) continue;
      const { _id, ...fields } = next;
      const result = await reports.replaceOne(
        { _id: report._id, version: report.version },
        { ...fields, version: report.version + 1, updatedAt: new Date(), updatedBy: ACTOR },
      );
      // A report edited meanwhile was written by the new code, which derives all of this itself.
      if (result.modifiedCount === 1) changed += 1;
    }
    context.log(`${changed} of ${seen} reports brought to the complete VSME model`);
  },
};
