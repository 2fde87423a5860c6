/**
 * The local sign-in: in development and test only, and only while the app verifies sessions with the project's
 * local key, it mints Clerk-shaped session tokens for the people of the local directory and sets the cookies
 * Clerk would. It is created by `createAuthServices` (server/auth/auth-services.ts) for the "local" mode and
 * nowhere else, so a staging or production process never holds the private key or anything that can mint.
 */
import { readFileSync } from "node:fs";
import type { AppEnv } from "../config/profiles";
import type { ClerkSettings } from "./clerk-settings";
import { LOCAL_ORGANIZATIONS, LOCAL_USERS, localMembership, localUser, type LocalOrganization, type LocalUser } from "./local-directory";
import { LOCAL_PRIVATE_KEY_PATH, LOCAL_SIGNING_KID } from "./local-signing-key";
import { clearedSessionCookies, isHttpsRequest, sessionCookies } from "./session-cookies";
import { importPrivateKey, nowSeconds, sessionClaims, signSessionToken } from "./session-token";

/** How long a locally minted token is valid; Clerk's own are valid 60 s and refreshed by its browser script. */
export const LOCAL_TOKEN_LIFETIME_SECONDS = 30 * 60;
/** The cookies go first: an idle browser sends none (signed out) rather than an expired token. */
export const LOCAL_COOKIE_MAX_AGE_SECONDS = LOCAL_TOKEN_LIFETIME_SECONDS - 5 * 60;
/** Page requests re-mint a token older than this, so an active developer stays signed in. */
export const LOCAL_REFRESH_AFTER_SECONDS = 2 * 60;

export interface LocalSignIn {
  readonly users: readonly LocalUser[];
  readonly organizations: readonly LocalOrganization[];
  /**
   * Set-Cookie values signing `userId` in, with `organizationId` active (null: no active organization).
   * Undefined when that person or membership does not exist in the local directory.
   */
  signIn(request: Request, userId: unknown, organizationId: unknown): Promise<string[] | undefined>;
  /** Fresh cookies for an already verified local session whose token is getting old; undefined when not needed. */
  refresh(request: Request, verified: { userId: string; organizationId: string | null; issuedAt: number }): Promise<string[] | undefined>;
  signOut(request: Request): string[];
}

const LOCAL_ENVIRONMENTS: readonly AppEnv[] = ["development", "test"];

export async function createLocalSignIn(appEnv: AppEnv, settings: ClerkSettings): Promise<LocalSignIn> {
  if (!LOCAL_ENVIRONMENTS.includes(appEnv) || settings.mode !== "local") {
    throw new Error(`The local sign-in exists only in development and test with the local signing key (APP_ENV=${appEnv})`);
  }
  const privateKey = await importPrivateKey(readFileSync(LOCAL_PRIVATE_KEY_PATH, "utf8"));
  const key = { privateKey, kid: LOCAL_SIGNING_KID };

  const mint = async (request: Request, userId: string, organizationId: string | null) => {
    const user = localUser(userId);
    if (!user) return undefined;
    let organization: { id: string; role: string; slug: string } | undefined;
    if (organizationId !== null) {
      const membership = localMembership(userId, organizationId);
      if (!membership) return undefined;
      organization = { id: membership.organization.id, role: membership.role, slug: membership.organization.slug };
    }
    const origin = new URL(request.url).origin;
    const claims = sessionClaims({
      userId: user.id,
      sessionId: `sess_local${crypto.randomUUID().replace(/-/g, "")}`,
      issuer: settings.issuer,
      lifetimeSeconds: LOCAL_TOKEN_LIFETIME_SECONDS,
      authorizedParty: settings.authorizedParties[0] ?? origin,
      organization,
      email: user.email,
      name: user.name,
    });
    const token = await signSessionToken(claims, key);
    return sessionCookies(token, claims.iat, { maxAge: LOCAL_COOKIE_MAX_AGE_SECONDS, secure: isHttpsRequest(request) });
  };

  return Object.freeze({
    users: LOCAL_USERS,
    organizations: LOCAL_ORGANIZATIONS,
    signIn(request: Request, userId: unknown, organizationId: unknown) {
      if (typeof userId !== "string") return Promise.resolve(undefined);
      if (organizationId !== null && typeof organizationId !== "string") return Promise.resolve(undefined);
      return mint(request, userId, organizationId);
    },
    async refresh(request: Request, verified: { userId: string; organizationId: string | null; issuedAt: number }) {
      if (nowSeconds() - verified.issuedAt < LOCAL_REFRESH_AFTER_SECONDS) return undefined;
      return mint(request, verified.userId, verified.organizationId);
    },
    signOut(request: Request) {
      return clearedSessionCookies(isHttpsRequest(request));
    },
  });
}
