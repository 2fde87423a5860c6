/**
 * One VSME disclosure as a form, generated from its catalogue entry: the "does this apply" choice when the
 * section may be declared not applicable, the "if applicable" question gating its block, the datapoints in
 * the standard's order (inputs for what this page edits, read-only facts with a link for company facts, and
 * the computed metrics with their formula). Nothing here is written per datapoint.
 */
import { Link } from "@remix-run/react";
import { useState } from "react";
import type { FieldSpec } from "../../schemas/report/catalogue-types";
import {
  answeredNo,
  fieldLabel,
  formNameOf,
  gatedFields,
  isOmitted,
  OMIT_INPUT,
  omissionsAfterPost,
  pageOmissionGroups,
  storedOmissions,
  type DisclosureContext,
  type DisclosureView,
  type EnteredAt,
} from "../utils/disclosure-form";
import { formValuesOf } from "../utils/form-data";
import type { FormReply } from "../utils/forms.server";
import { formatNumber } from "../utils/locale";
import { EnhancedForm } from "./enhanced-form";
import { Field, YesNo } from "./fields";
import { FormStateContext, inputValue, valueAtPath, type FormState } from "./form-context";

export interface DisclosureFormProps {
  /** The disclosure's catalogue entry as the loader sends it (no schema reaches the browser). */
  view: DisclosureView;
  /** The section's stored value, with `sections.<other>` and `report` beside it for fields kept elsewhere. */
  stored: unknown;
  previous?: unknown;
  previousLabel?: string;
  metrics: Record<string, unknown>;
  undertaking: Record<string, unknown> | null;
  context: DisclosureContext;
  version: number;
  locale: string;
  currency: string;
  readOnly: boolean;
  actionReply?: FormReply;
}

function displayValue(field: FieldSpec, value: unknown, locale: string, currency: string): string {
  if (value === undefined || value === null || value === "") return "—";
  if (Array.isArray(value)) return value.map(String).join(", ");
  if (typeof value === "number") {
    const unit = field.unit === "currency" ? currency : field.unit;
    return `${formatNumber(value, locale)}${unit ? ` ${unit}` : ""}`;
  }
  if (typeof value === "boolean") return value ? "Yes" : "No";
  return field.options?.find((o) => o.value === value)?.label ?? String(value);
}

function ReadOnlyFact({ field, value, where, locale, currency }: { field: FieldSpec; value: unknown; where?: EnteredAt; locale: string; currency: string }) {
  return (
    <div className="field fact" data-testid={`fact-${field.key}`}>
      <span className="fact-label">
        {field.label} <span className="paragraph">VSME §{field.paragraph}</span>
      </span>
      <span className="fact-value">{displayValue(field, value, locale, currency)}</span>
      {field.derived && field.formula ? (
        <details className="formula">
          <summary>How it is computed</summary>
          <p>{field.formula}</p>
        </details>
      ) : null}
      {where ? (
        <span className="muted">
          Entered in <Link to={where.href}>{where.label}</Link>
        </span>
      ) : null}
    </div>
  );
}

/** The reason 24(b) allows, shown beside every omission (the taxonomy records no other). */
const OMISSION_HELP =
  "Only information that is classified, or sensitive (its disclosure would seriously harm the undertaking's commercial position), may be omitted. An omitted part holds no values and is listed as omitted in B1 and in the exports.";

export function DisclosureForm(props: DisclosureFormProps) {
  const { view, previous, previousLabel, version, locale, currency, readOnly, actionReply } = props;
  const { spec } = view;
  const storedOmitted = storedOmissions(props.context.sections);
  const omissionGroups = pageOmissionGroups(spec);
  // This page's omission checkboxes read the report's list (kept in B1) like any other stored value.
  const stored = omissionGroups.length > 0 ? { ...(props.stored as object), [OMIT_INPUT]: storedOmitted.filter((key) => omissionGroups.some((g) => g.key === key)) } : props.stored;
  const base: Omit<FormState, "errors" | "values"> = { stored, previous, previousLabel, locale, currency, readOnly };
  const posted = actionReply && !actionReply.ok ? actionReply.values : undefined;
  const valuesNow: FormState = { ...base, errors: {}, values: posted };
  const triggers = [...new Set([...(spec.applicability ? [spec.applicability.field] : []), ...spec.fields.filter((f) => f.isTrigger).map((f) => f.key)])];
  const [status, setStatus] = useState(() => inputValue(valuesNow, "status") || "reported");
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(triggers.map((key) => [key, inputValue(valuesNow, key)])));
  const [omitted, setOmitted] = useState(() => (posted ? omissionsAfterPost(spec, posted, storedOmitted) : storedOmitted));
  // Open when something is omitted on arrival; afterwards the user opens and closes it.
  const [omissionOpen] = useState(() => omissionGroups.some((g) => omitted.includes(g.key)));
  const gated = new Set(gatedFields(spec));
  const notApplicableAllowed = view.notApplicableAllowed;
  const hidden = (field: FieldSpec) => isOmitted(spec, field, omitted) || answeredNo(spec, field, (key) => answers[key]);

  // Answers and omissions decide what is shown (with JavaScript); read them back from the form on any change.
  const onChange = (event: React.FormEvent<HTMLDivElement>) => {
    const form = (event.target as HTMLInputElement).form;
    if (!form) return;
    const values = formValuesOf(new FormData(form));
    const last = (key: string) => {
      const raw = values[key];
      return (Array.isArray(raw) ? raw.at(-1) : raw) ?? "";
    };
    setAnswers(Object.fromEntries(triggers.map((key) => [key, last(key)])));
    setOmitted(omissionsAfterPost(spec, values, storedOmitted));
  };

  const renderField = (field: FieldSpec) => {
    const name = formNameOf(field);
    let content;
    if (!name) {
      const value = field.derived ? props.metrics[field.key] : field.root === "undertaking" ? valueAtPath(props.undertaking, field.key) : valueAtPath(props.stored, field.key);
      content = <ReadOnlyFact field={field} value={value} where={view.enteredAt[field.key]} locale={locale} currency={currency} />;
    } else {
      content = <Field spec={field} name={name} />;
    }
    return (
      <div key={field.key} className="datapoint" data-hidden-with-js={hidden(field) || undefined}>
        {content}
      </div>
    );
  };
  const wholeOmitted = omitted.includes(spec.code);
  const applicabilityHidden = wholeOmitted || (spec.applicability ? isOmitted(spec, spec.fields.find((f) => f.key === spec.applicability!.field) ?? spec.fields[0]!, omitted) : false);

  return (
    <EnhancedForm
      actionReply={actionReply}
      version={version}
      state={base}
      labelFor={(name) => fieldLabel(spec, name)}
      submitLabel={`Save ${spec.code}`}
      testId={`form-${spec.code}`}
    >
      {notApplicableAllowed ? (
        <FormStateContext.Consumer>
          {(state) => (
            <fieldset className="field choice" id="f-status">
              <legend>Does {spec.code} apply to your undertaking?</legend>
              <div className="choices">
                {[
                  ["reported", `Yes — report ${spec.code}`],
                  ["not_applicable", "No — not applicable"],
                ].map(([value, label]) => (
                  <label key={value} className="choice-option">
                    <input
                      type="radio"
                      name="status"
                      value={value}
                      defaultChecked={(inputValue(state, "status") || "reported") === value}
                      disabled={readOnly || undefined}
                      onChange={() => setStatus(value!)}
                    />{" "}
                    {label}
                  </label>
                ))}
              </div>
              <div className="not-applicable" data-hidden-with-js={status !== "not_applicable" || undefined}>
                <Field
                  spec={{ key: "reason", label: "Why it does not apply", paragraph: spec.paragraphs, kind: "longText", requirement: "if-applicable", help: "Shown to readers of the report." }}
                />
              </div>
            </fieldset>
          )}
        </FormStateContext.Consumer>
      ) : (
        <input type="hidden" name="status" value="reported" />
      )}
      <div className="datapoints" data-hidden-with-js={status === "not_applicable" || undefined} onChange={onChange}>
        {omissionGroups.length > 0 && !(readOnly && omitted.every((key) => !omissionGroups.some((g) => g.key === key))) ? (
          <details className="omission" open={omissionOpen || undefined}>
            <summary>Omit {spec.code}, or part of it, as classified or sensitive information</summary>
            <Field
              spec={{
                key: OMIT_INPUT,
                label: "Omitted as classified or sensitive information",
                help: OMISSION_HELP,
                paragraph: "24(b)",
                kind: "multiEnum",
                requirement: "may",
                options: omissionGroups.map((group) => ({ value: group.key, label: group.key === spec.code ? `All of ${group.label}` : group.label })),
              }}
            />
          </details>
        ) : null}
        {spec.applicability ? (
          <div className="datapoint" data-hidden-with-js={applicabilityHidden || undefined}>
            <YesNo name={spec.applicability.field} legend={spec.applicability.question} help={spec.applicability.help} />
          </div>
        ) : null}
        {/* The catalogue also lists the trigger as a datapoint; the question above already asks it. */}
        {spec.fields.filter((field) => !gated.has(field.key) && field.key !== spec.applicability?.field).map(renderField)}
        {gated.size > 0 ? (
          <fieldset className="gated" data-hidden-with-js={answers[spec.applicability!.field] === "false" || wholeOmitted || undefined}>
            <legend>If applicable</legend>
            {spec.fields.filter((field) => gated.has(field.key)).map(renderField)}
          </fieldset>
        ) : null}
      </div>
    </EnhancedForm>
  );
}
