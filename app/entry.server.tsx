/**
 * Streaming SSR with web streams, which is what Bun's server speaks natively (no Node stream adapters).
 */
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToReadableStream } from "react-dom/server.browser";
import { isDataError, isUnavailable } from "../server/repositories/errors";
import * as clerk from "./components/clerk";
import { provideClerk } from "./components/clerk-if-configured";
import type { RouteHandle } from "./utils/access";
import { NonceProvider } from "./utils/nonce-provider";

// The server renders Clerk's components whenever the app runs in Clerk mode; browsers load them only then.
provideClerk(clerk);

// Loaders get this long to resolve deferred data before the stream is cut off.
export const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Every inline script React and Remix write carries the nonce the server put in this response's CSP.
  const nonce = (loadContext as Partial<AppLoadContext>).cspNonce;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), streamTimeout + 1_000);
  let status = responseStatusCode;
  const renderedPage = (loadContext as Partial<AppLoadContext>).renderedPage;
  if (renderedPage) renderedPage.reusable = everyRouteReusable(remixContext);
  const body = await renderToReadableStream(
    <NonceProvider value={nonce ?? ""}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      signal: controller.signal,
      onError(error: unknown) {
        status = 500;
        if (renderedPage) renderedPage.reusable = false;
        // Errors while the shell is already streaming only reach us here; log them, the shell is sent anyway.
        if (!controller.signal.aborted) console.error(error);
      },
    },
  );
  // Crawlers and no-JS clients get the complete document at once.
  if (isbot(request.headers.get("user-agent") ?? "")) await body.allReady;
  body.allReady.finally(() => clearTimeout(timer));

  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status });
}

/** Whether every route of this document declared `handle.reusablePage` (the server's page cache may keep it). */
function everyRouteReusable(remixContext: EntryContext): boolean {
  const { matches } = remixContext.staticHandlerContext;
  return (
    matches.length > 0 &&
    matches.every((match) => (remixContext.routeModules[match.route.id]?.handle as RouteHandle | undefined)?.reusablePage === true)
  );
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  const ctx = context as Partial<AppLoadContext>;
  // Lets the server answer "database unreachable" with 503 and data-layer errors with their own status
  // instead of Remix's generic 500.
  ctx.reportError?.(error);
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 404 || status === 405) return;
  // Refusals of the data layer (not found, invalid, conflict, forbidden) are answers, not faults: the server
  // turns them into their own status and logs them at info.
  if (isDataLayerRefusal(error)) return;
  if (ctx.logger) ctx.logger.error("unhandled route error", { error, path: new URL(request.url).pathname });
  else console.error(error);
};

function isDataLayerRefusal(error: unknown): boolean {
  return isDataError(error) && !isUnavailable(error);
}
