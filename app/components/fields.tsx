/**
 * Inputs generated from the datapoint catalogue's field specs: one component per FieldKind, each with its
 * label, paragraph, help, unit, message (`aria-describedby` ties help and message to the input) and the
 * previous year's value. Names are the dotted paths the form decoder reads back.
 */
import { useState, type ReactNode } from "react";
import type { FieldSpec } from "../../schemas/report/catalogue-types";
import { COUNTRY_CODES } from "../../schemas/codes";
import { useShell } from "../utils/shell";
import { fieldId } from "../utils/form-data";
import { formatNumber } from "../utils/locale";
import { errorsOf, inputValue, inputValues, useFormState, valueAtPath, type FormState } from "./form-context";

const NUMERIC = new Set(["number", "integer", "percent", "money"]);

function unitLabel(spec: Pick<FieldSpec, "unit" | "kind">, currency?: string): string | undefined {
  if (spec.unit === "currency" || (spec.kind === "money" && !spec.unit)) return currency;
  return spec.unit;
}

function describedBy(...ids: (string | false | undefined)[]) {
  const list = ids.filter(Boolean).join(" ");
  return list === "" ? undefined : list;
}

function Messages({ id, messages }: { id: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <p id={id} className="field-error">
      <span className="visually-hidden">Error: </span>
      {messages.join(" ")}
    </p>
  );
}

function PreviousValue({ spec, name, state }: { spec: FieldSpec; name: string; state: FormState }) {
  if (state.previous === undefined) return null;
  const value = valueAtPath(state.previous, name);
  if (value === undefined || value === null || typeof value === "object") return null;
  const unit = unitLabel(spec, state.currency);
  const text =
    typeof value === "number"
      ? `${formatNumber(value, state.locale)}${unit ? ` ${unit}` : ""}`
      : typeof value === "boolean"
        ? value ? "Yes" : "No"
        : (spec.options?.find((o) => o.value === value)?.label ?? String(value));
  return (
    <span className="previous" data-testid={`previous-${name}`}>
      {state.previousLabel ?? "Previous year"}: {text}
    </span>
  );
}

/** The shell's country names (server-computed: the browser's ICU names some regions differently). */
function CountryOptions() {
  const countries = useShell()?.countries ?? COUNTRY_CODES.map((code) => [code, code] as const);
  return (
    <>
      {countries.map(([code, name]) => (
        <option key={code} value={code}>
          {name} ({code})
        </option>
      ))}
    </>
  );
}

interface InputProps {
  spec: FieldSpec;
  name: string;
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  label?: string;
}

/** The bare control of one field (also used inside table cells). */
export function FieldControl({ spec, name, id, describedBy: described, invalid, label }: InputProps) {
  const state = useFormState();
  const common = {
    id,
    name,
    "aria-describedby": described,
    "aria-invalid": invalid || undefined,
    "aria-label": label,
    disabled: state.readOnly || undefined,
  };
  const value = inputValue(state, name);
  if (NUMERIC.has(spec.kind)) {
    return (
      <input
        {...common}
        type="text"
        inputMode={spec.kind === "integer" ? "numeric" : "decimal"}
        autoComplete="off"
        defaultValue={value}
        className="input-number"
      />
    );
  }
  switch (spec.kind) {
    case "longText":
      return <textarea {...common} defaultValue={value} rows={4} />;
    case "date":
      return <input {...common} type="date" defaultValue={value} />;
    case "geolocation": {
      // { latitude, longitude }: one input each, named like the schema's object; ids match their names so the
      // error summary's link to `….gps.latitude` lands on the input.
      const part = (key: "latitude" | "longitude", text: string) => (
        <input
          {...common}
          id={`${id}-${key}`}
          name={`${name}.${key}`}
          aria-label={`${label ?? spec.label}: ${text}`}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          placeholder={text}
          defaultValue={inputValue(state, `${name}.${key}`)}
          className="input-number input-coordinate"
        />
      );
      return (
        <span className="geolocation">
          {part("latitude", "latitude")} {part("longitude", "longitude")}
        </span>
      );
    }
    case "url":
      return <input {...common} type="text" inputMode="url" autoComplete="url" defaultValue={value} />;
    case "country":
      return (
        <select {...common} defaultValue={value}>
          <option value="">Choose…</option>
          <CountryOptions />
        </select>
      );
    case "enum":
      return (
        <select {...common} defaultValue={value}>
          <option value="">Choose…</option>
          {spec.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    default:
      return <input {...common} type="text" defaultValue={value} />;
  }
}

function ParagraphRef({ paragraph }: { paragraph: string }) {
  // Forms outside the standard (settings) have no paragraph to cite.
  if (!paragraph) return null;
  return <span className="paragraph">VSME §{paragraph}</span>;
}

/** A choice among a few answers (yes/no, multi-choice): a fieldset with a legend instead of a label. */
function ChoiceGroup({ spec, name, children }: { spec: FieldSpec; name: string; children: (ids: { describedBy?: string }) => ReactNode }) {
  const state = useFormState();
  const id = fieldId(name);
  const messages = errorsOf(state, name);
  const ids = describedBy(spec.help && `${id}-help`, messages.length > 0 && `${id}-error`);
  return (
    <fieldset className={`field choice${messages.length > 0 ? " has-error" : ""}`} id={id} aria-describedby={ids} tabIndex={-1}>
      <legend>
        {spec.label} <ParagraphRef paragraph={spec.paragraph} />
      </legend>
      {spec.help ? <p id={`${id}-help`} className="help">{spec.help}</p> : null}
      <Messages id={`${id}-error`} messages={messages} />
      <div className="choices">{children({ describedBy: ids })}</div>
      <PreviousValue spec={spec} name={name} state={state} />
    </fieldset>
  );
}

export function YesNo({ name, legend, help, paragraph, onChange }: { name: string; legend: string; help?: string; paragraph?: string; onChange?: (value: string) => void }) {
  const spec: FieldSpec = { key: name, label: legend, help, paragraph: paragraph ?? "", kind: "boolean", requirement: "always" };
  const state = useFormState();
  const value = inputValue(state, name);
  return (
    <ChoiceGroup spec={spec} name={name}>
      {() =>
        (["true", "false"] as const).map((option) => (
          <label key={option} className="choice-option">
            <input
              type="radio"
              name={name}
              value={option}
              defaultChecked={value === option}
              disabled={state.readOnly || undefined}
              onChange={onChange ? () => onChange(option) : undefined}
            />{" "}
            {option === "true" ? "Yes" : "No"}
          </label>
        ))
      }
    </ChoiceGroup>
  );
}

/** One catalogue field with everything around it. `name` defaults to the spec's key. */
export function Field({ spec, name = spec.key }: { spec: FieldSpec; name?: string }) {
  const state = useFormState();
  if (spec.derived) return null;
  if (spec.kind === "table") return <TableField spec={spec} name={name} />;
  if (spec.kind === "boolean") return <YesNo name={name} legend={spec.label} help={spec.help} paragraph={spec.paragraph} />;
  // A list of VSME disclosures or parts of them (B1's omitted and unchanged disclosures): one checkbox each.
  if (spec.kind === "multiEnum" || spec.kind === "disclosureGroups") {
    const checked = inputValues(state, name);
    return (
      <ChoiceGroup spec={spec} name={name}>
        {() =>
          spec.options?.map((option) => (
            <label key={option.value} className="choice-option">
              <input type="checkbox" name={name} value={option.value} defaultChecked={checked.includes(option.value)} disabled={state.readOnly || undefined} />{" "}
              {option.label}
            </label>
          ))
        }
      </ChoiceGroup>
    );
  }
  const id = fieldId(name);
  const messages = errorsOf(state, name);
  const unit = unitLabel(spec, state.currency);
  return (
    <div className={`field${messages.length > 0 ? " has-error" : ""}`} data-field={name}>
      <label htmlFor={id}>
        {spec.label}
        {spec.requirement === "may" ? <span className="optional"> (optional)</span> : null} <ParagraphRef paragraph={spec.paragraph} />
      </label>
      {spec.help ? <p id={`${id}-help`} className="help">{spec.help}</p> : null}
      <Messages id={`${id}-error`} messages={messages} />
      <div className="control-row">
        <FieldControl
          spec={spec}
          name={name}
          id={id}
          invalid={messages.length > 0}
          describedBy={describedBy(spec.help && `${id}-help`, messages.length > 0 && `${id}-error`, unit && `${id}-unit`)}
        />
        {unit ? <span className="unit" id={`${id}-unit`}>{unit}</span> : null}
        <PreviousValue spec={spec} name={name} state={state} />
      </div>
    </div>
  );
}

/** Rows to render: those posted (or asked for by "add a row"), else the stored ones plus an empty one. */
function rowCountOf(state: FormState, name: string): number {
  if (state.values) {
    let max = 0;
    const pattern = new RegExp(`^${name.replace(/\./g, "\\.")}\\.(\\d+)\\.`);
    for (const key of Object.keys(state.values)) {
      const match = pattern.exec(key);
      if (match) max = Math.max(max, Number(match[1]) + 1);
    }
    const requested = Number(state.values[`_rows.${name}`]);
    return Math.max(max, Number.isInteger(requested) ? Math.min(requested, 500) : 0, 1);
  }
  const stored = valueAtPath(state.stored, name);
  return (Array.isArray(stored) ? stored.length : 0) + 1;
}

/**
 * Rows of `columns`: the rows given plus one empty row; an empty row is ignored on save. "Add row" and
 * "Remove" are submit buttons (the server re-renders the form with one row more or less, nothing saved); with
 * JavaScript they change the rows in place.
 */
export function TableField({ spec, name }: { spec: FieldSpec; name: string }) {
  const state = useFormState();
  const [rows, setRows] = useState<number[]>(() => Array.from({ length: rowCountOf(state, name) }, (_, i) => i));
  const id = fieldId(name);
  const messages = errorsOf(state, name);
  const columns = spec.columns ?? [];
  return (
    <fieldset className={`field table-field${messages.length > 0 ? " has-error" : ""}`} id={id} tabIndex={-1} aria-describedby={describedBy(spec.help && `${id}-help`, messages.length > 0 && `${id}-error`)}>
      <legend>
        {spec.label}
        {spec.requirement !== "always" ? <span className="optional"> (if applicable)</span> : null} <ParagraphRef paragraph={spec.paragraph} />
      </legend>
      {spec.help ? <p id={`${id}-help`} className="help">{spec.help}</p> : null}
      <Messages id={`${id}-error`} messages={messages} />
      <input type="hidden" name={`_rows.${name}`} value={rows.length} />
      <div className="table-scroll">
        <table className="rows-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              {columns.map((column) => (
                <th scope="col" key={column.key}>
                  {column.label}
                  {unitLabel(column, state.currency) ? ` (${unitLabel(column, state.currency)})` : ""}
                </th>
              ))}
              {state.readOnly ? null : <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((rowKey, index) => (
              <tr key={rowKey}>
                <th scope="row">{index + 1}</th>
                {columns.map((column) => {
                  const cellName = `${name}.${index}.${column.key}`;
                  const cellId = fieldId(cellName);
                  const cellMessages = Object.entries(state.errors)
                    .filter(([key]) => key === cellName || key.startsWith(`${cellName}.`))
                    .flatMap(([, messages]) => messages);
                  return (
                    <td key={column.key} className={cellMessages.length > 0 ? "has-error" : undefined}>
                      <FieldControl
                        spec={column}
                        name={cellName}
                        id={cellId}
                        label={`${column.label}, row ${index + 1}`}
                        invalid={cellMessages.length > 0}
                        describedBy={cellMessages.length > 0 ? `${cellId}-error` : undefined}
                      />
                      <Messages id={`${cellId}-error`} messages={cellMessages} />
                    </td>
                  );
                })}
                {state.readOnly ? null : (
                  <td>
                    <button
                      type="submit"
                      name="intent"
                      value={`remove-row:${name}:${index}`}
                      className="button-link"
                      formNoValidate
                      onClick={(event) => {
                        event.preventDefault();
                        setRows((current) => current.filter((key) => key !== rowKey));
                      }}
                    >
                      Remove<span className="visually-hidden"> row {index + 1}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state.readOnly ? null : (
        <button
          type="submit"
          name="intent"
          value={`add-row:${name}`}
          className="button-secondary"
          formNoValidate
          onClick={(event) => {
            event.preventDefault();
            setRows((current) => [...current, Math.max(-1, ...current) + 1]);
          }}
        >
          Add a row to {spec.label.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}
