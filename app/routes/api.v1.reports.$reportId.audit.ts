import { listReportAudit } from "../../schemas/api/endpoints/report-lifecycle";
import { apiResource, apiRoute, pageReply } from "../utils/api.server";

export const { loader, action, handle } = apiResource(
  apiRoute(listReportAudit, async ({ repos, params, query: { limit, cursor } }) => {
    // Another organization's report id is "not found", not an empty trail.
    await repos.reports.get(params.reportId);
    return pageReply(repos.auditEvents.forEntity("report", params.reportId, { limit, cursor }));
  }),
);
