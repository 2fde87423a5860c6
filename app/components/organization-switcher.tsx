/**
 * The organization switcher for the app shell: Clerk's <OrganizationSwitcher/> with real keys; locally a form
 * listing the user's memberships that re-mints the session with the chosen one (works without JavaScript).
 * Give it the root's auth state: `<OrganizationSwitcher auth={useRootAuth()} />`.
 */
import { Form, useLocation } from "@remix-run/react";
import type { RootAuthState } from "../utils/auth.server";
import { ClerkOrganizationSwitcher } from "./clerk-if-configured";

export function OrganizationSwitcher({ auth }: { auth: RootAuthState | undefined }) {
  const location = useLocation();
  if (!auth?.user) return null;
  if (auth.mode === "clerk") return <ClerkOrganizationSwitcher />;
  if (auth.organizations.length < 2) return null;
  return (
    <Form method="post" action="/select-organization" reloadDocument className="organization-switcher">
      <label htmlFor="organization-switcher">Organization</label>{" "}
      <select id="organization-switcher" name="organizationId" defaultValue={auth.organization?.id}>
        {auth.organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </select>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />{" "}
      <button type="submit" className="link-button">
        Switch
      </button>
    </Form>
  );
}
