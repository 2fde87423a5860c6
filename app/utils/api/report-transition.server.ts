/**
 * The lifecycle endpoints (submit, approve, reopen) over the report-lifecycle service. The If-Match is
 * checked before the state rule, as HTTP orders them: a client holding an old version learns that first
 * (412), not that the state it saw has moved on (409). The service checks the version again, atomically.
 */
import type { EndpointContract } from "../../../schemas/api/contract";
import { reportLifecycle, type ReportTransition } from "../../../server/services/report-lifecycle";
import { apiRoute, reply } from "../api.server";
import { preconditionFailed } from "./conditional.server";

export function reportTransitionRoute(contract: EndpointContract<any, any, any, any>, transition: ReportTransition) {
  return apiRoute(contract, async ({ repos, params, body, expectedVersion }) => {
    const reportId = (params as { reportId: string }).reportId;
    const current = await repos.reports.get(reportId);
    if (current.version !== expectedVersion) throw preconditionFailed();
    // Reopen takes its reason; submit may take an override of the completeness rule ({ override: { reason } }).
    const { reason, override } = (body ?? {}) as { reason?: string; override?: { reason: string } };
    const result = await reportLifecycle[transition](repos, reportId, {
      expectedVersion: expectedVersion!,
      reason: reason as string,
      ...(override !== undefined ? { override } : {}),
    });
    return reply(result, { version: result.report.version });
  });
}
