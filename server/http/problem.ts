/**
 * Error responses the server produces itself (outside Remix): RFC 9457 problem+json for API clients, a small
 * self-contained HTML page for browsers.
 */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  /** RFC 9457 extension member: one entry per invalid field, for clients that show messages beside fields. */
  errors?: { path: (string | number)[]; message: string }[];
};

export const PROBLEM_TYPES = {
  databaseUnavailable: "urn:vsme-guru:problem:database-unavailable",
  forbiddenOrigin: "urn:vsme-guru:problem:forbidden-origin",
  validation: "urn:vsme-guru:problem:validation",
  conflict: "urn:vsme-guru:problem:conflict",
  forbidden: "urn:vsme-guru:problem:forbidden",
  unauthorized: "urn:vsme-guru:problem:unauthorized",
  noOrganization: "urn:vsme-guru:problem:no-active-organization",
  rateLimited: "urn:vsme-guru:problem:rate-limited",
  notFound: "about:blank",
  badRequest: "about:blank",
  payloadTooLarge: "urn:vsme-guru:problem:payload-too-large",
  internal: "about:blank",
} as const;

export function wantsJson(request: Request): boolean {
  const path = new URL(request.url).pathname;
  if (path === "/api" || path.startsWith("/api/")) return true;
  const accept = request.headers.get("accept") ?? "";
  return /application\/(problem\+)?json/i.test(accept) && !/text\/html/i.test(accept);
}

export function problemResponse(problem: Problem, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("Content-Type", "application/problem+json");
  h.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(problem), { status: problem.status, headers: h });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export function htmlErrorResponse(problem: Problem, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("Content-Type", "text/html; charset=utf-8");
  h.set("Cache-Control", "no-store");
  const body = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(problem.title)} — VSME Guru</title>
<style>body{font-family:system-ui,sans-serif;margin:0;background:#f7f8f5;color:#1d2a24}
main{max-width:40rem;margin:4rem auto;padding:1.5rem 2rem;background:#fff;border:1px solid #d9dfd9}
.status{color:#a3261b;font-weight:700;margin:0}</style></head>
<body><main><p class="status">Error ${problem.status}</p><h1>${escapeHtml(problem.title)}</h1>
${problem.detail ? `<p>${escapeHtml(problem.detail)}</p>` : ""}
${problem.status === 503 ? "<p>Please try again in a moment.</p>" : ""}
${problem.requestId ? `<p><small>Reference: ${escapeHtml(problem.requestId)}</small></p>` : ""}
<p><a href="/">Back to the home page</a></p></main></body></html>`;
  return new Response(body, { status: problem.status, headers: h });
}

export function errorResponse(request: Request, problem: Problem, headers?: HeadersInit): Response {
  return wantsJson(request) ? problemResponse(problem, headers) : htmlErrorResponse(problem, headers);
}
