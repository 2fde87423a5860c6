import type { DatabaseConnections, Readiness } from "../db/connections";

const NO_STORE = { "Cache-Control": "no-store" } as const;

/** Liveness: the process answers. Never touches a database, so a database outage does not get us restarted. */
export function healthz(startedAt: number): Response {
  return Response.json({ status: "ok", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) }, { headers: NO_STORE });
}

/** Readiness: 503 while the primary is down (take us out of the load balancer); external down is "degraded". */
export async function readyz(connections: DatabaseConnections, exposeErrorDetails: boolean): Promise<Response> {
  const readiness = await connections.ping();
  return Response.json(publicReadiness(readiness, exposeErrorDetails), {
    status: readiness.status === "unavailable" ? 503 : 200,
    headers: NO_STORE,
  });
}

function publicReadiness(readiness: Readiness, exposeErrorDetails: boolean): Readiness {
  if (exposeErrorDetails) return readiness;
  const strip = ({ status, latencyMs }: Readiness["databases"]["primary"]) => ({ status, latencyMs });
  return {
    ...readiness,
    databases: { primary: strip(readiness.databases.primary), external: strip(readiness.databases.external) },
  };
}
