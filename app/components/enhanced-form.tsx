/**
 * The one form wrapper every editable page uses. Without JavaScript it is a plain `<form method="post">`: the
 * server validates, saves or answers 400 with the messages and the user's input. With JavaScript the form's
 * own Zod schema validates inline — on the server: leaving a field posts the form to its action with
 * `intent=validate` (debounced; nothing is saved, the page's data is not reloaded), so the browser loads no
 * schema library — the save goes through a fetcher (no page reload) with a pending state, warnings show without
 * blocking, leaving with unsaved changes asks first, and a version conflict says who changed the record and when.
 */
import { useBlocker, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { isControlField } from "../utils/form-data";
import type { FormReply } from "../utils/forms.server";
import { VALIDATE_INTENT, type ValidationReply } from "../utils/form-validation";
import { ErrorSummary } from "./error-summary";
import { FormStateContext, type FormState } from "./form-context";

/** How long after leaving a field the form is checked: tabbing through several fields sends one check. */
const VALIDATE_DELAY_MS = 150;

export interface EnhancedFormProps {
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

export function EnhancedForm({ actionReply, version, state, labelFor, submitLabel = "Save", action, children, testId, renderSaved }: EnhancedFormProps) {
  const fetcher = useFetcher<FormReply>();
  const validator = useFetcher<ValidationReply>();
  const reply = fetcher.data ?? actionReply;
  const [liveErrors, setLiveErrors] = useState<Record<string, string[]> | undefined>();
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [dirty, setDirty] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const validateTimer = useRef<ReturnType<typeof setTimeout>>();
  const pending = fetcher.state !== "idle";

  const serverErrors = reply && !reply.ok ? reply.errors : {};
  // Server messages stay until the user touches the field; inline messages cover the fields left so far (sums
  // across fields — "add up to…" — wait for Save, so messages don't jump in above the field about to be filled).
  const errors: Record<string, string[]> = liveErrors
    ? {
        ...Object.fromEntries(Object.entries(serverErrors).filter(([name]) => !touched.has(name))),
        ...Object.fromEntries(Object.entries(liveErrors).filter(([name]) => touched.has(name))),
      }
    : serverErrors;

  useEffect(() => {
    if (validator.data?.validated) setLiveErrors(validator.data.errors);
  }, [validator.data]);

  useEffect(() => {
    if (!fetcher.data) return;
    if (fetcher.data.ok) setDirty(false);
    clearTimeout(validateTimer.current);
    setLiveErrors(undefined);
    setTouched(new Set());
    if (!fetcher.data.ok) summaryRef.current?.focus();
  }, [fetcher.data]);

  useEffect(() => () => clearTimeout(validateTimer.current), []);

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

  const validateSoon = () => {
    clearTimeout(validateTimer.current);
    validateTimer.current = setTimeout(() => {
      const form = formRef.current;
      if (!form) return;
      const values = new FormData(form);
      values.set("intent", VALIDATE_INTENT);
      validator.submit(values, { method: "post", ...(action ? { action } : {}) });
    }, VALIDATE_DELAY_MS);
  };

  const onBlur = (event: React.FocusEvent<HTMLFormElement>) => {
    const name = (event.target as unknown as HTMLInputElement).name;
    if (!name || isControlField(name) || state.readOnly) return;
    setTouched((current) => (current.has(name) ? current : new Set(current).add(name)));
    validateSoon();
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
        ref={formRef}
        method="post"
        action={action}
        noValidate
        className="enhanced-form"
        onSubmit={() => clearTimeout(validateTimer.current)}
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
        <ErrorSummary ref={summaryRef} errors={serverErrors} labelFor={labelFor} />
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
