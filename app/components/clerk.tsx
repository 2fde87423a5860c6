/**
 * The only browser module that imports the Clerk SDK (see app/utils/clerk.server.ts for the server side).
 * With real Clerk keys ("clerk" mode) these are Clerk's own components. In the local mode of development and
 * test there is no Clerk frontend to load clerk-js from, so the app renders without Clerk's provider and the
 * pages use plain forms instead (they work without JavaScript too); the server path is the same in both.
 * Pages never import this module: they use ./clerk-if-configured, which the browser fills with it only in
 * Clerk mode (so the local mode loads none of the SDK).
 */
import { ClerkProvider, OrganizationList, OrganizationSwitcher, SignIn, UserButton } from "@clerk/remix";
import { useLoaderData } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import type { AuthMode } from "../../server/auth/clerk-settings";
import { useNonce } from "../utils/nonce-provider";

/**
 * The CSP nonce for the script tag clerk-js is loaded with. The browser inserts that tag after hydration,
 * where the nonce is no longer rendered (browsers hide the attribute but keep the `nonce` property of the
 * page's own scripts), so it is read back from them; on the server it comes from the render's context.
 */
function useScriptNonce(): string | undefined {
  const rendered = useNonce();
  if (rendered) return rendered;
  if (typeof document === "undefined") return undefined;
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
}

/**
 * Clerk's provider around the app when it runs against a Clerk instance (what `ClerkApp` does, plus the nonce,
 * which ClerkApp's static options cannot carry: it differs per response). Reads the root route's loader data.
 */
export function ClerkRoot({ children }: { children: ReactNode }) {
  const data = useLoaderData() as { auth?: { mode?: AuthMode }; clerkState?: unknown } | undefined;
  const nonce = useScriptNonce();
  if (data?.auth?.mode !== "clerk") return <>{children}</>;
  const props = { clerkState: data.clerkState, signInUrl: "/sign-in", ...(nonce ? { nonce } : {}) };
  return <ClerkProvider {...(props as unknown as ComponentProps<typeof ClerkProvider>)}>{children}</ClerkProvider>;
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
