/**
 * The HTTP server: node:http (node-listener.ts says why not Bun.serve) in front of Remix's request handler,
 * plus what Remix does not do for us — static files with the right cache headers, health endpoints, request
 * ids, Server-Timing, CORS and the Origin check, mapping database outages to 503, and a graceful stop.
 * Startable in-process (port 0) for tests.
 */
import { resolve } from "node:path";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/server-runtime";
import { createAuthServices } from "../auth/auth-services";
import type { Config } from "../config/env";
import { createDatabaseConnections, type DatabaseConnections } from "../db/connections";
import { DatabaseUnavailableError, isDatabaseUnavailableError, isUnavailable } from "../db/errors";
import { createLogger, redactString, requestIdFrom, type Logger } from "../observability/logger";
import { appServicesOver } from "../services/app-services";
import { bodyLimitFor, withinBodyLimit } from "./body-limit";
import { corsHeaders, isApiPath, isCrossSiteUnsafe, preflightResponse, requestForRemix } from "./cross-origin";
import { healthz, readyz } from "./health";
import { isDataError, type AnyDataError } from "../repositories/errors";
import { dataErrorProblem } from "./data-error-problem";
import { errorResponse, PROBLEM_TYPES } from "./problem";
import { clerkFrontendHost, createNonce, securityHeaders } from "./security-headers";
import { serveStaticFile } from "./static-files";
import { listen } from "./node-listener";
import { createRenderedPages } from "./rendered-pages";

export const DEFAULT_PUBLIC_DIR = resolve(import.meta.dir, "../../public");

export type AppServerOptions = {
  config: Config;
  build: ServerBuild;
  /** 0 picks a free port. Defaults to config.port. */
  port?: number;
  hostname?: string;
  logger?: Logger;
  /** Defaults to a fresh instance owned (and closed) by this server. */
  connections?: DatabaseConnections;
  publicDir?: string;
  /** The build's browser assets, served at /build/ (default: publicDir/build, where `npm run build` puts them). */
  assetsDir?: string;
};

export type AppServer = {
  readonly url: string;
  readonly port: number;
  readonly connections: DatabaseConnections;
  /** Stops accepting connections, lets in-flight requests finish (up to graceMs), then closes the databases. */
  stop(options?: { graceMs?: number }): Promise<void>;
};

export async function createAppServer(options: AppServerOptions): Promise<AppServer> {
  const { config, build } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel, base: { app: "vsme-guru", env: config.appEnv } });
  const connections = options.connections ?? createDatabaseConnections({ config, logger });
  const ownsConnections = options.connections === undefined;
  const publicDir = options.publicDir ?? DEFAULT_PUBLIC_DIR;
  const startedAt = Date.now();
  const remix = createRequestHandler(build, config.http.exposeErrorDetails ? "development" : "production");
  const { corsOrigins, serverTiming, exposeErrorDetails, trustProxy, maxBodyBytes } = config.http;
  const originPolicy = { allowedOrigins: corsOrigins, trustProxy };
  const cspClerkHost = clerkFrontendHost(config.clerk.publishableKey);
  const services = appServicesOver(connections);
  const auth = await createAuthServices(config, services);
  const renderedPages = createRenderedPages({ auth, services, buildVersion: build.assets.version, maxBytes: config.http.pageCacheBytes });
  // Development and test show what went wrong, but a message quoting a connection string or key is masked.
  const exposedDetail = (error: unknown) => (exposeErrorDetails && error instanceof Error ? redactString(error.message) : undefined);

  const route = async (
    request: Request,
    requestId: string,
    log: Logger,
    cspNonce: string,
    responseHeaders: Headers,
    served: { staticFile: boolean },
  ): Promise<Response> => {
    const url = new URL(request.url);
    const api = isApiPath(url.pathname);

    if (url.pathname === "/healthz") return healthz(startedAt);
    if (url.pathname === "/readyz") return readyz(connections, exposeErrorDetails);

    if (api && request.method === "OPTIONS") return preflightResponse(request, corsOrigins);
    if (isCrossSiteUnsafe(request, originPolicy)) {
      log.warn("cross-site request refused", { method: request.method, path: url.pathname, origin: request.headers.get("origin") });
      return errorResponse(request, {
        type: PROBLEM_TYPES.forbiddenOrigin,
        title: "Cross-site request refused",
        status: 403,
        detail: "This request came from another site and was not allowed.",
        requestId,
      });
    }

    const file = await serveStaticFile(request, publicDir, options.assetsDir);
    if (file) {
      served.staticFile = true;
      return file;
    }

    // Remix v2 with single fetch serves data at `.data` URLs; the v1 `?_data=` form only reaches its error path.
    if (url.searchParams.has("_data")) {
      return errorResponse(request, {
        type: PROBLEM_TYPES.badRequest,
        title: "Bad Request",
        status: 400,
        detail: "The _data parameter is not supported.",
        requestId,
      });
    }
    const bounded = await withinBodyLimit(request, bodyLimitFor(request, maxBodyBytes));
    if (bounded === "too-large") {
      return errorResponse(request, {
        type: PROBLEM_TYPES.payloadTooLarge,
        title: "Payload Too Large",
        status: 413,
        detail: `The request body is larger than this endpoint accepts (${bodyLimitFor(request, maxBodyBytes)} bytes).`,
        requestId,
      });
    }

    const remixRequest = requestForRemix(bounded, trustProxy);
    const pageKey = await renderedPages.keyFor(remixRequest);
    if (pageKey) {
      const kept = renderedPages.answer(pageKey, cspNonce);
      if (kept) return kept;
    }

    // The first error a loader or action let escape that deserves a better answer than Remix's 500.
    let reported: DatabaseUnavailableError | AnyDataError | undefined;
    let firstError: unknown;
    const context: AppLoadContext = {
      requestId,
      cspNonce,
      appEnv: config.appEnv,
      exposeErrorDetails,
      logger: log,
      databases: () => connections.getDatabases(),
      services,
      auth,
      responseHeaders,
      renderedPage: { reusable: false },
      readiness: () => connections.ping(),
      reportError: (error) => {
        firstError ??= error;
        if (reported) return;
        if (isDataError(error)) {
          reported = error;
          return;
        }
        // The primary is the only raw driver handle routes get, so a raw "unreachable" error is the primary's.
        if (!isUnavailable(error)) return;
        reported = isDatabaseUnavailableError(error) ? error : new DatabaseUnavailableError("primary", { cause: error });
      },
    };
    const response = await remix(remixRequest, context);
    // Remix answers any thrown error with 500; an unreachable database deserves 503 and the data layer's
    // errors their own status (single-fetch .data responses are left alone: their body is Remix's own
    // encoding, which the client needs).
    if (reported && response.status >= 500 && !url.pathname.endsWith(".data")) {
      await response.body?.cancel();
      return failureResponse(request, reported, requestId, log);
    }
    if (api && response.status === 404 && response.headers.get("content-type")?.startsWith("text/html")) {
      await response.body?.cancel();
      return errorResponse(request, { type: PROBLEM_TYPES.notFound, title: "Not Found", status: 404, requestId });
    }
    // A resource route that threw: Remix answers with text (its message and stack in development), but API
    // clients are promised problem+json — and the error itself was already logged by entry.server.
    if (api && response.status >= 500 && !isJsonResponse(response)) {
      await response.body?.cancel();
      return errorResponse(request, {
        type: PROBLEM_TYPES.internal,
        title: "Internal Server Error",
        status: response.status,
        detail: exposedDetail(firstError),
        requestId,
      });
    }
    return pageKey ? renderedPages.keep(pageKey, response, cspNonce, context) : response;
  };

  const fetchHandler = async (request: Request): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers);
    const nonce = createNonce();
    const log = logger.child({ requestId });
    const responseHeaders = new Headers();
    const served = { staticFile: false };
    let response: Response;
    try {
      response = await route(request, requestId, log, nonce, responseHeaders, served);
    } catch (error) {
      response = failureResponse(request, error, requestId, log);
    }
    // Responses from Bun.file and Response.json may have immutable headers; copy before decorating.
    response = new Response(response.body, response);
    // Headers a loader asked for on whatever response goes out (e.g. RateLimit on every API-key response).
    responseHeaders.forEach((value, key) => {
      if (!response.headers.has(key)) response.headers.set(key, value);
    });
    response.headers.set("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(securityHeaders({ nonce, clerkFrontendHost: cspClerkHost, appEnv: config.appEnv }))) {
      response.headers.set(name, value);
    }
    const url = new URL(request.url);
    if (isApiPath(url.pathname)) {
      corsHeaders(request, corsOrigins)?.forEach((value, key) => response.headers.set(key, value));
    }
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    if (serverTiming) response.headers.append("Server-Timing", `app;desc="time to headers";dur=${durationMs}`);
    // A page pulls a dozen files from public/: one line each would bury the requests that matter.
    if (url.pathname !== "/healthz") {
      (served.staticFile ? log.debug : log.info).call(log, "request", { method: request.method, path: url.pathname, status: response.status, durationMs });
    }
    return response;
  };
  const server = await listen({
    port: options.port ?? config.port,
    hostname: options.hostname ?? config.http.host,
    fetch: fetchHandler,
    onError: (error) => logger.error("unhandled server error", { error }),
  });

  const failureResponse = (request: Request, error: unknown, requestId: string, log: Logger): Response => {
    if (isDatabaseUnavailableError(error)) {
      log.warn("database unavailable", { database: error.database, error: error.cause ?? error });
      return errorResponse(
        request,
        {
          type: PROBLEM_TYPES.databaseUnavailable,
          title: "Service temporarily unavailable",
          status: 503,
          detail: `The ${error.database} database cannot be reached right now.`,
          requestId,
        },
        { "Retry-After": "5" },
      );
    }
    if (isDataError(error)) {
      const { problem, headers } = dataErrorProblem(error, requestId);
      (problem.status >= 500 ? log.warn : log.info).call(log, "request refused by the data layer", {
        error: error.name,
        status: problem.status,
      });
      return errorResponse(request, problem, headers);
    }
    // Production: a structured error event with the request id, no internals in the response.
    log.error("request failed", { error, errorTracking: config.observability.errorTracking });
    return errorResponse(request, {
      type: PROBLEM_TYPES.internal,
      title: "Internal Server Error",
      status: 500,
      detail: exposedDetail(error),
      requestId,
    });
  };

  let stopping: Promise<void> | undefined;
  const port = server.port ?? 0;
  return {
    url: `http://${server.hostname === "0.0.0.0" ? "127.0.0.1" : server.hostname}:${port}`,
    port,
    connections,
    stop({ graceMs = 10_000 } = {}) {
      stopping ??= (async () => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const forced = new Promise<"forced">((res) => {
          timer = setTimeout(() => res("forced"), graceMs);
        });
        const drained = server.stop(false);
        const outcome = await Promise.race([drained.then(() => "drained" as const), forced]);
        clearTimeout(timer);
        if (outcome === "forced") {
          logger.warn("in-flight requests did not finish in time; closing connections", { graceMs });
          await server.stop(true);
          await drained;
        }
        // Requests counted here but not yet added to the shared rate-limit counters (best effort).
        await auth.apiKeys.flushRateLimits().catch(() => undefined);
        if (ownsConnections) await connections.close();
      })();
      return stopping;
    },
  };
}

function isJsonResponse(response: Response): boolean {
  return /^application\/(problem\+)?json\b/i.test(response.headers.get("content-type") ?? "");
}
