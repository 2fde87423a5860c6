/** One VSME disclosure of a report (B1…B11, C1…C9 with Option B): its generated form. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { DisclosureForm } from "../../components/disclosure-form";
import { DisclosureNav } from "../../components/disclosure-nav";
import { ProfileListsNote } from "../../components/profile-lists-note";
import type { FormReply } from "../../utils/forms.server";
import { useShell, can } from "../../utils/shell";
import { skipRevalidationAfterValidate } from "../../utils/form-validation";
import { loadSection, saveSection } from "./section.server";
import type { RouteHandle } from "../../utils/access";

export const handle = { access: { loader: "reports:read", action: "reports:write" }, reusablePage: true } satisfies RouteHandle;

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [
  { title: loaded ? `${loaded.code} ${loaded.title} — ${loaded.year} — VSME Guru` : "Disclosure — VSME Guru" },
];

export const loader = (args: LoaderFunctionArgs) => loadSection(args);
export const action = (args: ActionFunctionArgs) => saveSection(args);
export const shouldRevalidate = skipRevalidationAfterValidate;

export default function SectionPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionReply = useActionData<FormReply>();
  const shell = useShell();
  const { spec } = loaded.view;
  const editable = loaded.status === "draft" && can(shell, "reports:write");
  return (
    <div className="report-layout">
      <DisclosureNav year={loaded.year} disclosures={loaded.nav} completeness={loaded.completeness} current={spec.code} />
      <section className="report-main" aria-labelledby="section-title">
        <p className="breadcrumb">
          <Link to="/reports">Reports</Link> › <Link to={`/reports/${loaded.year}`}>{loaded.year}</Link>
        </p>
        <h1 id="section-title">
          {spec.code} — {spec.title}
        </h1>
        <p className="muted">
          VSME paragraphs {spec.paragraphs} · {spec.module === "basic" ? "Basic module" : "Comprehensive module"}
        </p>
        {loaded.status !== "draft" ? (
          <p className="notice" role="note">
            This report is {loaded.status}. An admin can reopen it from the <Link to={`/reports/${loaded.year}`}>report overview</Link> to make changes.
          </p>
        ) : null}
        {loaded.profileLists ? <ProfileListsNote note={loaded.profileLists} /> : null}
        <DisclosureForm
          key={spec.code}
          view={loaded.view}
          stored={loaded.stored}
          metrics={loaded.metrics}
          undertaking={loaded.undertaking}
          context={loaded.context}
          previous={loaded.previous}
          previousLabel={loaded.previousYear ? String(loaded.previousYear) : undefined}
          version={loaded.version}
          locale={shell.locale}
          currency={loaded.currency}
          readOnly={!editable}
          actionReply={actionReply}
        />
        {loaded.next ? (
          <p className="next-link">
            Next: <Link to={`/reports/${loaded.year}/${loaded.next.code.toLowerCase()}`}>{loaded.next.code} — {loaded.next.title}</Link>
          </p>
        ) : (
          <p className="next-link">
            <Link to={`/reports/${loaded.year}`}>Back to the report overview</Link>
          </p>
        )}
      </section>
    </div>
  );
}
