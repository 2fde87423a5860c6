/**
 * The only browser module that imports the Clerk SDK (see app/utils/clerk.server.ts for the server side).
 * With real Clerk keys ("clerk" mode) these are Clerk's own components. In the local mode of development and
 * test there is no Clerk frontend to load clerk-js from, so the app renders without Clerk's provider and the
 * pages use plain forms instead (they work without JavaScript too); the server path is the same in both.
 */
import { ClerkApp, OrganizationList, OrganizationSwitcher, SignIn, UserButton } from "@clerk/remix";
import { useLoaderData } from "@remix-run/react";
import type { AuthMode } from "../../server/auth/clerk-settings";

/** Wraps the root component in Clerk's provider when the app runs against a Clerk instance. */
export function withClerk(App: () => JSX.Element) {
  const ClerkRoot = ClerkApp(App, { signInUrl: "/sign-in" } as Parameters<typeof ClerkApp>[1]);
  return function Root() {
    const data = useLoaderData() as { auth?: { mode?: AuthMode } } | undefined;
    return data?.auth?.mode === "clerk" ? <ClerkRoot /> : <App />;
  };
}

export function ClerkSignIn({ redirectTo }: { redirectTo: string }) {
  return <SignIn routing="path" path="/sign-in" forceRedirectUrl={redirectTo} />;
}

export function ClerkOrganizationList({ redirectTo }: { redirectTo: string }) {
  return (
    <OrganizationList
      hidePersonal
      afterSelectOrganizationUrl={redirectTo}
      afterCreateOrganizationUrl={redirectTo}
    />
  );
}

export function ClerkOrganizationSwitcher() {
  return <OrganizationSwitcher hidePersonal afterSelectOrganizationUrl="/" afterCreateOrganizationUrl="/" />;
}

export function ClerkUserButton() {
  return <UserButton afterSignOutUrl="/sign-in" />;
}
