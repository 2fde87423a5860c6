import type { ReportRecord } from "../../server/repositories/reports";
import { getReportSection, putReportSection } from "../../schemas/api/endpoints/report-sections";
import { REPORT_SECTIONS, type ReportSectionKey } from "../../schemas/report/sections";
import { apiResource, apiRoute, reply } from "../utils/api.server";

const sectionOf = (report: ReportRecord, section: ReportSectionKey) =>
  reply(
    {
      reportId: report.id,
      section,
      disclosure: REPORT_SECTIONS[section].disclosure,
      title: REPORT_SECTIONS[section].title,
      value: report.sections[section] ?? null,
    },
    { version: report.version },
  );

export const { loader, action, handle } = apiResource(
  apiRoute(getReportSection, async ({ repos, params }) => sectionOf(await repos.reports.get(params.reportId), params.section)),
  apiRoute(putReportSection, async ({ repos, params, body, expectedVersion }) => {
    const report = await repos.reports.updateSection(params.reportId, params.section, body as never, { expectedVersion: expectedVersion! });
    return sectionOf(report, params.section);
  }),
);
