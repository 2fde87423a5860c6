/** Loader and action of a disclosure page. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireTenant } from "../../utils/dev-auth.server";
import { disclosureByCode, disclosuresFor, fieldForPath, sectionSchemaOf } from "../../utils/catalogue";
import { omittedFor } from "../../utils/disclosure-form";
import { dataErrorReply, parseValues, readFormPost, savedForm, type FormReply } from "../../utils/forms.server";
import { changedBy, requireReport } from "../../utils/report-page.server";
import { rowIntentValues } from "../../utils/row-intents";
import type { ReportRecord } from "../../../server/repositories/reports";

function requireDisclosure(report: ReportRecord, code: string | undefined) {
  const spec = code ? disclosureByCode(code, report.module) : undefined;
  const schema = spec && sectionSchemaOf(spec);
  if (!spec || !schema) {
    throw data({ title: "Disclosure not found", detail: `This report has no disclosure ${code ?? ""}.` }, { status: 404 });
  }
  return { spec, schema };
}

const sectionsOf = (report: ReportRecord | null) => (report?.sections ?? {}) as Record<string, unknown>;

export async function loadSection(args: LoaderFunctionArgs) {
  const { repos } = await requireTenant(args, "reports:read");
  const report = await requireReport(repos, args.params.year);
  const { spec } = requireDisclosure(report, args.params.section);
  const previous = await repos.reports.forYear(report.year - 1);
  const list = disclosuresFor(report.module);
  const next = list[list.findIndex((d) => d.code === spec.code) + 1];
  return {
    year: report.year,
    code: spec.code,
    title: spec.title,
    module: report.module,
    status: report.status,
    version: report.version,
    currency: report.turnover.currency,
    stored: sectionsOf(report)[spec.section] ?? null,
    previous: previous ? (sectionsOf(previous)[spec.section] ?? null) : null,
    previousYear: previous?.year ?? null,
    completeness: report.metrics.completeness.sections as Record<string, { state: string; percent: number } | undefined>,
    next: next ? { code: next.code, title: next.title } : null,
  };
}

export async function saveSection(args: ActionFunctionArgs) {
  const { repos } = await requireTenant(args, "reports:write");
  const report = await requireReport(repos, args.params.year);
  const { spec, schema } = requireDisclosure(report, args.params.section);
  const post = await readFormPost(args.request);

  const redisplay = rowIntentValues(post.intent, post.values);
  if (redisplay) return data<FormReply>({ ok: false, message: "", errors: {}, values: redisplay });

  const parsed = parseValues(schema, post, { omit: omittedFor(spec, post.values) });
  if (!parsed.ok) return parsed.reply;
  if (post.version === undefined) {
    return data<FormReply>({ ok: false, message: "The form is out of date: reload the page and try again.", errors: {}, values: post.values }, { status: 400 });
  }
  try {
    const updated = await repos.reports.updateSection(report.id, spec.section as never, parsed.value as never, {
      expectedVersion: post.version,
    });
    const sectionCompleteness = (updated.metrics.completeness.sections as Record<string, { missing: string[] } | undefined>)[spec.section];
    const warnings = (sectionCompleteness?.missing ?? []).map((path) => {
      const found = fieldForPath(path);
      return `Still to fill in: ${found?.field?.label ?? path}`;
    });
    return savedForm(`${spec.code} saved.`, { version: updated.version, warnings });
  } catch (error) {
    return dataErrorReply(error, post.values, {
      stripPrefix: `sections.${spec.section}`,
      conflict: async () => changedBy(repos, await repos.reports.find(report.id)),
    });
  }
}
