/**
 * Where to send someone after signing in (or choosing an organization): only a path on this site. Tested
 * with the tricks that fool string checks (`//evil.com`, `/\t/evil.com`, `/\evil.com`, `javascript:`), which
 * the URL parser resolves the way browsers do.
 */
export function safeRedirectTarget(target: unknown, origin: string, fallback = "/"): string {
  if (typeof target !== "string" || target.length === 0 || target.length > 2000 || !target.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(target, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
