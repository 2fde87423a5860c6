/**
 * Settings → API keys (admins): create a key with a name, scopes and an optional expiry — its secret is shown
 * once, in the answer to the create post (with a copy button once JavaScript runs) — list the organization's
 * keys, and revoke one after a confirmation step that is a page of its own (`?revoke=<id>`), so it works
 * without JavaScript. Everything goes through app/utils/api-keys.server.ts (admins only, this organization only).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { API_KEY_SCOPES } from "../../schemas/api-key-scopes";
import type { FieldSpec } from "../../schemas/report/catalogue-types";
import { EnhancedForm } from "../components/enhanced-form";
import { Field } from "../components/fields";
import type { RouteHandle } from "../utils/access";
import { ApiKeyCreateSchema, createApiKey, listApiKeys, revokeApiKey } from "../utils/api-keys.server";
import { requireTenant } from "../utils/auth.server";
import { dataErrorReply, parseValues, readFormPost, savedForm, validationOnly, type FormReply } from "../utils/forms.server";
import { skipRevalidationAfterValidate } from "../utils/form-validation";
import { formatDateTime } from "../utils/locale";
import { peopleNames } from "../utils/report-page.server";
import { useShell } from "../utils/shell";

export const handle = { access: { loader: "api-keys:manage", action: "api-keys:manage" } } satisfies RouteHandle;
// Inline checks post the form with intent=validate: the action's own schema answers (nothing is saved).
export const shouldRevalidate = skipRevalidationAfterValidate;
export const meta: MetaFunction = () => [{ title: "API keys — Settings — VSME Guru" }];

const SCOPE_LABEL: Record<(typeof API_KEY_SCOPES)[number], string> = {
  "reports:read": "Read reports",
  "reports:write": "Write and submit reports",
  "company:read": "Read the company profile",
  "company:write": "Change the company profile",
  "reference:read": "Read reference data (NACE codes, CO2 intensities)",
};

const FIELDS: FieldSpec[] = [
  { key: "name", label: "Name", help: "Which application or partner uses the key.", paragraph: "", kind: "text", requirement: "always" },
  {
    key: "scopes",
    label: "Scopes",
    help: "What the key may do. Approving, reopening and managing keys always need a person.",
    paragraph: "",
    kind: "multiEnum",
    requirement: "always",
    options: API_KEY_SCOPES.map((scope) => ({ value: scope, label: `${SCOPE_LABEL[scope]} (${scope})` })),
  },
  { key: "expiresAt", label: "Expires on", help: "Optional: the key stops working at the end of this day (UTC).", paragraph: "", kind: "date", requirement: "may" },
];
const LABELS = new Map(FIELDS.map((field) => [field.key, field.label]));

export async function loader(args: LoaderFunctionArgs) {
  const { repos } = await requireTenant(args, "api-keys:manage");
  const { items } = await listApiKeys(args, { limit: 100 });
  const names = await peopleNames(args.context, repos, items.map((key) => key.createdBy));
  const revokeId = new URL(args.request.url).searchParams.get("revoke");
  const keys = items.map((key) => ({
    id: key.id,
    prefix: key.prefix,
    name: key.name,
    scopes: key.scopes,
    createdBy: names.get(key.createdBy) ?? key.createdBy,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    expiresAt: key.expiresAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  }));
  return { keys, confirming: keys.find((key) => key.id === revokeId && !key.revokedAt) ?? null };
}

export async function action(args: ActionFunctionArgs) {
  // Admins only, before the form is even read (its messages would tell others what a key needs).
  await requireTenant(args, "api-keys:manage");
  const post = await readFormPost(args.request);
  if (post.intent === "revoke") {
    const id = typeof post.values.id === "string" ? post.values.id : "";
    const revoked = await revokeApiKey(args, id);
    return savedForm(`The API key “${revoked.name}” (${revoked.prefix}…) is revoked: applications using it are refused from now on.`);
  }
  // Checked here too so the form answers with its own messages before anything else happens.
  const parsed = parseValues(ApiKeyCreateSchema, post);
  const validation = validationOnly(parsed);
  if (validation) return validation;
  if (!parsed.ok) return parsed.reply;
  try {
    const { key, secret } = await createApiKey(args, {
      name: parsed.value.name,
      scopes: parsed.value.scopes,
      ...(typeof post.values.expiresAt === "string" && post.values.expiresAt.trim() !== "" ? { expiresAt: post.values.expiresAt.trim() } : {}),
    });
    return savedForm(`The API key “${key.name}” was created.`, { once: { secret, prefix: key.prefix, name: key.name } });
  } catch (error) {
    return dataErrorReply(error, post.values);
  }
}

function dateOrDash(value: string | null, locale: string) {
  return value ? formatDateTime(value, locale) : "—";
}

/** The secret, selectable without JavaScript; with it, a button copies it. */
function ShownOnce({ secret, name }: { secret: string; name: string }) {
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard)), []);
  return (
    <div className="secret-once" data-testid="api-key-secret">
      <p>
        <strong>Copy the secret of “{name}” now: it is shown only this once.</strong> Send it as <code>Authorization: Bearer …</code>.
      </p>
      <div className="control-row">
        <label htmlFor="new-api-key-secret" className="visually-hidden">
          Secret of the new API key
        </label>
        <input id="new-api-key-secret" type="text" readOnly value={secret} className="secret-value" onFocus={(event) => event.currentTarget.select()} />
        {canCopy ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              void navigator.clipboard.writeText(secret).then(() => setCopied(true));
            }}
          >
            {copied ? "Copied" : "Copy"}
          </button>
        ) : null}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {copied ? "The secret was copied to the clipboard." : ""}
      </p>
    </div>
  );
}

export default function ApiKeysPage() {
  const { keys, confirming } = useLoaderData<typeof loader>();
  const reply = useActionData<FormReply>();
  const shell = useShell();
  const revokeReply = reply?.ok && !reply.once ? reply : undefined;
  return (
    <section aria-labelledby="api-keys-title">
      <p className="breadcrumb">Settings › API keys</p>
      <h1 id="api-keys-title">API keys</h1>
      <p>
        Partner applications use an API key to read and write this organization's data through the <a href="/api/docs">API</a>. Each key acts on
        behalf of the admin who created it; revoke a key that is no longer used or may have leaked.
      </p>

      {revokeReply ? (
        <p className="form-saved" role="status" data-testid="revoke-message">
          {revokeReply.message}
        </p>
      ) : null}

      {confirming ? (
        <section className="card confirm" aria-labelledby="confirm-title" data-testid="confirm-revoke">
          <h2 id="confirm-title">Revoke “{confirming.name}”?</h2>
          <p>
            Applications using the key <code>{confirming.prefix}…</code> are refused from then on. This can't be undone: they will need a new key.
          </p>
          <Form method="post" action="/settings/api-keys" className="control-row">
            <input type="hidden" name="id" value={confirming.id} />
            <button type="submit" name="intent" value="revoke" className="button-primary">
              Revoke the key
            </button>
            <Link to="/settings/api-keys">Cancel</Link>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="keys-title">
        <h2 id="keys-title">Keys of this organization</h2>
        {keys.length === 0 ? (
          <p>No API keys yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table" data-testid="api-keys-table">
              <caption className="visually-hidden">API keys</caption>
              <thead>
                <tr>
                  <th scope="col">Prefix</th>
                  <th scope="col">Name</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created by</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Status and actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id} data-testid={`api-key-${key.prefix}`}>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{key.name}</td>
                    <td>{key.scopes.join(", ")}</td>
                    <td>{key.createdBy}</td>
                    <td>{dateOrDash(key.createdAt, shell.locale)}</td>
                    <td>{key.lastUsedAt ? dateOrDash(key.lastUsedAt, shell.locale) : "Never"}</td>
                    <td>{key.expiresAt ? dateOrDash(key.expiresAt, shell.locale) : "Never"}</td>
                    <td>
                      {key.revokedAt ? (
                        <span className="status-badge status-stale">Revoked {dateOrDash(key.revokedAt, shell.locale)}</span>
                      ) : (
                        <Link to={`?revoke=${encodeURIComponent(key.id)}`}>
                          Revoke<span className="visually-hidden"> {key.name}</span>
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="create-title" className="card">
        <h2 id="create-title">Create an API key</h2>
        <EnhancedForm
          actionReply={reply?.ok && !reply.once ? undefined : reply}
          state={{ locale: shell.locale }}
          labelFor={(name) => LABELS.get(name) ?? name}
          submitLabel="Create API key"
          testId="api-key-form"
          renderSaved={(saved) => (saved.once?.secret ? <ShownOnce secret={saved.once.secret} name={saved.once.name ?? ""} /> : null)}
        >
          {FIELDS.map((field) => (
            <Field key={field.key} spec={field} />
          ))}
        </EnhancedForm>
      </section>
    </section>
  );
}
