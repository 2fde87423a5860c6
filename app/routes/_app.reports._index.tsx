/** Reports by year (status, completeness, last change) and creating the draft for a new year. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EnhancedForm } from "../components/enhanced-form";
import { Field } from "../components/fields";
import { CURRENCY_CODES } from "../../schemas/codes";
import type { FieldSpec } from "../../schemas/report/catalogue-types";
import { requireTenant } from "../utils/auth.server";
import { dataErrorReply, invalidForm, parseForm, validationOnly, type FormReply } from "../utils/forms.server";
import { skipRevalidationAfterValidate } from "../utils/form-validation";
import { formatDateTime, formatNumber } from "../utils/locale";
import { withCompanyLists } from "../utils/company-lists";
import { acceptedStructure, CreateReportFormSchema, previousStructure, withEmissions } from "../utils/report-create.server";
import { can, useShell } from "../utils/shell";
import type { RouteHandle } from "../utils/access";

export const handle = { access: { loader: "reports:read", action: "reports:write" } } satisfies RouteHandle;
// Inline checks post the form with intent=validate: the action's own schema answers (nothing is saved).
export const shouldRevalidate = skipRevalidationAfterValidate;
export const meta: MetaFunction = () => [{ title: "Reports — VSME Guru" }];

export async function loader(args: LoaderFunctionArgs) {
  const { identity, repos } = await requireTenant(args, "reports:read");
  const [page, company] = await Promise.all([repos.reports.list({ sort: { field: "year", direction: "desc" }, limit: 200 }), repos.companies.current()]);
  const latest = page.items[0]?.year;
  const suggestedYear = latest ? latest + 1 : new Date().getUTCFullYear() - 1;
  const { reference } = await args.context.services();
  const prefill = await reference.externalEmissionsFor(identity.organizationId, suggestedYear).catch(() => null);
  return {
    hasCompany: company !== null,
    profileLists: { sites: company?.sites?.length ?? 0, subsidiaries: company?.subsidiaries?.length ?? 0 },
    currency: company?.currency ?? "EUR",
    suggestedYear,
    reports: page.items.map((report) => ({
      id: report.id,
      year: report.year,
      status: report.status,
      module: report.module,
      completeness: report.metrics.completeness.percent,
      updatedAt: report.updatedAt.toISOString(),
    })),
    prefill: prefill?.value
      ? {
          year: suggestedYear,
          scope1: prefill.value.scope1 ?? null,
          scope2LocationBased: prefill.value.scope2LocationBased ?? null,
          scope2MarketBased: prefill.value.scope2MarketBased ?? null,
          scope3: prefill.value.scope3 ?? null,
          source: prefill.value.provenance.source,
          method: prefill.value.provenance.method ?? null,
          calculatedAt: prefill.value.provenance.calculatedAt?.toISOString() ?? null,
          stale: prefill.stale,
        }
      : null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { identity, repos } = await requireTenant(args, "reports:write");
  const parsed = await parseForm(args.request, CreateReportFormSchema);
  const validation = validationOnly(parsed);
  if (validation) return validation;
  if (!parsed.ok) return parsed.reply;
  const { copyPreviousStructure, acceptExternalEmissions, ...fields } = parsed.value;
  let sections: Record<string, unknown> = {};
  if (copyPreviousStructure) {
    const previous = await repos.reports.forYear(fields.year - 1);
    const structure = previous ? previousStructure(previous.sections as Record<string, unknown>) : {};
    sections = acceptedStructure(fields, structure);
  }
  const company = await repos.companies.current();
  if (company) {
    // The profile's sites and subsidiaries, so they are not typed again (only where the report accepts them).
    sections = acceptedStructure(fields, withCompanyLists(sections, company), sections);
  }
  if (acceptExternalEmissions) {
    const { reference } = await args.context.services();
    const prefill = await reference.externalEmissionsFor(identity.organizationId, fields.year).catch(() => null);
    if (!prefill?.value) {
      return invalidForm(parsed.post.values, { acceptExternalEmissions: [`No emissions for ${fields.year} were found in the external database`] });
    }
    sections = withEmissions(sections, prefill.value);
  }
  try {
    await repos.reports.create({ ...fields, sections } as never);
  } catch (error) {
    return dataErrorReply(error, parsed.post.values);
  }
  throw redirect(`/reports/${fields.year}`);
}

const FIELDS: FieldSpec[] = [
  { key: "year", label: "Reporting year", help: "The calendar year in which the reporting period ends.", paragraph: "24", kind: "integer", requirement: "always" },
  { key: "module", label: "Module", paragraph: "7", kind: "enum", requirement: "always", options: [{ value: "basic", label: "Basic module (Option A)" }, { value: "basic_comprehensive", label: "Basic and Comprehensive (Option B)" }] },
  { key: "period.start", label: "First day of the period", paragraph: "24", kind: "date", requirement: "always" },
  { key: "period.end", label: "Last day of the period", paragraph: "24", kind: "date", requirement: "always" },
  { key: "turnover.amount", label: "Turnover", paragraph: "24(e)(iv)", kind: "money", requirement: "always" },
  { key: "turnover.currency", label: "Currency", paragraph: "24(e)(iv)", kind: "enum", requirement: "always", options: CURRENCY_CODES.map((c) => ({ value: c, label: c })) },
];

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const STATUS_LABEL = { draft: "Draft", submitted: "Submitted", approved: "Approved" } as const;

export default function ReportsIndex() {
  const { reports, suggestedYear, currency, prefill, hasCompany, profileLists } = useLoaderData<typeof loader>();
  const reply = useActionData<FormReply>();
  const shell = useShell();
  const labels = new Map(FIELDS.map((f) => [f.key, f.label]));
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">Reports</h1>
      {reports.length === 0 ? (
        <p>No reports yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="reports-table">
            <caption className="visually-hidden">Reports by year</caption>
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col">Status</th>
                <th scope="col">Completeness</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((report) => (
                <tr key={report.id}>
                  <th scope="row">
                    <Link to={`/reports/${report.year}`}>{report.year}</Link>
                  </th>
                  <td>
                    <span className={`status-badge status-${report.status}`}>{STATUS_LABEL[report.status]}</span>
                  </td>
                  <td>{formatNumber(report.completeness, shell.locale, 1)} %</td>
                  <td>{formatDateTime(report.updatedAt, shell.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {can(shell, "reports:write") ? (
        <section aria-labelledby="create-title" className="card">
          <h2 id="create-title">Start a report</h2>
          {!hasCompany ? (
            <p className="notice">
              <Link to="/company">Describe your company</Link> before starting its first report.
            </p>
          ) : (
            <EnhancedForm
              actionReply={reply}
              state={{
                locale: shell.locale,
                stored: {
                  year: suggestedYear,
                  module: "basic",
                  period: { start: `${suggestedYear}-01-01`, end: `${suggestedYear}-12-31` },
                  turnover: { currency },
                  copyPreviousStructure: true,
                },
                currency,
              }}
              labelFor={(name) => labels.get(name) ?? name}
              submitLabel="Create draft"
              testId="create-report"
            >
              {FIELDS.map((field) => (
                <Field key={field.key} spec={field} />
              ))}
              <div className="field checkbox-field">
                <label>
                  <input type="checkbox" name="copyPreviousStructure" value="true" defaultChecked={!reply || reply.ok || reply.values.copyPreviousStructure === "true"} /> Start from the previous year's
                  answers (sites, subsidiaries, choices and reasons — not the figures)
                </label>
              </div>
              {profileLists.sites + profileLists.subsidiaries > 0 ? (
                <p className="muted" data-testid="profile-lists-prefill">
                  B1 starts with the {plural(profileLists.sites, "site")} and {plural(profileLists.subsidiaries, "subsidiary", "subsidiaries")} of
                  the <Link to="/company">company profile</Link> (instead of last year's lists); you can change them in the report.
                </p>
              ) : null}
              {prefill ? (
                <div className="field checkbox-field prefill" id="f-acceptExternalEmissions" data-testid="emissions-prefill">
                  <p>
                    Emissions for {prefill.year} from <strong>{prefill.source}</strong>
                    {prefill.calculatedAt ? `, calculated ${formatDateTime(prefill.calculatedAt, shell.locale)}` : ""}
                    {prefill.method ? ` (${prefill.method})` : ""}
                    {prefill.stale ? " — from the last saved copy, the source is unreachable" : ""}:
                  </p>
                  <ul>
                    {prefill.scope1 !== null ? <li>Scope 1: {formatNumber(prefill.scope1, shell.locale)} tCO2e</li> : null}
                    {prefill.scope2LocationBased !== null ? <li>Scope 2 (location-based): {formatNumber(prefill.scope2LocationBased, shell.locale)} tCO2e</li> : null}
                    {prefill.scope2MarketBased !== null ? <li>Scope 2 (market-based): {formatNumber(prefill.scope2MarketBased, shell.locale)} tCO2e</li> : null}
                    {prefill.scope3 !== null ? <li>Scope 3: {formatNumber(prefill.scope3, shell.locale)} tCO2e</li> : null}
                  </ul>
                  <label>
                    <input type="checkbox" name="acceptExternalEmissions" value="true" /> Use these figures in B3 (you can change them later)
                  </label>
                </div>
              ) : null}
            </EnhancedForm>
          )}
        </section>
      ) : null}
    </section>
  );
}
