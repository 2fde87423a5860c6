/**
 * One VSME disclosure as a form, generated from its catalogue entry: the "does this apply" choice when the
 * section may be declared not applicable, the "if applicable" question gating its block, the datapoints in
 * the standard's order (inputs for what this page edits, read-only facts with a link for company facts, and
 * the computed metrics with their formula). Nothing here is written per datapoint.
 */
import { Link } from "@remix-run/react";
import { useState } from "react";
import type { z } from "zod";
import type { DisclosureSpec, FieldSpec } from "../../schemas/report/catalogue-types";
import { enteredAt } from "../utils/catalogue";
import { allowsNotApplicable, fieldLabel, formNameOf, gatedFields, optionsOf, parseDisclosure, type DisclosureContext } from "../utils/disclosure-form";
import type { FormReply } from "../utils/forms.server";
import { formatNumber } from "../utils/locale";
import { EnhancedForm } from "./enhanced-form";
import { Field, YesNo } from "./fields";
import { FormStateContext, inputValue, valueAtPath, type FormState } from "./form-context";

export interface DisclosureFormProps {
  spec: DisclosureSpec;
  schema: z.ZodType;
  year: number;
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

function ReadOnlyFact({ field, value, year, locale, currency }: { field: FieldSpec; value: unknown; year: number; locale: string; currency: string }) {
  const where = enteredAt(field, year);
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

export function DisclosureForm(props: DisclosureFormProps) {
  const { spec, schema, stored, previous, previousLabel, version, locale, currency, readOnly, actionReply, year } = props;
  const base: Omit<FormState, "errors" | "values"> = { stored, previous, previousLabel, locale, currency, readOnly };
  const valuesNow: FormState = { ...base, errors: {}, values: actionReply && !actionReply.ok ? actionReply.values : undefined };
  const [status, setStatus] = useState(() => inputValue(valuesNow, "status") || "reported");
  const [applies, setApplies] = useState(() => (spec.applicability ? inputValue(valuesNow, spec.applicability.field) : ""));
  const gated = new Set(gatedFields(spec));
  const notApplicableAllowed = allowsNotApplicable(schema);

  const renderField = (field: FieldSpec) => {
    const name = formNameOf(field);
    if (!name) {
      const value = field.derived ? props.metrics[field.key] : field.root === "undertaking" ? valueAtPath(props.undertaking, field.key) : valueAtPath(stored, field.key);
      return <ReadOnlyFact key={field.key} field={field} value={value} year={year} locale={locale} currency={currency} />;
    }
    const options = field.kind === "enum" || field.kind === "multiEnum" ? optionsOf(field, schema, field.key) : field.options;
    return <Field key={name} spec={{ ...field, options }} name={name} />;
  };

  return (
    <EnhancedForm
      validate={(values) => {
        const outcome = parseDisclosure(spec, schema, values, props.context);
        return outcome.ok ? {} : outcome.errors;
      }}
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
      <div className="datapoints" data-hidden-with-js={status === "not_applicable" || undefined}>
        {spec.applicability ? (
          <YesNo name={spec.applicability.field} legend={spec.applicability.question} help={spec.applicability.help} onChange={setApplies} />
        ) : null}
        {/* The catalogue also lists the trigger as a datapoint; the question above already asks it. */}
        {spec.fields.filter((field) => !gated.has(field.key) && field.key !== spec.applicability?.field).map(renderField)}
        {gated.size > 0 ? (
          <fieldset className="gated" data-hidden-with-js={applies === "false" || undefined}>
            <legend>If applicable</legend>
            {spec.fields.filter((field) => gated.has(field.key)).map(renderField)}
          </fieldset>
        ) : null}
      </div>
    </EnhancedForm>
  );
}
