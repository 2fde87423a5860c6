/**
 * Reports: one per company and reporting year. The status is the lifecycle's (services/report-lifecycle.ts)
 * and the metrics are recomputed by the server on every write; neither is accepted as input. Submitted and
 * approved reports cannot be edited until they are reopened.
 */
import {
  ReportInputSchema,
  ReportStoredSchema,
  computeReportMetrics,
  undertakingSnapshot,
  type ReportSectionKey,
  type ReportStatus,
  type ReportSummary,
} from "../../schemas/report";
import { REPORT_SECTION_KEYS } from "../../schemas/report/sections";
import { companiesCollection } from "./companies";
import { defineCollection, type InputFields, type StoredRecord } from "./core/define-collection";
import type { ListOptions, Page } from "./core/repository";
import type { DataScope } from "./core/scope";
import { ConflictError, ValidationError } from "./errors";

export const reportsCollection = defineCollection({
  name: "reports",
  entity: "Report",
  schema: ReportStoredSchema,
  inputSchema: ReportInputSchema,
  tenantScoped: true,
  filterable: ["year", "status", "module", "companyId"],
  sortable: ["year", "status"],
  indexes: [
    {
      name: "organizationId_companyId_year_unique",
      key: { organizationId: 1, companyId: 1, year: 1 },
      unique: true,
      duplicateMessage: "A report for this reporting year already exists",
    },
    { name: "organizationId_year", key: { organizationId: 1, year: -1, _id: -1 } },
    { name: "organizationId_status", key: { organizationId: 1, status: 1, _id: 1 } },
  ],
});

export type ReportRecord = StoredRecord<typeof reportsCollection>;

/** What a report summary reads: a few top-level fields and the overall counts, never sections or metrics. */
const SUMMARY_FIELDS = [
  "companyId",
  "status",
  "year",
  "period",
  "module",
  "metrics.completeness.filled",
  "metrics.completeness.required",
  "metrics.completeness.percent",
  "metrics.completeness.complete",
] as const;
type ReportInput = InputFields<typeof reportsCollection>;

/** Fields a preparer may change after creation; the year is the report's identity. */
const editableFields = new Set(["period", "module", "turnover", "sections"]);

function assertDraft(report: ReportRecord): void {
  if (report.status !== "draft") {
    throw new ConflictError(
      `This report is ${report.status}; reopen it before making changes`,
      { kind: "state" },
    );
  }
}

export function reportsRepository(scope: DataScope) {
  const companies = scope.repository(companiesCollection);
  const previousYears = scope.repository(reportsCollection);
  const repository = scope.repository(reportsCollection, {
    async derive(input, { previous }) {
      // Drafts follow the company profile; a submitted report keeps the facts it was submitted with (only
      // drafts are edited, and the lifecycle takes the last snapshot on submit).
      const company = previous ? await companies.find(previous.companyId) : await companies.findOne({});
      if (!company && !previous) throw ValidationError.single([], "Create the company profile before its first report");
      const companyId = previous?.companyId ?? company!.id;
      const undertaking = company ? undertakingSnapshot(company) : previous?.undertaking;
      // Para 12 comparatives: the previous reporting year's report of the organization, if there is one.
      const lastYear = await previousYears.findOne({ year: input.year - 1 });
      return {
        ...input,
        companyId,
        status: previous?.status ?? "draft",
        ...(undertaking ? { undertaking } : {}),
        metrics: computeReportMetrics(input, { undertaking, previous: lastYear }),
      };
    },
    assertUpdatable: assertDraft,
    assertDeletable: assertDraft,
  });

  return {
    get: repository.get.bind(repository),
    find: repository.find.bind(repository),
    findOne: repository.findOne.bind(repository),
    list: repository.list.bind(repository),
    /** A page of summaries (ReportSummary): the list's items without sections and metrics, read with a projection. */
    async listSummaries(options: ListOptions<typeof reportsCollection> = {}): Promise<Page<ReportSummary>> {
      const page = await repository.listFields(options, SUMMARY_FIELDS);
      return {
        items: page.items.map(({ metrics, ...fields }) => ({
          ...(fields as Omit<ReportSummary, "completeness">),
          completeness: (metrics as { completeness: ReportSummary["completeness"] }).completeness,
        })),
        nextCursor: page.nextCursor,
      };
    },
    count: repository.count.bind(repository),
    create: (input: ReportInput) => repository.create(input),
    delete: repository.delete.bind(repository),
    /** The organization's report for a reporting year, or null. */
    forYear: (year: number) => repository.findOne({ year }),

    /** Changes report-level fields and/or whole sections of a draft; metrics are recomputed. */
    async update(
      id: string,
      patch: Partial<Pick<ReportInput, "period" | "module" | "turnover" | "sections">>,
      options: { expectedVersion: number },
    ) {
      const notEditable = Object.keys(patch ?? {}).filter((key) => !editableFields.has(key));
      if (notEditable.length > 0) {
        throw new ValidationError(
          "These fields cannot be changed",
          notEditable.map((key) => ({
            path: [key],
            message: key === "year" ? "The reporting year cannot be changed; create a report for the other year" : `${key} cannot be changed here`,
            code: "unrecognized_keys",
          })),
        );
      }
      return repository.update(id, patch, options);
    },

    /** Replaces one section of a draft (validated with the whole report, so cross-section rules apply). */
    async updateSection<K extends ReportSectionKey>(
      id: string,
      section: K,
      value: NonNullable<ReportInput["sections"]>[K],
      options: { expectedVersion: number },
    ) {
      if (!(REPORT_SECTION_KEYS as string[]).includes(section)) {
        throw ValidationError.single(["section"], `Unknown section ${JSON.stringify(section)}`);
      }
      const current = await repository.get(id);
      assertDraft(current);
      return repository.update(id, { sections: { ...current.sections, [section]: value } }, options);
    },

    /** For the lifecycle service only: moves the status, keeping everything else as it is. */
    setStatus(id: string, status: ReportStatus, options: { expectedVersion: number }) {
      // The record's meta fields are dropped by the repository: it writes those itself.
      return repository.rewrite(id, options, (current) => ({ ...current, status }));
    },
  };
}

export type ReportsRepository = ReturnType<typeof reportsRepository>;
