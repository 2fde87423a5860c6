/**
 * Who is asking, and what they may do — the ladder every loader, action and API endpoint climbs:
 *
 *   getIdentity(args)                 → Identity | null (a verified Clerk session, or an API key on /api)
 *   requireUser(args)                 → Identity, else sign-in redirect (pages) / 401 problem+json (/api)
 *   requireTenant(args, permission?)  → { identity, repos }: repositories bound to the active organization and
 *                                        the actor; without an active organization: choose one (pages) / 403
 *   requirePermission(args, identity, permission) → throws 403 unless the role or key grants it
 *   authenticateApiRequest(args)      → for /api: { ok, identity, headers } or { ok: false, response } (401/429),
 *                                        API keys (`Bearer vsme_…`) and sessions alike; require* use it on /api
 *
 * The require* helpers throw Responses, Remix-style. Permissions come from schemas/auth.ts, never from tokens.
 */
import { data, redirect, type LoaderFunctionArgs } from "@remix-run/node";
import type { Permission } from "../../schemas/auth";
import { rateLimitHeaders } from "../../server/auth/api-keys/api-key-service";
import { hasPermission, identityOfSession, type Identity } from "../../server/auth/identity";
import { PROBLEM_TYPES, problemResponse } from "../../server/http/problem";
import type { TenantRepositories } from "../../server/repositories";
import { recordVerifiedVisit } from "../../server/services/users";
import { SIGN_IN_PATH, verifiedSession } from "./clerk.server";

export type { Identity };
export type AuthArgs = Pick<LoaderFunctionArgs, "request" | "context"> & Partial<Pick<LoaderFunctionArgs, "params">>;

export const SELECT_ORGANIZATION_PATH = "/select-organization";

const isApiRequest = (request: Request) => {
  const { pathname } = new URL(request.url);
  return pathname === "/api" || pathname.startsWith("/api/");
};

/** The page the request was for (single-fetch `.data` requests name the page without the suffix). */
export function requestedPath(request: Request): string {
  const url = new URL(request.url);
  const pathname = url.pathname.replace(/(\/_root)?\.data$/, "") || "/";
  url.searchParams.delete("_data");
  url.searchParams.delete("_routes");
  const search = url.searchParams.toString();
  return `${pathname}${search ? `?${search}` : ""}`;
}

/** The organization API key in `Authorization: Bearer vsme_…`, on /api only (pages take sessions only). */
function presentedApiKey(request: Request): string | undefined {
  if (!isApiRequest(request)) return undefined;
  const match = /^Bearer\s+(vsme_\S*)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1];
}

export type ApiAuthentication = { ok: true; identity: Identity; headers: Headers } | { ok: false; response: Response };

const apiAuthentications = new WeakMap<Request, Promise<ApiAuthentication>>();

const API_KEY_REFUSALS = {
  invalid: "The API key is not valid.",
  revoked: "This API key was revoked.",
  expired: "This API key has expired.",
} as const;

/**
 * For /api: who is calling — an organization API key or a Clerk session (Bearer token or cookies) — or the
 * problem response to send (401, or 429 with Retry-After when a key is over its budget). API-key answers carry
 * RateLimit/RateLimit-Policy headers in `headers`; they are also added to the response automatically.
 * Counted once per request however often it is called.
 */
export function authenticateApiRequest(args: AuthArgs): Promise<ApiAuthentication> {
  let result = apiAuthentications.get(args.request);
  if (!result) {
    result = authenticate(args);
    apiAuthentications.set(args.request, result);
  }
  return result;
}

async function authenticate(args: AuthArgs): Promise<ApiAuthentication> {
  const { context } = args;
  const secret = presentedApiKey(args.request);
  if (secret === undefined) {
    const session = await verifiedSession({ request: args.request, context, params: args.params ?? {} });
    const identity = session ? identityOfSession(session) : null;
    return identity ? { ok: true, identity, headers: new Headers() } : { ok: false, response: unauthenticated(args) };
  }
  const outcome = await context.auth.apiKeys.authenticate(secret);
  if (outcome.ok) {
    const headers = rateLimitHeaders(outcome.rateLimit);
    headers.forEach((value, key) => context.responseHeaders.set(key, value));
    return { ok: true, identity: outcome.identity, headers };
  }
  if (outcome.reason === "rate-limited") {
    const headers = rateLimitHeaders(outcome.rateLimit, true);
    const response = problemResponse(
      {
        type: PROBLEM_TYPES.rateLimited,
        title: "Too many requests",
        status: 429,
        detail: `This API key may make ${outcome.rateLimit.limit} requests per minute; try again in ${outcome.rateLimit.resetSeconds} s.`,
        requestId: context.requestId,
      },
      headers,
    );
    return { ok: false, response };
  }
  return { ok: false, response: unauthenticated(args, API_KEY_REFUSALS[outcome.reason]) };
}

function unauthenticated(args: AuthArgs, detail = "Send a session token or an organization API key as `Authorization: Bearer …`.") {
  return problemResponse(
    { type: PROBLEM_TYPES.unauthorized, title: "Authentication required", status: 401, detail, requestId: args.context.requestId },
    { "WWW-Authenticate": 'Bearer realm="vsme-guru"' },
  );
}

export async function getIdentity(args: AuthArgs): Promise<Identity | null> {
  if (presentedApiKey(args.request) !== undefined) {
    const result = await authenticateApiRequest(args);
    return result.ok ? result.identity : null;
  }
  const session = await verifiedSession({ request: args.request, context: args.context, params: args.params ?? {} });
  return session ? identityOfSession(session) : null;
}

export async function requireUser(args: AuthArgs): Promise<Identity> {
  if (isApiRequest(args.request)) {
    const result = await authenticateApiRequest(args);
    if (!result.ok) throw result.response;
    return result.identity;
  }
  const identity = await getIdentity(args);
  if (identity) return identity;
  throw redirect(`${SIGN_IN_PATH}?${new URLSearchParams({ redirectTo: requestedPath(args.request) })}`);
}

export interface Tenant {
  identity: Identity & { organizationId: string };
  repos: TenantRepositories;
}

export async function requireTenant(args: AuthArgs, permission?: Permission): Promise<Tenant> {
  const identity = await requireUser(args);
  const { organizationId } = identity;
  if (!organizationId) {
    if (isApiRequest(args.request)) {
      throw problemResponse({
        type: PROBLEM_TYPES.noOrganization,
        title: "No active organization",
        status: 403,
        detail: "Choose an organization in the app first; the session token carries no active organization.",
        requestId: args.context.requestId,
      });
    }
    throw redirect(`${SELECT_ORGANIZATION_PATH}?${new URLSearchParams({ redirectTo: requestedPath(args.request) })}`);
  }
  if (permission) requirePermission(args, identity, permission);
  const { data: dataAccess } = await args.context.services();
  // The person and their membership are written on first use (and refreshed now and then), from this verified
  // session only.
  if (identity.via === "session" && identity.role) await recordVerifiedVisit(dataAccess, identity);
  const repos = dataAccess.forOrganization(organizationId, {
    userId: identity.userId,
    ...(identity.role ? { role: identity.role } : identity.apiKeyId ? { role: `api-key:${identity.apiKeyId}` } : {}),
  });
  return { identity: identity as Tenant["identity"], repos };
}

export function requirePermission(args: AuthArgs, identity: Identity, permission: Permission): void {
  if (hasPermission(identity, permission)) return;
  const detail =
    identity.via === "api-key"
      ? `This API key's scopes do not grant ${permission}.`
      : `Your role in this organization does not allow this (${permission} is needed).`;
  if (isApiRequest(args.request)) {
    throw problemResponse({
      type: PROBLEM_TYPES.forbidden,
      title: "Forbidden",
      status: 403,
      detail,
      requestId: args.context.requestId,
    });
  }
  throw data({ title: "You can't do that here", detail }, { status: 403 });
}

export interface RootAuthState {
  mode: "clerk" | "local";
  user: { id: string; name?: string; email?: string } | null;
  organization: { id: string; slug?: string; name?: string; role: string | null } | null;
  /** Local mode: the organizations the user can switch to (Clerk's switcher knows its own). */
  organizations: { id: string; name: string; role: string }[];
}

/**
 * What every page knows about the signed-in person (root loader data), plus — locally — fresh session cookies
 * when the token is getting old (Clerk's browser script does that with real keys).
 */
export async function rootAuthState(args: AuthArgs): Promise<{ state: RootAuthState; setCookies: string[] }> {
  const { clerk, localSignIn } = args.context.auth;
  const identity = await getIdentity(args);
  const state: RootAuthState = { mode: clerk.mode, user: null, organization: null, organizations: [] };
  if (!identity) return { state, setCookies: [] };
  state.user = { id: identity.userId, ...(identity.name ? { name: identity.name } : {}), ...(identity.email ? { email: identity.email } : {}) };
  if (identity.organizationId) {
    state.organization = {
      id: identity.organizationId,
      ...(identity.organizationSlug ? { slug: identity.organizationSlug } : {}),
      role: identity.role,
    };
  }
  if (!localSignIn) return { state, setCookies: [] };
  const user = localSignIn.users.find((candidate) => candidate.id === identity.userId);
  state.organizations = (user?.memberships ?? []).map((membership) => ({
    id: membership.organizationId,
    name: localSignIn.organizations.find((o) => o.id === membership.organizationId)?.name ?? membership.organizationId,
    role: membership.role,
  }));
  if (state.organization) state.organization.name = state.organizations.find((o) => o.id === identity.organizationId)?.name;
  // Only a browser's cookie session is refreshed (a Bearer token belongs to a script).
  if (!/(?:^|;\s*)__session=/.test(args.request.headers.get("cookie") ?? "")) return { state, setCookies: [] };
  // Only a browser's cookie session is refreshed (a Bearer token belongs to a script).
  if (!/(?:^|;\s*)__session=/.test(args.request.headers.get("cookie") ?? "")) return { state, setCookies: [] };
  const session = await verifiedSession({ request: args.request, context: args.context, params: args.params ?? {} });
  const issuedAt = typeof session?.claims.iat === "number" ? session.claims.iat : 0;
  const setCookies =
    (await localSignIn.refresh(args.request, { userId: identity.userId, organizationId: identity.organizationId, issuedAt })) ?? [];
  return { state, setCookies };
}
