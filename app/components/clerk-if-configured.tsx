/**
 * Clerk's components, present only when the app runs against a Clerk instance. No page imports Clerk's browser
 * SDK (@clerk/remix with its React bindings and swr, ~50 KB gzipped): the server build registers it once
 * (entry.server.tsx), and the browser loads it before hydrating only when the page says the app is configured
 * with Clerk (`<html data-auth-mode="clerk">`, entry.client.tsx). With the local sign-in of development and
 * test nothing of it is loaded, and these components render their children only (or nothing).
 */
import type { ReactNode } from "react";
import type * as ClerkModule from "./clerk";

let clerk: typeof ClerkModule | undefined;

/** Makes Clerk's components available to every page (before the first render). */
export function provideClerk(module: typeof ClerkModule): void {
  clerk = module;
}

/** In the browser: loads Clerk's SDK when the server rendered the page in Clerk mode; resolves at once otherwise. */
export function loadClerkIfConfigured(): Promise<void> {
  if (document.documentElement.dataset.authMode !== "clerk") return Promise.resolve();
  return import("./clerk").then(provideClerk);
}

/** Clerk's provider around the app in Clerk mode (with the CSP nonce); the app alone otherwise. */
export function ClerkRoot({ children }: { children: ReactNode }) {
  return clerk ? <clerk.ClerkRoot>{children}</clerk.ClerkRoot> : <>{children}</>;
}

export function ClerkSignIn(props: { redirectTo: string }) {
  return clerk ? <clerk.ClerkSignIn {...props} /> : null;
}

export function ClerkOrganizationList(props: { redirectTo: string }) {
  return clerk ? <clerk.ClerkOrganizationList {...props} /> : null;
}

export function ClerkOrganizationSwitcher() {
  return clerk ? <clerk.ClerkOrganizationSwitcher /> : null;
}

export function ClerkUserButton() {
  return clerk ? <clerk.ClerkUserButton /> : null;
}
