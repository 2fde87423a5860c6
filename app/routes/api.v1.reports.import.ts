/**
 * POST /api/v1/reports/import (multipart/form-data, part "file"): imports a filled VSME Digital Template into the
 * draft report of its reporting year and the company profile. A report that already has values needs
 * `?overwrite=true` (409 otherwise). Answers 201 (report created) or 200 with what was imported and ignored, per cell.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { RouteHandle } from "~/utils/access";
import { requireTenant } from "~/utils/auth.server";
import { importTemplate } from "../../server/exchange/import-template";
import { readWorkbookUpload, UploadRefused, workbookProblem } from "../../server/exchange/http-exchange";
import { WorkbookRejected } from "../../server/exchange/xlsx/safe-unzip";
import { PROBLEM_TYPES, problemResponse } from "../../server/http/problem";

// `endpoints`: the contracts this module serves (the cross-organization walk checks them).
export const handle = { access: { loader: "reports:write", action: "reports:write" }, endpoints: ["importReport"] } satisfies RouteHandle;

export function loader({ context }: LoaderFunctionArgs) {
  return problemResponse(
    { type: "about:blank", title: "Method Not Allowed", status: 405, detail: "POST the workbook to this URL", requestId: context.requestId },
    { Allow: "POST" },
  );
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  if (request.method !== "POST") return loader(args);
  const { repos } = await requireTenant(args, "reports:write");
  const overwrite = new URL(request.url).searchParams.get("overwrite");
  if (overwrite !== null && overwrite !== "true" && overwrite !== "false") {
    return problemResponse({
      type: PROBLEM_TYPES.validation,
      title: "The data is not valid",
      status: 400,
      detail: "overwrite is true or false",
      errors: [{ path: ["overwrite"], message: "true or false" }],
      requestId: context.requestId,
    });
  }
  try {
    const upload = await readWorkbookUpload(request);
    const result = await importTemplate(repos, upload.file, { overwrite: overwrite === "true" });
    if (!result.report) {
      return problemResponse({
        type: PROBLEM_TYPES.validation,
        title: "Nothing to import",
        status: 422,
        detail: "The workbook has no values in its input cells; nothing was written",
        requestId: context.requestId,
      });
    }
    return Response.json(result, { status: result.report.created ? 201 : 200, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof UploadRefused) return problemResponse({ ...error.problem, requestId: context.requestId });
    if (error instanceof WorkbookRejected) return problemResponse({ ...workbookProblem(error), requestId: context.requestId });
    throw error;
  }
}
