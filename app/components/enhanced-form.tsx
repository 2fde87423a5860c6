/**
 * The one form wrapper every editable page uses. Without JavaScript it is a plain `<form method="post">`: the
 * server validates, saves or answers 400 with the messages and the user's input. With JavaScript the same
 * schema validates inline (on leaving a field and before sending), the post goes through a fetcher (no page
 * reload) with a pending state, warnings show without blocking, leaving with unsaved changes asks first, and a
 * version conflict says who changed the record and when.
 */
import { useBlocker, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { z } from "zod";
import { groupIssuesByField } from "../../schemas/errors";
import { decodeForm, formValuesOf, type FormValues } from "../utils/form-data";
import type { FormReply } from "../utils/forms.server";
import { ErrorSummary } from "./error-summary";
import { FormStateContext, type FormState } from "./form-context";

/** Messages by input name for the form's current values ({} when valid): the server's own check, run here. */
export type FormValidator = (values: FormValues) => Record<string, string[]>;

/** The validator of a form whose inputs are exactly one schema's fields. */
export function validateWith(schema: z.ZodType, omitFor?: (values: FormValues) => readonly string[]): FormValidator {
  return (values) => {
    const result = schema.safeParse(decodeForm(schema, values, { omit: omitFor?.(values) }));
    return result.success ? {} : groupIssuesByField(result.error.issues);
  };
}

export interface EnhancedFormProps {
  validate: FormValidator;
  /** The action's answer to a document post (useActionData), when the page was rendered by one. */
  actionReply?: FormReply;
  version?: number;
  state: Omit<FormState, "errors" | "values">;
  labelFor: (name: string) => string;
  submitLabel?: string;
  action?: string;
  children: ReactNode;
  testId?: string;
  /** Shown under the saved message, from the action's answer (e.g. a secret shown once). */
  renderSaved?: (reply: Extract<FormReply, { ok: true }>) => ReactNode;
}

const valuesOfForm = (form: HTMLFormElement) => formValuesOf(new FormData(form));

export function EnhancedForm({ validate, actionReply, version, state, labelFor, submitLabel = "Save", action, children, testId, renderSaved }: EnhancedFormProps) {
  const fetcher = useFetcher<FormReply>();
  const reply = fetcher.data ?? actionReply;
  const [liveErrors, setLiveErrors] = useState<Record<string, string[]> | undefined>();
  const [submitErrors, setSubmitErrors] = useState<Record<string, string[]> | undefined>();
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [dirty, setDirty] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const pending = fetcher.state !== "idle";

  const serverErrors = reply && !reply.ok ? reply.errors : {};
  // Server messages stay until the user touches the field; inline messages cover touched fields.
  const errors: Record<string, string[]> = liveErrors
    ? { ...Object.fromEntries(Object.entries(serverErrors).filter(([name]) => !touched.has(name))), ...liveErrors }
    : serverErrors;

  useEffect(() => {
    if (!fetcher.data) return;
    if (fetcher.data.ok) setDirty(false);
    setLiveErrors(undefined);
    setSubmitErrors(undefined);
    setTouched(new Set());
    if (!fetcher.data.ok) summaryRef.current?.focus();
  }, [fetcher.data]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm("You have unsaved changes. Leave this page without saving them?")) blocker.proceed();
    else blocker.reset();
  }, [blocker]);

  const onBlur = (event: React.FocusEvent<HTMLFormElement>) => {
    const name = (event.target as unknown as HTMLInputElement).name;
    if (!name || name === "_version" || name.startsWith("_rows.") || !event.currentTarget) return;
    const nextTouched = new Set(touched).add(name);
    setTouched(nextTouched);
    const all = validate(valuesOfForm(event.currentTarget));
    // While typing, only the fields left so far are judged; sums across fields ("add up to…") wait for Save,
    // so messages don't jump in above the field the user is about to fill.
    setLiveErrors(Object.fromEntries(Object.entries(all).filter(([key]) => nextTouched.has(key))));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name === "intent" && submitter.value !== "save") return;
    const all = validate(valuesOfForm(event.currentTarget));
    if (Object.keys(all).length > 0) {
      event.preventDefault();
      setLiveErrors(all);
      setSubmitErrors(all);
      setTouched(new Set(Object.keys(all)));
      requestAnimationFrame(() => summaryRef.current?.focus());
    }
  };

  const contextState: FormState = {
    ...state,
    errors,
    values: reply && !reply.ok ? reply.values : undefined,
  };
  const shownVersion = reply && !reply.ok && reply.conflict ? reply.conflict.version : version;

  return (
    <FormStateContext.Provider value={contextState}>
      <fetcher.Form
        method="post"
        action={action}
        noValidate
        className="enhanced-form"
        onSubmit={onSubmit}
        onBlur={onBlur}
        onChange={() => setDirty(true)}
        aria-busy={pending || undefined}
        data-testid={testId}
      >
        {reply && !reply.ok && reply.message ? (
          <p className={reply.conflict ? "form-conflict" : "form-message-error"} role="alert" data-testid="form-error">
            {reply.message}
          </p>
        ) : null}
        <ErrorSummary ref={summaryRef} errors={submitErrors ?? serverErrors} labelFor={labelFor} />
        {reply?.ok ? (
          <div className="form-saved" role="status" data-testid="form-saved">
            <p>{reply.message}</p>
            {reply.warnings && reply.warnings.length > 0 ? (
              <ul className="warnings" aria-label="Warnings (you can still continue)">
                {reply.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            ) : null}
            {renderSaved?.(reply)}
          </div>
        ) : null}
        {shownVersion === undefined ? null : <input type="hidden" name="_version" value={shownVersion} />}
        {children}
        {state.readOnly ? null : (
          <div className="form-actions">
            <button type="submit" name="intent" value="save" className="button-primary" disabled={pending}>
              {pending ? "Saving…" : submitLabel}
            </button>
            {dirty && !pending ? <span className="unsaved" aria-live="polite">Unsaved changes</span> : null}
          </div>
        )}
      </fetcher.Form>
    </FormStateContext.Provider>
  );
}
