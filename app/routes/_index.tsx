import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { RouteHandle } from "../utils/access";

export const handle = { access: { loader: "public" } } satisfies RouteHandle;

// A status page must never be served from a cache; a 503 keeps its Retry-After.
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers(errorHeaders);
  headers.set("Cache-Control", "no-store");
  return headers;
};

export const meta: MetaFunction = () => [{ title: "VSME Guru — status" }];

const ENVIRONMENT_LABEL = {
  development: "Development",
  test: "Test",
  staging: "Staging",
  production: "Production",
} as const;

const DATABASE_LABEL = {
  primary: { name: "Primary database", purpose: "Your organisation's report data" },
  external: { name: "External reference database", purpose: "Shared sector data, read-only" },
} as const;

export async function loader({ context }: LoaderFunctionArgs) {
  const readiness = await context.readiness();
  // Staging and production show the public only the overall state: which database answers how fast tells an
  // attacker more than a customer needs (the details stay in /readyz and the logs).
  const details = context.exposeErrorDetails;
  if (readiness.databases.primary.status !== "up") {
    // Nothing in the app works without the primary database: answer 503 so monitors and proxies notice.
    throw data(
      { title: "Service temporarily unavailable", detail: details ? "The primary database cannot be reached right now." : "Status: unavailable." },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
  return {
    environment: context.appEnv,
    status: readiness.status,
    checkedAt: details ? readiness.checkedAt : null,
    databases: details ? readiness.databases : null,
  };
}

export default function Index() {
  const { environment, status, checkedAt, databases } = useLoaderData<typeof loader>();
  return (
    <>
      <section aria-labelledby="welcome-title" className="intro">
        <h1 id="welcome-title">VSME Guru</h1>
        <p>Prepare your sustainability report under the EFRAG VSME standard.</p>
        <dl className="facts">
          <div>
            <dt>Environment</dt>
            <dd data-testid="environment">{ENVIRONMENT_LABEL[environment]}</dd>
          </div>
          <div>
            <dt>Overall status</dt>
            <dd data-testid="overall-status">
              <StatusBadge status={status === "ok" ? "up" : "down"} label={status === "ok" ? "All systems operational" : "Degraded"} />
            </dd>
          </div>
        </dl>
      </section>
      {databases && checkedAt ? (
        <section aria-labelledby="databases-title">
          <h2 id="databases-title">Databases</h2>
          <table className="status-table">
            <caption>Checked at {new Date(checkedAt).toISOString().replace("T", " ").slice(0, 19)} UTC</caption>
            <thead>
              <tr>
                <th scope="col">Database</th>
                <th scope="col">Status</th>
                <th scope="col">Response time</th>
              </tr>
            </thead>
            <tbody>
              {(["primary", "external"] as const).map((key) => {
                const db = databases[key];
                return (
                  <tr key={key} data-testid={`database-${key}`}>
                    <th scope="row">
                      {DATABASE_LABEL[key].name}
                      <span className="muted">{DATABASE_LABEL[key].purpose}</span>
                    </th>
                    <td>
                      <StatusBadge status={db.status} label={db.status === "up" ? "Available" : "Unavailable"} />
                    </td>
                    <td>{db.latencyMs === null ? "—" : `${db.latencyMs} ms`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}

function StatusBadge({ status, label }: { status: "up" | "down"; label: string }) {
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{status === "up" ? "●" : "▲"}</span> {label}
    </span>
  );
}
