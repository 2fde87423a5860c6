import type { HeadersFunction, LinksFunction, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import styles from "./styles/app.css";

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

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
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
        </header>
        <main id="main" className="content">
          {children}
        </main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
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
