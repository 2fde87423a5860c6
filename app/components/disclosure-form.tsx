/**
 * One VSME disclosure as a form, generated from its catalogue entry: the "does this apply" choice when the
 * section may be declared not applicable, the "if applicable" question gating its block, the datapoints in
 * the standard's order, and omission per group with its reason. Nothing here is written per datapoint.
 */
import { useState } from "react";
import type { z } from "zod";
import type { DisclosureSpec } from "../../schemas/report/catalogue-types";
import { allowsNotApplicable, fieldLabel, gatedFields, omittedFor } from "../utils/disclosure-form";
import type { FormReply } from "../utils/forms.server";
import { EnhancedForm } from "./enhanced-form";
import { Field, YesNo } from "./fields";
import { inputValue, type FormState } from "./form-context";
import { FormStateContext } from "./form-context";

export interface DisclosureFormProps {
  spec: DisclosureSpec;
  schema: z.ZodType;
  stored: unknown;
  previous?: unknown;
  previousLabel?: string;
  version: number;
  locale: string;
  currency: string;
  readOnly: boolean;
  actionReply?: FormReply;
}

export function DisclosureForm({ spec, schema, stored, previous, previousLabel, version, locale, currency, readOnly, actionReply }: DisclosureFormProps) {
  const base: Omit<FormState, "errors" | "values"> = { stored, previous, previousLabel, locale, currency, readOnly };
  const valuesNow: FormState = { ...base, errors: {}, values: actionReply && !actionReply.ok ? actionReply.values : undefined };
  const [status, setStatus] = useState(() => inputValue(valuesNow, "status") || "reported");
  const [applies, setApplies] = useState(() => (spec.applicability ? inputValue(valuesNow, spec.applicability.field) : ""));
  const gated = new Set(gatedFields(spec));
  const notApplicableAllowed = allowsNotApplicable(schema);

  return (
    <EnhancedForm
      schema={schema}
      actionReply={actionReply}
      version={version}
      state={base}
      labelFor={(name) => fieldLabel(spec, name)}
      omitFor={(values) => omittedFor(spec, values)}
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
          <YesNo
            name={spec.applicability.field}
            legend={spec.applicability.question}
            help={spec.applicability.help}
            onChange={setApplies}
          />
        ) : null}
        {spec.fields.filter((field) => !gated.has(field.key)).map((field) => (
          <Field key={field.key} spec={field} />
        ))}
        {gated.size > 0 ? (
          <fieldset className="gated" data-hidden-with-js={applies === "false" || undefined}>
            <legend>If applicable</legend>
            {spec.fields.filter((field) => gated.has(field.key)).map((field) => (
              <Field key={field.key} spec={field} />
            ))}
          </fieldset>
        ) : null}
      </div>
    </EnhancedForm>
  );
}
