import { deleteReport, getReport, patchReport } from "../../schemas/api/endpoints/reports";
import type { Report } from "../../schemas/report/report";
import { apiResource, apiRoute, reply, replyRecord, type ApiReply } from "../utils/api.server";
import { reportReads } from "../utils/api/report-reads.server";

export const { loader, action, handle } = apiResource(
  apiRoute(getReport, ({ repos, params }): Promise<ApiReply<Report>> =>
    reportReads.read(repos, `report:${params.reportId}`, async () => replyRecord(await repos.reports.get(params.reportId))),
  ),
  apiRoute(patchReport, async ({ repos, params, body, expectedVersion }) => {
    const { sections: sectionChanges, ...details } = body;
    let sections;
    if (sectionChanges) {
      // Sections are replaced whole or removed (null); the others stay. The update below checks the version
      // atomically, so merging into a copy read here cannot lose someone else's change.
      const current = await repos.reports.get(params.reportId);
      const merged: Record<string, unknown> = { ...current.sections };
      for (const [key, value] of Object.entries(sectionChanges)) {
        if (value === null) delete merged[key];
        else if (value !== undefined) merged[key] = value;
      }
      sections = merged;
    }
    const report = await repos.reports.update(params.reportId, { ...details, ...(sections ? { sections } : {}) }, { expectedVersion: expectedVersion! });
    return replyRecord(report);
  }),
  apiRoute(deleteReport, async ({ repos, params, expectedVersion }) => {
    await repos.reports.delete(params.reportId, { expectedVersion: expectedVersion! });
    return reply(undefined, { status: 204 });
  }),
);
