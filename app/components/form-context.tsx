/**
 * What every generated field reads: the values to show (the user's last post after an error, else the stored
 * ones), the messages by field name, the previous year's values, the locale and whether the form is read-only.
 */
import { createContext, useContext } from "react";
import type { FormValues } from "../utils/form-data";
import { inputNumber } from "../utils/locale";

export interface FormState {
  /** The user's posted input, when the form is shown again after an error: it wins over `stored`. */
  values?: FormValues;
  stored?: unknown;
  errors: Record<string, string[]>;
  previous?: unknown;
  previousLabel?: string;
  locale: string;
  /** The report's currency, for `money` fields. */
  currency?: string;
  readOnly?: boolean;
}

export const FormStateContext = createContext<FormState>({ errors: {}, locale: "en-GB" });
export const useFormState = () => useContext(FormStateContext);

export function valueAtPath(source: unknown, path: string): unknown {
  let current = source;
  for (const segment of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The text an input shows for `name`. */
export function inputValue(state: FormState, name: string): string {
  if (state.values) {
    const raw = state.values[name];
    return Array.isArray(raw) ? (raw.at(-1) ?? "") : (raw ?? "");
  }
  const stored = valueAtPath(state.stored, name);
  if (typeof stored === "number") return inputNumber(stored, state.locale);
  if (typeof stored === "boolean") return stored ? "true" : "false";
  return typeof stored === "string" ? stored : "";
}

/** The values a multi-choice field has checked. */
export function inputValues(state: FormState, name: string): string[] {
  if (state.values) {
    const raw = state.values[name];
    return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  }
  const stored = valueAtPath(state.stored, name);
  return Array.isArray(stored) ? stored.map(String) : [];
}

/** Messages for exactly this field name. */
export function errorsOf(state: FormState, name: string): string[] {
  return state.errors[name] ?? [];
}
