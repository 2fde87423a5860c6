/**
 * Example values shown in the OpenAPI document and Swagger UI. Each is valid against its schema (a contract
 * test parses them), so partners can paste them as they are.
 */
import { computeReportMetrics } from "../report/metrics";
import { ReportInputSchema, type ReportInput } from "../report/report";
import { SAMPLE_SITES, SAMPLE_SUBSIDIARIES, sampleCompany } from "../sample-company";

export const EXAMPLE_IDS = {
  report: "665f1c2ab4d3e2f1a0c9b871",
  company: "665f1c2ab4d3e2f1a0c9b870",
  apiKey: "665f1c2ab4d3e2f1a0c9b872",
  organization: "org_2abcDEF123",
  user: "user_2xyzUVW789",
} as const;

export const companyExample = sampleCompany({ sites: [...SAMPLE_SITES], subsidiaries: [...SAMPLE_SUBSIDIARIES] });

export const reportInputExample = {
  year: 2025,
  period: { start: "2025-01-01", end: "2025-12-31" },
  module: "basic",
  turnover: { amount: 2_500_000, currency: "EUR" },
} as const satisfies ReportInput;

export const workforceSectionExample = {
  status: "reported",
  typeOfNumberOfEmployees: "headcount",
  employeeCountingMethodology: "end_of_period",
  numberOfEmployees: 60,
  byContract: { permanent: 50, temporary: 10 },
  byGender: { male: 30, female: 28, other: 1, notReported: 1 },
  byCountry: [
    { country: "DE", numberOfEmployees: 45 },
    { country: "FR", numberOfEmployees: 15 },
  ],
};

const stored = {
  organizationId: EXAMPLE_IDS.organization,
  createdBy: EXAMPLE_IDS.user,
  updatedBy: EXAMPLE_IDS.user,
  createdAt: "2025-03-01T09:30:00.000Z",
  updatedAt: "2025-03-02T14:05:00.000Z",
};

const reportContentExample = { ...reportInputExample, sections: { workforce: workforceSectionExample } };

export const reportExample = {
  id: EXAMPLE_IDS.report,
  ...stored,
  version: 2,
  companyId: EXAMPLE_IDS.company,
  status: "draft",
  ...reportContentExample,
  metrics: computeReportMetrics(ReportInputSchema.parse(reportContentExample)),
};

/** The same report as a list shows it. */
export const reportSummaryExample = {
  id: reportExample.id,
  ...stored,
  version: reportExample.version,
  companyId: reportExample.companyId,
  status: reportExample.status,
  year: reportExample.year,
  period: reportExample.period,
  module: reportExample.module,
  completeness: (({ filled, required, percent, complete }) => ({ filled, required, percent, complete }))(reportExample.metrics.completeness),
};
