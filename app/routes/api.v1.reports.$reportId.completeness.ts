import { getReportCompleteness } from "../../schemas/api/endpoints/report-views";
import { apiResource, apiRoute, reply } from "../utils/api.server";

export const { loader, action, handle } = apiResource(
  apiRoute(getReportCompleteness, async ({ repos, params }) => {
    const report = await repos.reports.get(params.reportId);
    return reply(report.metrics.completeness, { version: report.version });
  }),
);
