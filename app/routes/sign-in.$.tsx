/**
 * Sign-in. With real Clerk keys: Clerk's <SignIn/> (its sub-steps live under /sign-in/*, hence the splat).
 * In the local mode of development and test: the people of the local directory, one form per person and
 * organization, which mint a Clerk-shaped session (works without JavaScript).
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ClerkSignIn } from "../components/clerk-if-configured";
import type { RouteHandle } from "../utils/access";
import { getIdentity } from "../utils/auth.server";
import { safeRedirectTarget } from "../utils/redirect-target";
import { LocalSignInFormSchema } from "../utils/sign-in-forms.server";

export const handle = { access: { loader: "public", action: "public" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Sign in — VSME Guru" }];

const ROLE_LABEL: Record<string, string> = { "org:admin": "Admin", "org:member": "Member", "org:viewer": "Viewer" };

export async function loader(args: LoaderFunctionArgs) {
  const { request, context } = args;
  const url = new URL(request.url);
  const redirectTo = safeRedirectTarget(url.searchParams.get("redirectTo"), url.origin);
  const local = context.auth.localSignIn;
  // Locally the list stays reachable while signed in: it is how a developer changes person.
  if (!local && url.pathname === "/sign-in" && (await getIdentity(args))) throw redirect(redirectTo);
  if (!local) return { mode: "clerk" as const, redirectTo, people: [] };
  const people = local.users.map((user) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    memberships: user.memberships.map((membership) => ({
      organizationId: membership.organizationId,
      organizationName: local.organizations.find((o) => o.id === membership.organizationId)?.name ?? membership.organizationId,
      role: ROLE_LABEL[membership.role] ?? membership.role,
    })),
  }));
  return { mode: "local" as const, redirectTo, people };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const local = context.auth.localSignIn;
  if (!local) throw new Response("Not Found", { status: 404 });
  const form = Object.fromEntries(await request.formData());
  const parsed = LocalSignInFormSchema.safeParse(form);
  if (!parsed.success) throw new Response("The sign-in form was not filled in as expected.", { status: 400 });
  const { userId, organizationId, redirectTo } = parsed.data;
  const cookies = await local.signIn(request, userId, organizationId === "" ? null : organizationId);
  if (!cookies) throw new Response("That person or organization is not in the local directory.", { status: 400 });
  const origin = new URL(request.url).origin;
  const headers = new Headers();
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  const target = organizationId === "" ? `/select-organization?${new URLSearchParams({ redirectTo })}` : safeRedirectTarget(redirectTo, origin);
  return redirect(target, { headers });
}

export default function SignIn() {
  const { mode, redirectTo, people } = useLoaderData<typeof loader>();
  if (mode === "clerk") {
    return (
      <section aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in</h1>
        <ClerkSignIn redirectTo={redirectTo} />
      </section>
    );
  }
  return (
    <section aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in</h1>
      <p className="notice">
        Local development sign-in: no Clerk account is needed. Choose a sample person and organization; the app signs you
        in with a session token signed by the project's development key and checked by Clerk's own code.
      </p>
      <ul className="sign-in-list">
        {people.map((person) => (
          <li key={person.id} className="sign-in-card">
            <h2>{person.name}</h2>
            <span className="muted">{person.email}</span>
            {person.memberships.length === 0 ? (
              <SignInForm userId={person.id} organizationId="" redirectTo={redirectTo} label={`Sign in as ${person.name} (no organization)`} />
            ) : (
              person.memberships.map((membership) => (
                <SignInForm
                  key={membership.organizationId}
                  userId={person.id}
                  organizationId={membership.organizationId}
                  redirectTo={redirectTo}
                  label={`Sign in as ${person.name} — ${membership.role}, ${membership.organizationName}`}
                />
              ))
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SignInForm(props: { userId: string; organizationId: string; redirectTo: string; label: string }) {
  return (
    <Form method="post" reloadDocument>
      <input type="hidden" name="userId" value={props.userId} />
      <input type="hidden" name="organizationId" value={props.organizationId} />
      <input type="hidden" name="redirectTo" value={props.redirectTo} />
      <button type="submit" className="button">
        {props.label}
      </button>
    </Form>
  );
}
