/**
 * Signing out of the local sign-in (and clearing Clerk's session cookies on this site). With real Clerk keys
 * the user menu (<UserButton/>) signs out through Clerk, which also ends the session at Clerk.
 */
import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { clearedSessionCookies, isHttpsRequest } from "../../server/auth/session-cookies";
import type { RouteHandle } from "../utils/access";

export const handle = { access: { loader: "public", action: "public" } } satisfies RouteHandle;

export const meta: MetaFunction = () => [{ title: "Sign out — VSME Guru" }];

export async function action({ request, context }: ActionFunctionArgs) {
  const cookies = context.auth.localSignIn?.signOut(request) ?? clearedSessionCookies(isHttpsRequest(request));
  const headers = new Headers();
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return redirect("/sign-in", { headers });
}

export default function SignOut() {
  return (
    <section aria-labelledby="sign-out-title">
      <h1 id="sign-out-title">Sign out</h1>
      <Form method="post" reloadDocument>
        <button type="submit" className="button">
          Sign out
        </button>
      </Form>
    </section>
  );
}
