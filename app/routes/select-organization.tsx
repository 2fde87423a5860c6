/**
 * Choosing the active organization: where a signed-in user without one is sent, and where the local
 * organization switcher posts. With real Clerk keys: Clerk's <OrganizationList/> (choose or create). Locally:
 * one form per membership, which re-mints the session with that organization active.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ClerkOrganizationList } from "../components/clerk-if-configured";
import type { RouteHandle } from "../utils/access";
import { requireUser } from "../utils/auth.server";
import { safeRedirectTarget } from "../utils/redirect-target";
import { SelectOrganizationFormSchema } from "../utils/sign-in-forms.server";

export const handle = { access: { loader: "signed-in", action: "signed-in" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Choose an organization — VSME Guru" }];

const ROLE_LABEL: Record<string, string> = { "org:admin": "Admin", "org:member": "Member", "org:viewer": "Viewer" };

export async function loader(args: LoaderFunctionArgs) {
  const identity = await requireUser(args);
  const url = new URL(args.request.url);
  const redirectTo = safeRedirectTarget(url.searchParams.get("redirectTo"), url.origin);
  const local = args.context.auth.localSignIn;
  if (!local) return { mode: "clerk" as const, redirectTo, current: identity.organizationId, organizations: [] };
  const user = local.users.find((candidate) => candidate.id === identity.userId);
  const organizations = (user?.memberships ?? []).map((membership) => ({
    id: membership.organizationId,
    name: local.organizations.find((o) => o.id === membership.organizationId)?.name ?? membership.organizationId,
    role: ROLE_LABEL[membership.role] ?? membership.role,
  }));
  return { mode: "local" as const, redirectTo, current: identity.organizationId, organizations };
}

export async function action(args: ActionFunctionArgs) {
  const identity = await requireUser(args);
  const local = args.context.auth.localSignIn;
  if (!local) throw new Response("Not Found", { status: 404 });
  const parsed = SelectOrganizationFormSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) throw new Response("Choose one of your organizations.", { status: 400 });
  // Only organizations the verified user belongs to: signIn refuses any other pair.
  const cookies = await local.signIn(args.request, identity.userId, parsed.data.organizationId);
  if (!cookies) throw new Response("You are not a member of that organization.", { status: 403 });
  const headers = new Headers();
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return redirect(safeRedirectTarget(parsed.data.redirectTo, new URL(args.request.url).origin), { headers });
}

export default function SelectOrganization() {
  const { mode, redirectTo, current, organizations } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="select-organization-title">
      <h1 id="select-organization-title">Choose an organization</h1>
      {mode === "clerk" ? (
        <ClerkOrganizationList redirectTo={redirectTo} />
      ) : organizations.length === 0 ? (
        <p className="notice">
          You are not a member of any organization. In the local sign-in, organizations are fixed: sign out and choose a
          person who belongs to one.
        </p>
      ) : (
        <ul className="sign-in-list">
          {organizations.map((organization) => (
            <li key={organization.id} className="sign-in-card">
              <h2>{organization.name}</h2>
              <span className="muted">Your role: {organization.role}</span>
              <Form method="post" reloadDocument>
                <input type="hidden" name="organizationId" value={organization.id} />
                <input type="hidden" name="redirectTo" value={redirectTo} />
                <button type="submit" className="button" aria-current={organization.id === current ? "true" : undefined}>
                  {organization.id === current ? `Continue with ${organization.name}` : `Switch to ${organization.name}`}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
