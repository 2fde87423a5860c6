/**
 * GET /api/v1/reports/{reportId}/export?format=ixbrl|xbrl-json|csv|json — the report as a file (inline XBRL,
 * xBRL-JSON, CSV of the facts, or its JSON), with a `vsme-<identifier>-<year>.<ext>` download name.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { RouteHandle } from "~/utils/access";
import { requireTenant } from "~/utils/auth.server";
import { EXPORT_FORMAT_NAMES, isExportFormat } from "../../schemas/exchange";
import { exportReport } from "../../server/exchange/export-report";
import { downloadResponse } from "../../server/exchange/http-exchange";
import { PROBLEM_TYPES, problemResponse } from "../../server/http/problem";

// `endpoints`: the contracts this module serves (the cross-organization walk checks them).
export const handle = { access: { loader: "reports:read" }, endpoints: ["exportReport"] } satisfies RouteHandle;

export async function loader(args: LoaderFunctionArgs) {
  const { repos } = await requireTenant(args, "reports:read");
  const format = new URL(args.request.url).searchParams.get("format");
  if (!isExportFormat(format)) {
    return problemResponse({
      type: PROBLEM_TYPES.validation,
      title: "The data is not valid",
      status: 400,
      detail: `Choose the export format: format=${EXPORT_FORMAT_NAMES.join("|")}`,
      errors: [{ path: ["format"], message: `One of ${EXPORT_FORMAT_NAMES.join(", ")}` }],
      requestId: args.context.requestId,
    });
  }
  return downloadResponse(await exportReport(repos, args.params.reportId ?? "", format));
}
