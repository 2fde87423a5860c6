import { deleteReport, getReport, patchReport } from "../../schemas/api/endpoints/reports";
import type { Report } from "../../schemas/report/report";
import { apiResource, apiRoute, reply, replyJson, replyRecord, type ApiReply } from "../utils/api.server";
import { createRepresentationCache } from "../utils/api/representation-cache.server";

/** Reports as JSON by (organization, id, version): a read checks the version (a tiny read) before using one. */
const reportJson = createRepresentationCache();

export const { loader, action, handle } = apiResource(
  apiRoute(getReport, async ({ repos, params }): Promise<ApiReply<Report>> => {
    const key = `${repos.organizationId}:${params.reportId}`;
    const version = await repos.reports.versionOf(params.reportId);
    const cached = version === null ? undefined : reportJson.get(key, version);
    if (cached !== undefined) return replyJson<Report>(cached, { version: version! });
    const report = await repos.reports.get(params.reportId);
    const json = JSON.stringify(report);
    reportJson.set(key, report.version, json);
    return { body: report, json, version: report.version };
  }),
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
