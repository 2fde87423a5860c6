/** A report's overview: metrics, completeness with links to what's missing, lifecycle, audit trail, exports. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DisclosureNav } from "../../components/disclosure-nav";
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, exportUrl } from "../../../schemas/exchange-formats";
import type { FormReply } from "../../utils/forms.server";
import { formatDateTime, formatNumber } from "../../utils/locale";
import { can, useShell } from "../../utils/shell";
import { loadOverview, runLifecycle } from "./overview.server";
import type { RouteHandle } from "../../utils/access";

export const handle = { access: { loader: "reports:read", action: "reports:submit" }, reusablePage: true } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `Report ${loaded.report.year} — VSME Guru` : "Report — VSME Guru" },
];

export const loader = (args: LoaderFunctionArgs) => loadOverview(args);
export const action = (args: ActionFunctionArgs) => runLifecycle(args);

const STATUS_LABEL = { draft: "Draft", submitted: "Submitted", approved: "Approved" } as const;
const ACTION_LABEL: Record<string, string> = {
  "report.submitted": "Submitted",
  "report.approved": "Approved",
  "report.reopened": "Reopened",
};

export default function ReportOverview() {
  const { report, metrics, metricFields, nav, completeness, missing, audit } = useLoaderData<typeof loader>();
  const reply = useActionData<FormReply>();
  const shell = useShell();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const locale = shell.locale;
  return (
    <div className="report-layout">
      <DisclosureNav year={report.year} disclosures={nav} completeness={completeness.sections} />
      <section className="report-main" aria-labelledby="report-title">
        <p className="breadcrumb">
          <Link to="/reports">Reports</Link> › {report.year}
        </p>
        <h1 id="report-title">
          VSME report {report.year}{" "}
          <span className={`status-badge status-${report.status}`} data-testid="report-status">
            {STATUS_LABEL[report.status]}
          </span>
        </h1>
        <p className="muted">
          {report.module === "basic" ? "Basic module (Option A)" : "Basic and Comprehensive modules (Option B)"} · period {report.period.start} to{" "}
          {report.period.end} · turnover {formatNumber(report.turnover.amount, locale)} {report.turnover.currency} · last change{" "}
          {formatDateTime(report.updatedAt, locale)}
        </p>

        {reply ? (
          <p className={reply.ok ? "form-saved" : reply.message.startsWith("Changed by") ? "form-conflict" : "form-message-error"} role={reply.ok ? "status" : "alert"} data-testid="lifecycle-message">
            {reply.message}
          </p>
        ) : null}

        <section aria-labelledby="completeness-title" className="card">
          <h2 id="completeness-title">Completeness</h2>
          <p>
            <meter min={0} max={100} value={completeness.percent} aria-label="Completeness" /> <strong data-testid="completeness">{formatNumber(completeness.percent, locale, 1)} %</strong> ({completeness.filled} of{" "}
            {completeness.required} required datapoints)
          </p>
          {missing.length > 0 ? (
            <>
              <h3>Still missing</h3>
              <ul className="missing-list" data-testid="missing-list">
                {missing.map((item) => (
                  <li key={item.path}>
                    <Link to={item.href}>
                      {item.disclosure}: {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>Every required datapoint is filled in.</p>
          )}
        </section>

        <section aria-labelledby="lifecycle-title" className="card">
          <h2 id="lifecycle-title">Status</h2>
          {report.status === "draft" && can(shell, "reports:submit") ? (
            <Form method="post">
              <input type="hidden" name="_version" value={report.version} />
              <p>{completeness.complete ? "The report is complete and can be submitted for approval." : "Submitting is possible once every required datapoint is filled in."}</p>
              <button type="submit" name="intent" value="submit" className="button-primary" disabled={busy} aria-describedby="submit-help">
                Submit for approval
              </button>
              <span id="submit-help" className="visually-hidden">{completeness.complete ? "" : `${missing.length} datapoints missing`}</span>
              {completeness.complete ? null : (
                <div className={`field${reply && !reply.ok && reply.errors.overrideReason ? " has-error" : ""}`}>
                  <label htmlFor="f-overrideReason">Reason to submit it incomplete (kept in the audit trail)</label>
                  {reply && !reply.ok && reply.errors.overrideReason ? (
                    <p id="f-overrideReason-error" className="field-error">
                      {reply.errors.overrideReason.join(" ")}
                    </p>
                  ) : null}
                  <textarea
                    id="f-overrideReason"
                    name="overrideReason"
                    rows={2}
                    maxLength={2000}
                    aria-describedby={reply && !reply.ok && reply.errors.overrideReason ? "f-overrideReason-error" : undefined}
                    defaultValue={reply && !reply.ok && typeof reply.values.overrideReason === "string" ? reply.values.overrideReason : ""}
                  />
                </div>
              )}
            </Form>
          ) : null}
          {report.status === "submitted" && can(shell, "reports:approve") ? (
            <Form method="post">
              <input type="hidden" name="_version" value={report.version} />
              <button type="submit" name="intent" value="approve" className="button-primary" disabled={busy}>
                Approve
              </button>
            </Form>
          ) : null}
          {report.status !== "draft" && can(shell, "reports:approve") ? (
            <Form method="post" className="reopen-form">
              <input type="hidden" name="_version" value={report.version} />
              <div className={`field${reply && !reply.ok && reply.errors.reason ? " has-error" : ""}`}>
                <label htmlFor="f-reason">Reason for reopening</label>
                {reply && !reply.ok && reply.errors.reason ? (
                  <p id="f-reason-error" className="field-error">
                    {reply.errors.reason.join(" ")}
                  </p>
                ) : null}
                <textarea id="f-reason" name="reason" rows={2} aria-describedby={reply && !reply.ok && reply.errors.reason ? "f-reason-error" : undefined} defaultValue={reply && !reply.ok && typeof reply.values.reason === "string" ? reply.values.reason : ""} />
              </div>
              <button type="submit" name="intent" value="reopen" className="button-secondary" disabled={busy}>
                Reopen as draft
              </button>
            </Form>
          ) : null}
          {report.status !== "draft" && !can(shell, "reports:approve") ? <p>Only an admin can approve or reopen this report.</p> : null}
        </section>

        <section aria-labelledby="metrics-title" className="card">
          <h2 id="metrics-title">Computed metrics</h2>
          <dl className="metrics">
            {metricFields.map((metric) => {
              const value = (metrics as Record<string, unknown>)[metric.key];
              const unit = metric.unit?.includes("(report currency)") ? metrics.intensityUnit : metric.unit;
              return (
                <div key={metric.key}>
                  <dt>{metric.label}</dt>
                  <dd>
                    {typeof value === "number" ? `${formatNumber(value, locale)} ${unit}` : "—"}
                    <details className="formula">
                      <summary>How it is computed</summary>
                      <p>{metric.formula}</p>
                    </details>
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>

        <section aria-labelledby="exports-title" className="card">
          <h2 id="exports-title">Download</h2>
          <ul className="exports">
            {EXPORT_FORMAT_NAMES.map((format) => (
              <li key={format}>
                <a className="button-secondary" href={exportUrl(report.id, format)} download>
                  {EXPORT_FORMATS[format].label}
                </a>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="audit-title" className="card">
          <h2 id="audit-title">Audit trail</h2>
          {audit.length === 0 ? (
            <p>No status changes yet.</p>
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="audit-trail">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Reason</th>
                  </tr>
                </thead>
                <tbody>
                  {audit.map((event) => (
                    <tr key={event.id}>
                      <td>{formatDateTime(event.at, locale)}</td>
                      <td>
                        {event.by}
                        {event.role ? <span className="muted"> ({event.role.replace("org:", "")})</span> : null}
                      </td>
                      <td>
                        {ACTION_LABEL[event.action] ?? event.action}
                        {event.from && event.to ? <span className="muted"> ({event.from} → {event.to})</span> : null}
                      </td>
                      <td>{event.reason ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </section>
    </div>
  );
}
