/**
 * The only server module that imports the Clerk SDK (@clerk/remix), so moving to @clerk/react-router later
 * touches this file and app/components/clerk.tsx (ADR 0040). Sessions are verified networkless with the
 * instance's JWT key (`context.auth.clerk`); `loadUser` and friends stay off: they would call Clerk's API on
 * the request path.
 */
import { getAuth, rootAuthLoader } from "@clerk/remix/ssr.server";
import type { LoaderFunctionArgs } from "@remix-run/node";
import type { ClerkSettings } from "../../server/auth/clerk-settings";
import type { VerifiedSession } from "../../server/auth/identity";
import { presentedSessionTokens } from "../../server/auth/session-key-ids";

type Args = Pick<LoaderFunctionArgs, "request" | "context" | "params">;

export const SIGN_IN_PATH = "/sign-in";

function clerkOptions(clerk: ClerkSettings) {
  return {
    publishableKey: clerk.publishableKey,
    secretKey: clerk.secretKey,
    jwtKey: clerk.jwtKey,
    ...(clerk.authorizedParties.length > 0 ? { authorizedParties: [...clerk.authorizedParties] } : {}),
    signInUrl: SIGN_IN_PATH,
  };
}

// Root and route loaders of one request share one verification.
const verified = new WeakMap<Request, Promise<VerifiedSession | null>>();

/**
 * The verified Clerk session of this request (cookie or `Authorization: Bearer`), or null. Expired, not yet
 * valid, tampered, foreign-key, wrong-`azp` and pending sessions are all null.
 */
export function verifiedSession(args: Args): Promise<VerifiedSession | null> {
  let session = verified.get(args.request);
  if (!session) {
    session = readSession(args);
    verified.set(args.request, session);
  }
  return session;
}

async function readSession(args: Args): Promise<VerifiedSession | null> {
  const { clerk, sessionKeyIds, verifiedSessions } = args.context.auth;
  const remembered = verifiedSessions.get(args.request);
  if (remembered) return remembered;
  // A token naming a key id our key never signed is refused before Clerk caches that kid (bounded cache).
  for (const token of presentedSessionTokens(args.request)) {
    if (!(await sessionKeyIds.admits(token))) return null;
  }
  let auth: Awaited<ReturnType<typeof getAuth>>;
  try {
    auth = await getAuth(args as LoaderFunctionArgs, clerkOptions(clerk));
  } catch (thrown) {
    // An expired token on a page request makes Clerk redirect to its handshake on the frontend API. Locally
    // there is no frontend API: that is simply "signed out".
    if (clerk.mode === "local" && thrown instanceof Response && thrown.status >= 300 && thrown.status < 400) return null;
    throw thrown;
  }
  if (!auth.userId || !auth.sessionId) return null;
  // Clerk checks `iss` only for cookies (by name); a Bearer token from another instance signed with a key we
  // trust would still be someone else's token.
  if (auth.sessionClaims?.iss !== clerk.issuer) return null;
  const session: VerifiedSession = {
    userId: auth.userId,
    sessionId: auth.sessionId,
    orgId: auth.orgId ?? null,
    orgRole: auth.orgRole ?? null,
    orgSlug: auth.orgSlug ?? null,
    claims: (auth.sessionClaims ?? {}) as Record<string, unknown>,
  };
  verifiedSessions.remember(args.request, session);
  return session;
}

/**
 * The root loader: Clerk's `rootAuthLoader` (which hands the browser SDK its server-rendered state) around the
 * app's own root data.
 */
export async function clerkRootLoader<T extends Record<string, unknown>>(
  args: LoaderFunctionArgs,
  handler: () => Promise<T | Response>,
) {
  const { clerk, localSignIn } = args.context.auth;
  try {
    return await rootAuthLoader(args, () => handler() as Promise<Response>, clerkOptions(clerk));
  } catch (thrown) {
    // See readSession: locally, Clerk's handshake redirect means the token expired. Forget it and reload.
    if (localSignIn && thrown instanceof Response && thrown.status >= 300 && thrown.status < 400) {
      const url = new URL(args.request.url);
      const headers = new Headers({ Location: (url.pathname.replace(/(\/_root)?\.data$/, "") || "/") + url.search });
      for (const cookie of localSignIn.signOut(args.request)) headers.append("Set-Cookie", cookie);
      throw new Response(null, { status: 303, headers });
    }
    throw thrown;
  }
}
