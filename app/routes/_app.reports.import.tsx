/**
 * /reports/import — upload EFRAG's filled VSME Digital Template (.xlsx): the report of the workbook's year is
 * created or updated as a draft, and the page answers, per cell, what was imported and what was ignored and why.
 * A plain multipart form, so it works without JavaScript; replacing a report's values needs the explicit tick.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useNavigation } from "@remix-run/react";
import type { RouteHandle } from "~/utils/access";
import { requireTenant } from "~/utils/auth.server";
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, XLSX_LIMITS, exportUrl } from "../../schemas/exchange-formats";
import { importTemplate, type ImportSummary } from "../../server/exchange/import-template";
import { readWorkbookUpload, UploadRefused, workbookProblem } from "../../server/exchange/http-exchange";
import { WorkbookRejected } from "../../server/exchange/xlsx/safe-unzip";
import { isDataError } from "../../server/repositories/errors";

export const handle = { access: { loader: "reports:write", action: "reports:write" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Import a VSME Digital Template — VSME Guru" }];

export async function loader(args: LoaderFunctionArgs) {
  await requireTenant(args, "reports:write");
  return { maxMegabytes: XLSX_LIMITS.maxUploadBytes / 1024 / 1024 };
}

type ActionResult =
  | { ok: true; summary: ImportSummary }
  | { ok: false; error: string; needsOverwrite?: boolean; nothingToImport?: boolean };

export async function action(args: ActionFunctionArgs) {
  const { repos } = await requireTenant(args, "reports:write");
  try {
    const upload = await readWorkbookUpload(args.request);
    const summary = await importTemplate(repos, upload.file, { overwrite: upload.fields.overwrite === "true" });
    if (!summary.report) {
      return data<ActionResult>(
        { ok: false, nothingToImport: true, error: "The workbook has no values in its input cells, so nothing was imported." },
        { status: 422 },
      );
    }
    return data<ActionResult>({ ok: true, summary });
  } catch (error) {
    if (error instanceof UploadRefused) return data<ActionResult>({ ok: false, error: error.problem.detail ?? error.problem.title }, { status: error.problem.status });
    if (error instanceof WorkbookRejected) {
      const problem = workbookProblem(error);
      return data<ActionResult>({ ok: false, error: problem.detail ?? problem.title }, { status: problem.status });
    }
    if (isDataError(error) && (error.name === "ConflictError" || error.name === "ValidationError")) {
      const needsOverwrite = error.name === "ConflictError" && error.message.includes("already has values");
      const detail = error.name === "ValidationError" && error.issues.length > 0 ? ` (${error.issues.map((i) => i.message).join("; ")})` : "";
      return data<ActionResult>({ ok: false, needsOverwrite, error: `${error.message}${detail}` }, { status: error.name === "ConflictError" ? 409 : 422 });
    }
    throw error;
  }
}

export default function ImportTemplatePage() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const summary = result?.ok ? result.summary : undefined;
  const ignored = summary?.cells.filter((c) => c.status === "ignored") ?? [];
  const imported = summary?.cells.filter((c) => c.status === "imported") ?? [];
  return (
    <div className="page import-page">
      <h1>Import a VSME Digital Template</h1>
      <p>
        Upload EFRAG&apos;s VSME Digital Template (version 1.3.0, .xlsx) filled in Excel. The draft report of the
        workbook&apos;s reporting year is created or updated, and the company profile takes its legal form, country and
        NACE code. Workbooks up to {XLSX_LIMITS.maxUploadBytes / 1024 / 1024} MB, without macros or links to other
        workbooks, are accepted.
      </p>
      {result && !result.ok ? (
        <div className="notice error" role="alert" id="import-error">
          <p>{result.error}</p>
          {result.needsOverwrite ? <p>Tick &ldquo;Replace the report&apos;s values&rdquo; and choose the file again to import it anyway.</p> : null}
        </div>
      ) : null}
      <form method="post" encType="multipart/form-data" className="card" aria-describedby={result && !result.ok ? "import-error" : undefined}>
        <p>
          <label htmlFor="file">Digital Template (.xlsx)</label>
          <br />
          <input
            id="file"
            name="file"
            type="file"
            required
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={result && !result.ok && !result.needsOverwrite ? true : undefined}
          />
        </p>
        <p>
          <label>
            <input type="checkbox" name="overwrite" value="true" defaultChecked={result && !result.ok ? result.needsOverwrite : false} /> Replace
            the report&apos;s values with the workbook&apos;s if the report already has values
          </label>
        </p>
        <button type="submit" disabled={busy}>
          {busy ? "Importing…" : "Import"}
        </button>
      </form>

      {summary?.report ? (
        <section aria-labelledby="import-result">
          <h2 id="import-result">
            {summary.report.created ? "Report created" : "Report updated"}: {summary.report.year}
          </h2>
          <p role="status">
            {summary.imported} cell{summary.imported === 1 ? "" : "s"} imported, {summary.ignored} ignored.
            {summary.company.created ? " The company profile was created from the workbook." : ""}
            {summary.company.updated.length > 0 && !summary.company.created
              ? ` Company profile updated: ${summary.company.updated.join(", ")}.`
              : ""}
          </p>
          <p>
            <a href={`/reports/${summary.report.year}`}>Open the {summary.report.year} report</a>
            {" · Download: "}
            {EXPORT_FORMAT_NAMES.map((format, i) => (
              <span key={format}>
                {i > 0 ? " · " : ""}
                <a href={exportUrl(summary.report!.id, format)} download>
                  {EXPORT_FORMATS[format].label}
                </a>
              </span>
            ))}
          </p>
          {ignored.length > 0 ? (
            <>
              <h3>Ignored cells</h3>
              <div className="table-scroll">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Cell</th>
                      <th scope="col">Name</th>
                      <th scope="col">Value</th>
                      <th scope="col">Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ignored.map((c) => (
                      <tr key={c.cell}>
                        <td>{c.cell}</td>
                        <td>{c.name}</td>
                        <td>{c.shown.length > 80 ? `${c.shown.slice(0, 80)}…` : c.shown}</td>
                        <td>{c.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          <details>
            <summary>Imported cells ({imported.length})</summary>
            <ul>
              {imported.map((c) => (
                <li key={c.cell}>
                  {c.cell} — {c.name}: {c.shown.length > 80 ? `${c.shown.slice(0, 80)}…` : c.shown}
                </li>
              ))}
            </ul>
          </details>
        </section>
      ) : null}
    </div>
  );
}
