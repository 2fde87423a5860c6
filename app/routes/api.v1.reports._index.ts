import { createReport, listReports } from "../../schemas/api/endpoints/reports";
import { apiResource, apiRoute, pageReply, replyRecord } from "../utils/api.server";
import { reportReads } from "../utils/api/report-reads.server";

export const { loader, action, handle } = apiResource(
  apiRoute(listReports, ({ repos, query: { limit, cursor, year, status } }) =>
    reportReads.read(repos, `reports:${JSON.stringify([limit, cursor, year, status])}`, () =>
      pageReply(
        repos.reports.listSummaries({
          where: { ...(year === undefined ? {} : { year }), ...(status === undefined ? {} : { status }) },
          sort: { field: "year", direction: "desc" },
          limit,
          cursor,
        }),
      ),
    ),
  ),
  apiRoute(createReport, async ({ repos, body }) => {
    const report = await repos.reports.create(body);
    return replyRecord(report, { status: 201, location: `/api/v1/reports/${report.id}` });
  }),
);
