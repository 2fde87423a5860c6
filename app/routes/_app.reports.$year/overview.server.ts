/** Loader and lifecycle actions (submit, approve, reopen) of a report's overview. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { reportLifecycle } from "../../../server/services/report-lifecycle";
import type { Permission } from "../../../schemas/auth";
import { completenessOfReport } from "../../../schemas/report/completeness";
import { fieldForPath, METRIC_FIELDS, navDisclosures, sectionHref } from "../../utils/catalogue";
import { requireTenant } from "../../utils/auth.server";
import { dataErrorReply, readFormPost, savedForm, type FormReply } from "../../utils/forms.server";
import { changedBy, navCompleteness, peopleNames, requireReport } from "../../utils/report-page.server";

export async function loadOverview(args: LoaderFunctionArgs) {
  const { repos } = await requireTenant(args, "reports:read");
  const report = await requireReport(repos, args.params.year);
  const events = await repos.auditEvents.forEntity("report", report.id, { limit: 100 });
  const names = await peopleNames(args.context, repos, events.items.map((event) => event.actorId));
  const { completeness: _counts, ...metrics } = report.metrics;
  // The report stores counts only; what is missing is derived from its sections here.
  const completeness = completenessOfReport(report);
  const missing = Object.values(completeness.sections).flatMap((section) =>
    section.missing.map((path) => {
      const found = fieldForPath(path);
      return {
        path,
        disclosure: found?.disclosure.code ?? "",
        label: found?.field?.label ?? path,
        href: found ? sectionHref(report.year, found.disclosure, found.field?.key ?? found.key) : `/reports/${report.year}`,
      };
    }),
  );
  return {
    report: {
      id: report.id,
      year: report.year,
      status: report.status,
      module: report.module,
      version: report.version,
      period: report.period,
      turnover: report.turnover,
      updatedAt: report.updatedAt.toISOString(),
    },
    metrics,
    // Labels, units and formulas of the computed metrics, and the navigation: the catalogue stays on the server.
    metricFields: METRIC_FIELDS.map(({ key, label, unit, formula }) => ({ key, label, unit, formula })),
    nav: navDisclosures(report.module),
    completeness: {
      percent: completeness.percent,
      complete: completeness.complete,
      filled: completeness.filled,
      required: completeness.required,
      sections: navCompleteness(completeness.sections),
    },
    missing,
    audit: events.items.map((event) => ({
      id: event.id,
      action: event.action,
      by: names.get(event.actorId) ?? event.actorId,
      role: event.actorRole ?? null,
      at: event.createdAt.toISOString(),
      from: event.fromStatus ?? null,
      to: event.toStatus ?? null,
      reason: event.reason ?? null,
    })),
  };
}

const INTENT_PERMISSION: Record<string, Permission> = {
  submit: "reports:submit",
  approve: "reports:approve",
  reopen: "reports:approve",
};

export async function runLifecycle(args: ActionFunctionArgs) {
  const post = await readFormPost(args.request);
  const permission = post.intent ? INTENT_PERMISSION[post.intent] : undefined;
  const { repos } = await requireTenant(args, permission ?? "reports:write");
  if (!permission) return data<FormReply>({ ok: false, message: "Unknown action.", errors: {}, values: post.values }, { status: 400 });
  const report = await requireReport(repos, args.params.year);
  if (post.version === undefined) {
    return data<FormReply>({ ok: false, message: "The page is out of date: reload it and try again.", errors: {}, values: post.values }, { status: 400 });
  }
  const options = { expectedVersion: post.version };
  try {
    if (post.intent === "submit") {
      // An incomplete report goes only with an explicit reason, which the audit trail keeps (VSME issue 8).
      const overrideReason = typeof post.values.overrideReason === "string" ? post.values.overrideReason.trim() : "";
      if (!report.metrics.completeness.complete && !overrideReason) {
        const count = Object.values(completenessOfReport(report).sections).reduce((n, s) => n + s.missing.length, 0);
        return data<FormReply>(
          {
            ok: false,
            message: `The report can't be submitted yet: ${count} required datapoint${count === 1 ? " is" : "s are"} missing (listed below). Fill them in, or give a reason to submit it incomplete.`,
            errors: { overrideReason: ["Say why the report is submitted incomplete"] },
            values: post.values,
          },
          { status: 400 },
        );
      }
      await reportLifecycle.submit(repos, report.id, {
        ...options,
        ...(!report.metrics.completeness.complete ? { override: { reason: overrideReason } } : {}),
      });
      return savedForm("The report was submitted for approval.");
    }
    if (post.intent === "approve") {
      await reportLifecycle.approve(repos, report.id, options);
      return savedForm("The report was approved.");
    }
    const reason = typeof post.values.reason === "string" ? post.values.reason : "";
    await reportLifecycle.reopen(repos, report.id, { ...options, reason });
    return savedForm("The report was reopened as a draft.");
  } catch (error) {
    return dataErrorReply(error, post.values, { conflict: async () => changedBy(args.context, repos, await repos.reports.find(report.id)) });
  }
}
