/**
 * What the Bun server hands to every Remix loader and action. Routes reach the databases only through this
 * context, so the server build never bundles its own copy of the driver or of the connection registry.
 */
import type { AuthServices } from "../auth/auth-services";
import type { AppEnv } from "../config/profiles";
import type { Databases, Readiness } from "../db/connections";
import type { Logger } from "../observability/logger";
import type { AppServices } from "../services/app-services";

export interface VsmeLoadContext {
  readonly requestId: string;
  /** This response's Content-Security-Policy nonce: every inline script entry.server and root render carries it. */
  readonly cspNonce: string;
  readonly appEnv: AppEnv;
  readonly exposeErrorDetails: boolean;
  readonly logger: Logger;
  /** The primary database and the read-only external one; throws DatabaseUnavailableError when unreachable. */
  databases(): Promise<Databases>;
  /** Tenant-scoped repositories and the reference-data service; the only way routes should reach data. */
  services(): Promise<AppServices>;
  /** Sign-in: the Clerk settings sessions are verified with (app/utils/auth.server.ts is their one user). */
  readonly auth: AuthServices;
  /** Headers the server adds to this request's response unless it sets them itself (RateLimit for API keys). */
  readonly responseHeaders: Headers;
  /** Pings both databases (never throws); what /readyz reports. */
  readiness(): Promise<Readiness>;
  /**
   * Set by entry.server: true when every route of the rendered document declares `handle.reusablePage` and the
   * render finished without error — the server may then keep the HTML in its rendered-page cache
   * (server/http/rendered-pages.ts), which checks everything else (status, cookies, epochs).
   */
  readonly renderedPage: { reusable: boolean };
  /** Called by entry.server's handleError with every error a loader or action threw. */
  reportError(error: unknown): void;
}

declare module "@remix-run/server-runtime" {
  interface AppLoadContext extends VsmeLoadContext {}
  interface Future {
    v3_singleFetch: true;
  }
}
