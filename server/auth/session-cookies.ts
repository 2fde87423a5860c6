/**
 * The cookies Clerk's browser script keeps for a signed-in client, as @clerk/backend reads them: `__session`
 * (the session token) and `__client_uat` (unix seconds of the client's last change, never after the token's
 * `iat`). Only the local sign-in writes them server-side; it makes both HttpOnly (no browser script needs
 * them locally) and lets them expire before the token, so an idle browser sends no cookie at all (signed out)
 * instead of an expired token (which Clerk answers with a redirect to its handshake, a dead end locally).
 */
export const SESSION_COOKIE = "__session";
export const CLIENT_UAT_COOKIE = "__client_uat";

export interface CookieOptions {
  /** Seconds. */
  maxAge: number;
  secure: boolean;
}

function cookie(name: string, value: string, { maxAge, secure }: CookieOptions): string {
  return [`${name}=${value}`, "Path=/", `Max-Age=${maxAge}`, "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])].join("; ");
}

export function sessionCookies(token: string, clientUat: number, options: CookieOptions): string[] {
  return [cookie(SESSION_COOKIE, token, options), cookie(CLIENT_UAT_COOKIE, String(clientUat), options)];
}

/** What signing out sends: both cookies expired now (`__client_uat=0` is Clerk's own "signed out" value). */
export function clearedSessionCookies(secure: boolean): string[] {
  return [cookie(SESSION_COOKIE, "", { maxAge: 0, secure }), cookie(CLIENT_UAT_COOKIE, "0", { maxAge: 0, secure })];
}

/** Secure cookies whenever the browser reached us over https (directly or through a TLS-terminating proxy). */
export function isHttpsRequest(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  return (forwarded ?? new URL(request.url).protocol.replace(":", "")) === "https";
}
