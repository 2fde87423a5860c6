/**
 * Remix's development build (react-router underneath) prints `No routes matched location "/x"` with
 * console.warn for every page it answers 404 — once per request, unstructured, beside our own request line
 * that already says 404. This sends such warnings through the structured logger at debug instead, and leaves
 * every other console.warn alone.
 */
import type { Logger } from "./logger";

const NO_ROUTE = /^No routes matched location "([^"]*)"/;

/** Installs the bridge on `target` (default: the global console); returns a function that removes it. */
export function routeLibraryWarnings(logger: Logger, target: Pick<Console, "warn"> = console): () => void {
  const original = target.warn;
  target.warn = (...args: unknown[]) => {
    const match = typeof args[0] === "string" ? NO_ROUTE.exec(args[0]) : null;
    if (match) logger.debug("no route matched", { path: match[1] });
    else original.apply(target, args);
  };
  return () => {
    target.warn = original;
  };
}
