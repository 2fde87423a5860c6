/**
 * One way to read a form post: `parseForm(request, schema)` decodes the fields (form-data.ts), validates them
 * with the form's own Zod schema and gives back either the parsed value — the only thing that may reach a
 * repository — or the field messages with the user's input, for a 400 that re-renders the form. Errors from the
 * data layer (a cross-section rule, a stale version) become the same kind of answer through `dataErrorReply`.
 */
import { data } from "@remix-run/node";
import type { z } from "zod";
import { groupIssuesByField } from "../../schemas/errors";
import { isDataError } from "../../server/repositories/errors";
import { decodeForm, formValuesOf, type FormValues } from "./form-data";
import { VALIDATE_INTENT, type ValidationReply } from "./form-validation";

/** Who changed a record since the form was loaded. */
export interface ConflictInfo {
  by: string;
  at: string;
  version: number;
}

/** What every form action answers; the page shows it next to the fields (see components/form-status.tsx). */
export type FormReply =
  | {
      ok: true;
      message: string;
      version?: number;
      warnings?: string[];
      /** What this answer alone shows (a new API key's secret): never stored in the page's loader data. */
      once?: Record<string, string>;
    }
  | {
      ok: false;
      /** One sentence for the top of the form. */
      message: string;
      errors: Record<string, string[]>;
      values: FormValues;
      conflict?: ConflictInfo;
    };

export interface FormPost {
  values: FormValues;
  intent: string | undefined;
  /** The `_version` the form was rendered with, for optimistic concurrency. */
  version: number | undefined;
}

export async function readFormPost(request: Request): Promise<FormPost> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw data({ title: "Bad request", detail: "The form could not be read." }, { status: 400 });
  }
  const values = formValuesOf(formData);
  const intent = typeof values.intent === "string" ? values.intent : undefined;
  const rawVersion = typeof values._version === "string" ? Number(values._version) : Number.NaN;
  return { values, intent, version: Number.isInteger(rawVersion) && rawVersion > 0 ? rawVersion : undefined };
}

export type Parsed<S extends z.ZodType> =
  | { ok: true; value: z.output<S>; post: FormPost }
  | { ok: false; reply: ReturnType<typeof invalidForm>; errors: Record<string, string[]>; post: FormPost };

/** Decodes and validates the post against `schema`; `omit` drops fields of blocks answered "no". */
export function parseValues<S extends z.ZodType>(
  schema: S,
  post: FormPost,
  options: { omit?: readonly string[] } = {},
): Parsed<S> {
  const result = schema.safeParse(decodeForm(schema, post.values, options));
  if (result.success) return { ok: true, value: result.data, post };
  const errors = groupIssuesByField(result.error.issues);
  return { ok: false, reply: invalidForm(post.values, errors), errors, post };
}

export async function parseForm<S extends z.ZodType>(request: Request, schema: S, options: { omit?: readonly string[] } = {}) {
  return parseValues(schema, await readFormPost(request), options);
}

const FIX_MESSAGE = "Some answers need your attention. Fix them and save again.";

export function invalidForm(values: FormValues, errors: Record<string, string[]>, message = FIX_MESSAGE) {
  return data<FormReply>({ ok: false, message, errors, values }, { status: 400 });
}

/** The answer to `intent=validate`: the messages the same post would get, nothing saved (200 either way). */
export function validationReply(errors: Record<string, string[]>) {
  return data<ValidationReply>({ validated: true, errors });
}

/** For a post with `intent=validate`: the answer with the parse's messages (the action goes no further). */
export function validationOnly(parsed: Parsed<z.ZodType>) {
  if (parsed.post.intent !== VALIDATE_INTENT) return undefined;
  return validationReply(parsed.ok ? {} : parsed.errors);
}

export function savedForm(message: string, extra: { version?: number; warnings?: string[]; once?: Record<string, string> } = {}) {
  return data<FormReply>({ ok: true, message, ...extra });
}

/**
 * The data layer refused a write: field messages (400, paths renamed by `renamePath` to this form's input
 * names) or a conflict (409, "changed by X at T"). Anything else is rethrown for the
 * server's error mapping (403, 404, 503).
 */
export async function dataErrorReply(
  error: unknown,
  values: FormValues,
  options: { renamePath?: (path: string) => string; conflict?: () => Promise<ConflictInfo | undefined> } = {},
) {
  if (!isDataError(error)) throw error;
  if (error.name === "ValidationError") {
    const errors: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(error.fieldErrors)) {
      (errors[options.renamePath ? options.renamePath(path) : path] ??= []).push(...messages);
    }
    if (Object.keys(errors).length === 0) errors[""] = [error.message];
    return invalidForm(values, errors);
  }
  if (error.name === "ConflictError") {
    const conflict = error.details.kind === "version" ? await options.conflict?.() : undefined;
    const message = conflict
      ? `Changed by ${conflict.by} at ${conflict.at} — review and save again.`
      : error.message;
    return data<FormReply>({ ok: false, message, errors: {}, values, ...(conflict ? { conflict } : {}) }, { status: 409 });
  }
  throw error;
}
