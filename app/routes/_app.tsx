/**
 * The signed-in shell: navigation, the organization (and the switch to another), the role. The person and
 * "Sign out" are in the root header. Every page below needs an active organization (requireTenant); viewers,
 * and roles this app doesn't know, get the same pages read-only.
 */
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import shellStyles from "../styles/app-shell.css";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import type { Permission } from "../../schemas/auth";
import { requireTenant } from "../utils/auth.server";
import { countryNames } from "../utils/country-names.server";
import { skipRevalidationAfterValidate } from "../utils/form-validation";
import { localeFromAcceptLanguage } from "../utils/locale";
import type { RouteHandle } from "../utils/access";

export const handle = { access: { loader: "signed-in" }, reusablePage: true } satisfies RouteHandle;
// A form's inline check (intent=validate) changes nothing: the shell keeps its data.
export const shouldRevalidate = skipRevalidationAfterValidate;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: shellStyles }];

const ROLE_LABEL: Record<string, string> = { "org:admin": "Admin", "org:member": "Member", "org:viewer": "Viewer" };

export async function loader(args: LoaderFunctionArgs) {
  const { identity, repos } = await requireTenant(args);
  const company = await repos.companies.current();
  const role = identity.role ?? "org:viewer";
  const locale = localeFromAcceptLanguage(args.request.headers.get("accept-language"));
  return {
    user: { id: identity.userId, name: identity.name ?? identity.email ?? identity.userId },
    organization: { id: identity.organizationId, name: company?.name ?? identity.organizationSlug ?? "Your organization" },
    role,
    roleLabel: ROLE_LABEL[role] ?? role,
    permissions: [...identity.permissions] as Permission[],
    locale,
    currency: company?.currency ?? "EUR",
    /** For every country select of the shell's forms (see country-names.server.ts). */
    countries: countryNames(locale),
  };
}

const NAV: readonly { to: string; label: string; permission?: Permission }[] = [
  { to: "/dashboard", label: "Dashboard" },
  { to: "/company", label: "Company" },
  { to: "/reports", label: "Reports" },
  { to: "/settings/api-keys", label: "Settings: API keys", permission: "api-keys:manage" },
];

export default function AppShell() {
  const shell = useLoaderData<typeof loader>();
  // Lets browser tests (and anything else) know the page reacts to input now.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <div className="app-shell">
      <nav className="app-nav" aria-label="Main">
        <ul>
          {NAV.filter((item) => !item.permission || shell.permissions.includes(item.permission)).map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} prefetch="intent">
                {item.label}
              </NavLink>
            </li>
          ))}
          <li>
            <a href="/api/docs">API docs</a>
          </li>
        </ul>
        <div className="account">
          <span className="organization" data-testid="organization">
            <span className="visually-hidden">Organization: </span>
            {shell.organization.name}
          </span>
          <span className="role-badge" data-testid="role">
            {shell.roleLabel}
          </span>
          <a href="/select-organization">Switch organization</a>
        </div>
      </nav>
      {shell.role === "org:viewer" ? (
        <p className="notice" role="note">
          You have read-only access to this organization.
        </p>
      ) : null}
      <Outlet />
    </div>
  );
}
