import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ClerkRoot, ClerkUserButton } from "./components/clerk-if-configured";
import { OrganizationSwitcher } from "./components/organization-switcher";
import styles from "./styles/app.css";
import { skipRevalidationAfterValidate } from "./utils/form-validation";
import { useNonce } from "./utils/nonce-provider";
import type { RouteHandle } from "./utils/access";
import { rootAuthState, type RootAuthState } from "./utils/auth.server";
import { clerkRootLoader } from "./utils/clerk.server";

export const APP_NAME = "VSME Guru";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// When a loader fails, the error page keeps the headers it threw with (e.g. Retry-After on a 503).
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers(errorHeaders);
  if (errorHeaders) headers.set("Cache-Control", "no-store");
  return headers;
};

export const meta: MetaFunction = () => [
  { title: APP_NAME },
  { name: "description", content: "Prepare your sustainability report under the EFRAG VSME standard." },
];

export const handle = { access: { loader: "public" }, reusablePage: true } satisfies RouteHandle;
// A form's inline check (intent=validate) changes nothing: who is signed in is not asked again.
export const shouldRevalidate = skipRevalidationAfterValidate;

/** Clerk's root loader (server-rendered auth state for its browser SDK) around who is signed in. */
export const loader = (args: LoaderFunctionArgs) =>
  clerkRootLoader(args, async () => {
    const { state, setCookies } = await rootAuthState(args);
    if (setCookies.length === 0) return { auth: state };
    const headers = new Headers({ "Content-Type": "application/json" });
    for (const cookie of setCookies) headers.append("Set-Cookie", cookie);
    return new Response(JSON.stringify({ auth: state }), { headers });
  });

export type RootData = { auth: RootAuthState };

/** Who is signed in, for any component (undefined while the root loader failed). */
export function useRootAuth(): RootAuthState | undefined {
  return useRouteLoaderData<RootData>("root")?.auth;
}

export function Layout({ children }: { children: ReactNode }) {
  const auth = useRootAuth();
  const nonce = useNonce();
  return (
    // The browser loads Clerk's SDK before hydrating only when this says so (entry.client.tsx).
    <html lang="en" data-auth-mode={auth?.mode}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <a className="brand" href="/">
            {APP_NAME}
          </a>
          <SessionStatus auth={auth} />
        </header>
        <main id="main" className="content">
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function SessionStatus({ auth }: { auth: RootAuthState | undefined }) {
  if (!auth) return null;
  if (!auth.user) {
    return (
      <a className="session-link" href="/sign-in">
        Sign in
      </a>
    );
  }
  const organization = auth.organization ? (auth.organization.name ?? auth.organization.slug ?? auth.organization.id) : null;
  return (
    <div className="session" data-testid="session">
      <span>
        {auth.user.name ?? auth.user.email ?? auth.user.id}
        {organization ? <span className="session-organization"> · {organization}</span> : null}
      </span>
      <OrganizationSwitcher auth={auth} />
      {/* With real Clerk keys, Clerk's browser script owns the session: sign out through its user menu. */}
      {auth.mode === "clerk" ? (
        <ClerkUserButton />
      ) : (
        <Form method="post" action="/sign-out" reloadDocument>
          <button type="submit" className="link-button">
            Sign out
          </button>
        </Form>
      )}
    </div>
  );
}

export default function App() {
  return (
    <ClerkRoot>
      <Outlet />
    </ClerkRoot>
  );
}

type ErrorPayload = { title?: string; detail?: string };

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const payload = (typeof error.data === "object" && error.data ? error.data : {}) as ErrorPayload;
    const title =
      payload.title ??
      (error.status === 404 ? "Page not found" : error.status === 503 ? "Service temporarily unavailable" : "Something went wrong");
    return (
      <section className="error" aria-labelledby="error-title">
        <p className="error-status">Error {error.status}</p>
        <h1 id="error-title">{title}</h1>
        {payload.detail ? <p>{payload.detail}</p> : null}
        {error.status === 503 ? <p>Please try again in a moment.</p> : null}
        <p>
          <a href="/">Back to the home page</a>
        </p>
      </section>
    );
  }
  return (
    <section className="error" aria-labelledby="error-title">
      <p className="error-status">Error 500</p>
      <h1 id="error-title">Something went wrong</h1>
      <p>The problem has been logged. Please try again.</p>
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </section>
  );
}
