/** A yearly VSME report: one per company and reporting year. */
import { z } from "zod";
import {
  formatNumber,
  IsoDateSchema,
  MIN_REPORTING_YEAR,
  MoneySchema,
  ObjectIdSchema,
  ReportingYearSchema,
  strictObject,
} from "../common";
import { tenantRecordMetaFields, tenantRecordSchema } from "../record";
import { siteIdentifier } from "./basis";
import { DISCLOSURES, fieldPath } from "./catalogue";
import { getPath, omittedGroups } from "./completeness";
import { groupCovers } from "./disclosure-groups";
import { ReportMetricsSchema } from "./metrics-schema";
import { addIssue } from "./rules";
import { ReportSectionsSchema } from "./sections";
import { UndertakingSnapshotSchema } from "./undertaking";

/** VSME module; maps to the XBRL `BasisForPreparation` (Option A = basic, Option B = basic + comprehensive). */
export const REPORT_MODULES = ["basic", "basic_comprehensive"] as const;
export const ReportModuleSchema = z
  .enum(REPORT_MODULES, { error: "Choose the Basic module, or Basic and Comprehensive" })
  .meta({ id: "ReportModule", description: "basic = VSME Option A; basic_comprehensive = Option B." });
export type ReportModule = z.infer<typeof ReportModuleSchema>;

export const REPORT_STATUSES = ["draft", "submitted", "approved"] as const;
export const ReportStatusSchema = z
  .enum(REPORT_STATUSES)
  .meta({ id: "ReportStatus", description: "Lifecycle: draft → submitted → approved; reopening returns to draft." });
export type ReportStatus = z.infer<typeof ReportStatusSchema>;

/** A reporting period may run up to 18 months (a first or changed financial year). */
export const MAX_PERIOD_MONTHS = 18;

export const ReportingPeriodSchema = strictObject(
  {
    start: IsoDateSchema,
    end: IsoDateSchema,
  },
  "Enter the first and last day of the reporting period",
)
  .superRefine((period, ctx) => {
    // ISO dates compare correctly as strings; both are already valid YYYY-MM-DD here.
    if (period.end <= period.start) {
      addIssue(ctx, ["end"], "The period must end after it starts");
      return;
    }
    const start = new Date(`${period.start}T00:00:00Z`);
    const limit = new Date(start);
    limit.setUTCMonth(limit.getUTCMonth() + MAX_PERIOD_MONTHS);
    if (new Date(`${period.end}T00:00:00Z`) >= limit) {
      addIssue(ctx, ["end"], `A reporting period can't be longer than ${MAX_PERIOD_MONTHS} months`);
    }
    if (Number(period.start.slice(0, 4)) < MIN_REPORTING_YEAR - 1) {
      addIssue(ctx, ["start"], `The period can't start before ${MIN_REPORTING_YEAR - 1}`);
    }
  })
  .meta({ id: "ReportingPeriod", description: "First and last day of the reporting period (inclusive)." });
export type ReportingPeriod = z.infer<typeof ReportingPeriodSchema>;

const reportContentFields = {
  /** The reporting year is the calendar year in which the period ends (a period 2024-07-01…2025-06-30 is 2025). */
  year: ReportingYearSchema,
  period: ReportingPeriodSchema,
  module: ReportModuleSchema,
  /** Turnover for the period; every other amount in the report is in this currency. */
  turnover: MoneySchema,
  /** Omitted on create: an empty draft. */
  sections: ReportSectionsSchema.default({}),
};

const ReportContentObject = strictObject(reportContentFields);
type ReportContentShape = z.output<typeof ReportContentObject>;

/** Rules that span the report-level fields and several sections. */
function checkReportContent(report: ReportContentShape, ctx: z.RefinementCtx) {
  const endYear = Number(report.period.end.slice(0, 4));
  if (endYear !== report.year) {
    addIssue(
      ctx,
      ["year"],
      `The reporting year is the year the period ends: ${endYear} for a period ending ${report.period.end}`,
    );
  }
  const workforce = report.sections.workforce;
  const remuneration = report.sections.remuneration;
  const employees = workforce?.status === "reported" ? workforce.numberOfEmployees : undefined;
  const covered =
    remuneration?.status === "reported" ? remuneration.employeesCoveredByCollectiveBargaining : undefined;
  if (employees !== undefined && covered !== undefined && covered > employees) {
    addIssue(
      ctx,
      ["sections", "remuneration", "employeesCoveredByCollectiveBargaining"],
      `More employees covered by collective agreements (${formatNumber(covered)}) than employees in total (${formatNumber(employees)})`,
    );
  }

  // B5 33: a site in or near a sensitive area is one of B1's sites (template: "select an ID from B1").
  const biodiversity = report.sections.biodiversity;
  if (biodiversity?.sites?.length) {
    const b1 = report.sections.basisForPreparation;
    const ids = new Set((b1?.sites ?? []).map((site, index) => siteIdentifier(site, index)));
    biodiversity.sites.forEach((site, index) => {
      if (!ids.has(site.siteId)) {
        addIssue(ctx, ["sections", "biodiversity", "sites", index, "siteId"], `Site ${site.siteId} is not in the list of sites of B1`);
      }
    });
  }

  // C8 63: revenues of the listed sectors are part of the turnover (template: Σ ≤ turnover).
  const c8 = report.sections.sectorRevenues;
  if (c8) {
    const parts = [c8.controversialWeapons, c8.tobacco, c8.coal, c8.oil, c8.gas, c8.chemicals].filter((v): v is number => v !== undefined);
    const sum = parts.reduce((a, b) => a + b, 0);
    if (sum > report.turnover.amount) {
      addIssue(
        ctx,
        ["sections", "sectorRevenues"],
        `Revenues from the listed sectors add up to ${formatNumber(sum)} ${report.turnover.currency}, more than the turnover of ${formatNumber(report.turnover.amount)} ${report.turnover.currency}`,
      );
    }
  }
}

/**
 * Para 24(b): a group omitted as classified or sensitive holds no values. Checked on what a preparer sends (a
 * report stored before the rule keeps its values until the next edit, which has to resolve it).
 */
function checkOmissions(report: ReportContentShape, ctx: z.RefinementCtx) {
  const omitted = omittedGroups(report as ReportContent);
  if (omitted.length === 0) return;
  for (const disclosure of DISCLOSURES) {
    for (const field of disclosure.fields) {
      if ((field.root ?? "section") !== "section" || field.derived) continue;
      const group = field.group ?? disclosure.code;
      const by = omitted.find((key) => groupCovers(key, group));
      if (!by) continue;
      const path = fieldPath(disclosure, field);
      const value = getPath(report, path);
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      if (field.isTrigger) continue;
      addIssue(ctx, path.split("."), `${field.label} is part of ${by}, which is omitted as classified or sensitive: remove the value, or stop omitting ${by}`);
    }
  }
}

/**
 * What a preparer sends to create a report, and what a merged report must satisfy after any update. Status,
 * company, metrics and audit fields are the server's and are rejected here.
 */
export const ReportInputSchema = ReportContentObject.superRefine(checkReportContent)
  .superRefine(checkOmissions)
  .meta({ id: "ReportInput", description: "A VSME report's content as entered by a preparer." });
export type ReportInput = z.input<typeof ReportInputSchema>;
export type ReportContent = z.output<typeof ReportInputSchema>;

/** Report-level fields a preparer may change after creation (the year is the report's identity). */
export const ReportDetailsPatchSchema = strictObject({
  period: ReportingPeriodSchema.optional(),
  module: ReportModuleSchema.optional(),
  turnover: MoneySchema.optional(),
}).meta({ id: "ReportDetailsPatch", description: "Changes to a report's period, module or turnover." });
export type ReportDetailsPatch = z.infer<typeof ReportDetailsPatchSchema>;

/**
 * What the reports collection stores besides the record meta fields. `metrics` are recomputed by the server on
 * every write (computeReportMetrics).
 */
export const ReportStoredSchema = strictObject({
  companyId: ObjectIdSchema,
  status: ReportStatusSchema,
  ...reportContentFields,
  /** Company facts as of the last draft edit or the submission (absent only on reports stored before it existed). */
  undertaking: UndertakingSnapshotSchema.optional(),
  metrics: ReportMetricsSchema,
}).superRefine(checkReportContent);

/** A report as the repository returns and the API publishes it. */
export const ReportSchema = tenantRecordSchema(ReportStoredSchema).meta({
  id: "Report",
  description: "A VSME report with its server-computed metrics.",
});
export type Report = z.infer<typeof ReportSchema>;

/**
 * A report as a list shows it: identity, period, module, status, version and dates, and the overall
 * completeness (counts only). The whole report (sections, metrics) is one GET away (ADR 0025).
 */
export const ReportSummarySchema = strictObject({
  ...tenantRecordMetaFields,
  companyId: ObjectIdSchema,
  status: ReportStatusSchema,
  year: reportContentFields.year,
  period: reportContentFields.period,
  module: reportContentFields.module,
  /** Overall: required datapoints filled, percent, and whether the report is complete (as in metrics.completeness). */
  completeness: strictObject({
    filled: z.number().int().min(0),
    required: z.number().int().min(0),
    percent: z.number().min(0).max(100),
    complete: z.boolean(),
  }),
}).meta({ id: "ReportSummary", description: "A report in a list: identity, status, version and overall completeness; GET the report for its content." });
export type ReportSummary = z.infer<typeof ReportSummarySchema>;
