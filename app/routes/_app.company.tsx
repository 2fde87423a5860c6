/**
 * The company profile: name, checked identifier, legal form, country, NACE class (found with a search that
 * works without JavaScript), currency, its sites and subsidiaries (rows added and removed with submit buttons
 * without JavaScript), and the sector CO2 intensity the server looked up for it.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EnhancedForm } from "../components/enhanced-form";
import { Field } from "../components/fields";
import { NaceField } from "../components/nace-combobox";
import { requireTenant } from "../utils/auth.server";
import { COMPANY_FORM_VIEW, CompanyInputSchema } from "../utils/company-form.server";
import { companyFieldLabels } from "../utils/company-labels";
import { dataErrorReply, parseValues, readFormPost, savedForm, validationOnly, type FormReply } from "../utils/forms.server";
import { skipRevalidationAfterValidate } from "../utils/form-validation";
import { formatDateTime, formatNumber } from "../utils/locale";
import { changedBy } from "../utils/report-page.server";
import { rowIntentValues } from "../utils/row-intents";
import { can, useShell } from "../utils/shell";
import type { RouteHandle } from "../utils/access";

export const handle = { access: { loader: "company:read", action: "company:write" } } satisfies RouteHandle;
export const meta: MetaFunction = () => [{ title: "Company — VSME Guru" }];

// Inline checks post the form with intent=validate: the action's own schema answers (nothing is saved).
export const shouldRevalidate = skipRevalidationAfterValidate;

export async function loader(args: LoaderFunctionArgs) {
  const { repos } = await requireTenant(args, "company:read");
  const url = new URL(args.request.url);
  const query = (url.searchParams.get("nace-search") ?? "").slice(0, 100);
  const picked = url.searchParams.get("nace") ?? undefined;
  const company = await repos.companies.current();
  const { reference } = await args.context.services();
  // The stored factor says where it came from; whether today's answer comes from the snapshot is asked live.
  const live = company ? await reference.co2IntensityFor(company.nace.code, "2.1").catch(() => null) : null;
  let results: { code: string; title: string }[] = [];
  if (query.trim()) {
    const found = await reference.searchNace(query, { level: "class", limit: 20 });
    results = found.value.map((entry) => ({ code: entry.code, title: entry.title }));
  }
  return {
    company: company && {
      id: company.id,
      version: company.version,
      name: company.name,
      identifier: company.identifier,
      legalForm: company.legalForm,
      otherLegalForm: company.otherLegalForm,
      country: company.country,
      currency: company.currency,
      nace: company.nace,
      sites: company.sites ?? [],
      subsidiaries: company.subsidiaries ?? [],
      sectorIntensity: company.sectorIntensity && {
        ...company.sectorIntensity,
        lookedUpAt: company.sectorIntensity.lookedUpAt.toISOString(),
        stale: live?.stale ?? false,
      },
    },
    search: { query, results, picked: picked && /^\d{2}\.\d{2}$/.test(picked) ? picked : undefined },
    form: COMPANY_FORM_VIEW,
  };
}

export async function action(args: ActionFunctionArgs) {
  const { repos } = await requireTenant(args, "company:write");
  const post = await readFormPost(args.request);
  // "Add a row" / "Remove" without JavaScript: the form comes back with one row more or less, nothing saved.
  const redisplay = rowIntentValues(post.intent, post.values);
  if (redisplay) return data<FormReply>({ ok: false, message: "", errors: {}, values: redisplay });
  const parsed = parseValues(CompanyInputSchema, post);
  const validation = validationOnly(parsed);
  if (validation) return validation;
  if (!parsed.ok) return parsed.reply;
  // The form shows these; one left empty is cleared, not kept from the stored profile (the update merges).
  const shownOptional = { otherLegalForm: undefined, sites: undefined, subsidiaries: undefined };
  try {
    const current = await repos.companies.current();
    if (!current) {
      await repos.companies.create(parsed.value);
      return savedForm("Company profile created.");
    }
    if (parsed.post.version === undefined) return savedForm("Nothing saved: reload the page.");
    const saved = await repos.companies.update(current.id, { ...shownOptional, ...parsed.value }, { expectedVersion: parsed.post.version });
    return savedForm("Company profile saved.", { version: saved.version });
  } catch (error) {
    return dataErrorReply(error, parsed.post.values, { conflict: async () => changedBy(args.context, repos, await repos.companies.current()) });
  }
}

const LEVEL_LABEL: Record<string, string> = {
  class: "NACE class",
  group: "NACE group",
  division: "NACE division",
  section: "NACE section",
  total_economy: "whole economy",
};

export default function CompanyPage() {
  const { company, search, form } = useLoaderData<typeof loader>();
  const reply = useActionData<FormReply>();
  const shell = useShell();
  const readOnly = !can(shell, "company:write");
  const stored = company
    ? { ...company, nace: { code: search.picked ?? company.nace.code } }
    : { nace: { code: search.picked ?? "" }, currency: "EUR" };
  const intensity = company?.sectorIntensity;
  return (
    <section aria-labelledby="company-title">
      <h1 id="company-title">Company profile</h1>
      <div className="two-columns">
        <div>
          <EnhancedForm
            actionReply={reply}
            version={company?.version}
            state={{ stored, locale: shell.locale, readOnly }}
            labelFor={companyFieldLabels(form)}
            submitLabel="Save company profile"
            testId="company-form"
          >
            {form.facts.slice(0, 7).map((field) => (
              <Field key={field.key} spec={field} />
            ))}
            <input type="hidden" name="nace.revision" value="2.1" />
            <NaceField searchPath="/company" name="nace.code" label="NACE code of the main activity (Rev. 2.1 class)" help="Four digits such as 62.10. Search for it below if you don't know it." />
            <Field spec={form.facts[7]!} />
            <Field spec={form.sites} />
            <Field spec={form.subsidiaries} />
          </EnhancedForm>
          <form method="get" className="card nace-search" role="search" aria-labelledby="nace-search-title">
            <h2 id="nace-search-title">Find a NACE code</h2>
            <label htmlFor="nace-search">Activity or code</label>
            <div className="control-row">
              <input id="nace-search" name="nace-search" type="search" defaultValue={search.query} />
              <button type="submit" className="button-secondary">
                Search
              </button>
            </div>
            {search.query ? (
              search.results.length === 0 ? (
                <p>No NACE class matches “{search.query}”.</p>
              ) : (
                <ul className="nace-results" data-testid="nace-results">
                  {search.results.map((result) => (
                    <li key={result.code}>
                      <Link to={`?nace=${encodeURIComponent(result.code)}`}>
                        <strong>{result.code}</strong> {result.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </form>
        </div>
        <aside className="card" aria-labelledby="intensity-title">
          <h2 id="intensity-title">Sector CO2 intensity</h2>
          {intensity ? (
            <dl className="facts" data-testid="sector-intensity">
              <div>
                <dt>Value</dt>
                <dd>
                  {formatNumber(intensity.value, shell.locale)} {intensity.unit}
                </dd>
              </div>
              <div>
                <dt>Found at</dt>
                <dd>
                  {LEVEL_LABEL[intensity.matchedLevel] ?? intensity.matchedLevel} {intensity.matchedCode} ({intensity.classification})
                </dd>
              </div>
              <div>
                <dt>Source</dt>
                <dd>
                  {intensity.source}, {intensity.year}, {intensity.geography}
                </dd>
              </div>
              <div>
                <dt>Looked up</dt>
                <dd>{formatDateTime(intensity.lookedUpAt, shell.locale)}</dd>
              </div>
              {intensity.stale ? (
                <div>
                  <dt>Freshness</dt>
                  <dd>
                    <span className="status-badge status-stale">Stale</span> the reference database is unreachable; this comes from the last snapshot.
                  </dd>
                </div>
              ) : null}
            </dl>
          ) : (
            <p>{company ? "No sector factor was found for this NACE code." : "Shown once the company profile is saved."}</p>
          )}
          {company ? (
            <p className="muted">
              A <Link to="/reports">new report</Link> starts with these sites and subsidiaries in its B1 disclosure; reports
              already started keep their own lists.
            </p>
          ) : null}
        </aside>
      </div>
    </section>
  );
}
