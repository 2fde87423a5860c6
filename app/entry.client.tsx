import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { loadClerkIfConfigured } from "./components/clerk-if-configured";

// Parts of a form that only make sense for some answers are hidden only once JavaScript can show them again.
document.documentElement.classList.add("js");

declare global {
  interface Window {
    /** Errors React recovered from, e.g. a hydration mismatch (it then re-renders the page and drops typed input). */
    recoverableErrors?: string[];
  }
}

// Clerk's SDK is fetched only when the app runs with Clerk (the first render must match the server's).
void loadClerkIfConfigured().then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
      {
        // Kept on window (the document itself may be replaced) so a browser test can fail on them.
        onRecoverableError(error) {
          (window.recoverableErrors ??= []).push(String(error).slice(0, 300));
          console.error(error);
        },
      },
    );
  }),
);
