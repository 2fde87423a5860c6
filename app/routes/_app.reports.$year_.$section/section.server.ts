/** Loader and action of a disclosure page. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { ReportRecord } from "../../../server/repositories/reports";
import { requireTenant } from "../../utils/auth.server";
import { disclosureByCode, disclosuresFor, fieldForPath, navDisclosures, sectionSchemaOf } from "../../utils/catalogue";
import { OMISSIONS_SECTION } from "../../utils/disclosure-form";
import { disclosureView, parseDisclosure } from "../../utils/disclosure-parse.server";
import { dataErrorReply, invalidForm, readFormPost, savedForm, validationReply, type FormReply } from "../../utils/forms.server";
import { VALIDATE_INTENT } from "../../utils/form-validation";
import { changedBy, navCompleteness, requireReport } from "../../utils/report-page.server";
import { rowIntentValues } from "../../utils/row-intents";
import { compareWithProfile } from "../../utils/company-lists";
import type { DisclosureSpec } from "../../../schemas/report/catalogue-types";
import { completenessOfReport } from "../../../schemas/report/completeness";

function requireDisclosure(report: ReportRecord, code: string | undefined) {
  const spec = code ? disclosureByCode(code, report.module) : undefined;
  const schema = spec && sectionSchemaOf(spec);
  if (!spec || !schema) {
    throw data({ title: "Disclosure not found", detail: `This report has no disclosure ${code ?? ""}.` }, { status: 404 });
  }
  return { spec, schema };
}

const sectionsOf = (report: ReportRecord | null) => (report?.sections ?? {}) as Record<string, unknown>;

/** The section's value with the other sections and report fields its form shows beside it. */
function formView(spec: DisclosureSpec, report: ReportRecord | null) {
  if (!report) return null;
  const sections = sectionsOf(report);
  const own = (sections[spec.section] ?? {}) as Record<string, unknown>;
  const others = [...new Set(spec.fields.map((f) => f.section).filter((s): s is string => Boolean(s)))];
  return {
    ...own,
    sections: Object.fromEntries(others.map((s) => [s, sections[s] ?? null])),
    report: { module: report.module, turnover: report.turnover },
  };
}

export async function loadSection(args: LoaderFunctionArgs) {
  const { repos } = await requireTenant(args, "reports:read");
  const report = await requireReport(repos, args.params.year);
  const { spec, schema } = requireDisclosure(report, args.params.section);
  const [previous, company] = await Promise.all([repos.reports.forYear(report.year - 1), spec.code === "B1" ? repos.companies.current() : null]);
  const list = disclosuresFor(report.module);
  const next = list[list.findIndex((d) => d.code === spec.code) + 1];
  const others = [...new Set(spec.fields.map((f) => f.section).filter((s): s is string => Boolean(s)))];
  const { completeness, ...allMetrics } = report.metrics;
  // The page shows only its own computed metrics; the rest of the report's stay on the server.
  const metrics = Object.fromEntries(spec.fields.filter((f) => f.derived).map((f) => [f.key, (allMetrics as Record<string, unknown>)[f.key]]));
  return {
    year: report.year,
    code: spec.code,
    title: spec.title,
    module: report.module,
    // The form is rendered from this (catalogue entry, options, links): the browser loads no catalogue or schema.
    view: disclosureView(spec, schema, report.year),
    nav: navDisclosures(report.module),
    status: report.status,
    version: report.version,
    currency: report.turnover.currency,
    stored: formView(spec, report),
    previous: formView(spec, previous),
    previousYear: previous?.year ?? null,
    context: { sections: Object.fromEntries([...others, spec.section, OMISSIONS_SECTION].map((s) => [s, sectionsOf(report)[s] ?? null])) },
    metrics,
    undertaking: report.undertaking ? { ...report.undertaking, takenAt: report.undertaking.takenAt.toISOString() } : null,
    completeness: navCompleteness(completeness.sections),
    next: next ? { code: next.code, title: next.title } : null,
    // B1 only: how the report's sites and subsidiaries stand against the company profile's (where they came from).
    profileLists: company ? compareWithProfile(sectionsOf(report).basisForPreparation as Parameters<typeof compareWithProfile>[0], company) : null,
  };
}

export async function saveSection(args: ActionFunctionArgs) {
  const { repos } = await requireTenant(args, "reports:write");
  const report = await requireReport(repos, args.params.year);
  const { spec, schema } = requireDisclosure(report, args.params.section);
  const post = await readFormPost(args.request);

  const redisplay = rowIntentValues(post.intent, post.values);
  if (redisplay) return data<FormReply>({ ok: false, message: "", errors: {}, values: redisplay });

  const parsed = parseDisclosure(spec, schema, post.values, { sections: sectionsOf(report) });
  if (post.intent === VALIDATE_INTENT) return validationReply(parsed.ok ? {} : parsed.errors);
  if (!parsed.ok) return invalidForm(post.values, parsed.errors);
  if (post.version === undefined) {
    return data<FormReply>({ ok: false, message: "The form is out of date: reload the page and try again.", errors: {}, values: post.values }, { status: 400 });
  }
  const { own, sections, report: reportFields } = parsed.value;
  try {
    const updated = await repos.reports.update(
      report.id,
      {
        sections: { ...sectionsOf(report), ...sections, [spec.section]: own } as never,
        ...(reportFields.module ? { module: reportFields.module as ReportRecord["module"] } : {}),
        ...(reportFields.turnoverAmount !== undefined ? { turnover: { ...report.turnover, amount: reportFields.turnoverAmount } } : {}),
      },
      { expectedVersion: post.version },
    );
    const sectionCompleteness = (completenessOfReport(updated).sections as Record<string, { missing: string[] } | undefined>)[spec.section];
    const warnings = (sectionCompleteness?.missing ?? []).map((path) => `Still to fill in: ${fieldForPath(path)?.field?.label ?? path}`);
    return savedForm(`${spec.code} saved.`, { version: updated.version, warnings });
  } catch (error) {
    return dataErrorReply(error, post.values, {
      renamePath: (path) =>
        path.startsWith(`sections.${spec.section}.`)
          ? path.slice(`sections.${spec.section}.`.length)
          : path === "turnover.amount" || path === "module"
            ? `report.${path}`
            : path,
      conflict: async () => changedBy(args.context, repos, await repos.reports.find(report.id)),
    });
  }
}
