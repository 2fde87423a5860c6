import { getReportCompleteness } from "../../schemas/api/endpoints/report-views";
import { completenessOfReport } from "../../schemas/report/completeness";
import { apiResource, apiRoute, reply } from "../utils/api.server";

export const { loader, action, handle } = apiResource(
  apiRoute(getReportCompleteness, async ({ repos, params }) => {
    const report = await repos.reports.get(params.reportId);
    // Computed on request: the stored report keeps counts only (ADR 0024).
    return reply(completenessOfReport(report), { version: report.version });
  }),
);
