/**
 * One vocabulary for who is asking: a verified Clerk session or an organization API key both become an
 * `Identity`. Permissions always come from this app's table (schemas/auth.ts), never from the token.
 */
import { ClerkOrganizationIdSchema, ClerkUserIdSchema } from "../../schemas/common";
import { RoleSchema, permissionsOfRole, type Permission, type Role } from "../../schemas/auth";

export interface Identity {
  /** Clerk user id; for an API key, `apikey:<key id>` (what audit fields record as the actor). */
  readonly userId: string;
  /** The active organization; null for a signed-in user who has none (who gets no repositories). */
  readonly organizationId: string | null;
  /** Null for an API key, and for a Clerk role this app does not know (which grants nothing). */
  readonly role: Role | null;
  readonly permissions: readonly Permission[];
  readonly via: "session" | "api-key";
  readonly sessionId?: string;
  readonly apiKeyId?: string;
  readonly organizationSlug?: string;
  /** From custom session claims when the Clerk instance adds them (the local sign-in does). */
  readonly email?: string;
  readonly name?: string;
}

/** What getAuth reports for a signed-in session, reduced to what the app reads. */
export interface VerifiedSession {
  userId: string;
  sessionId: string;
  orgId?: string | null;
  orgRole?: string | null;
  orgSlug?: string | null;
  claims: Record<string, unknown>;
}

/**
 * Stamped on identities built from a verified token or key. Request data (JSON, forms) cannot carry a symbol,
 * so whatever writes user records from an identity can tell it did not come from a caller's input.
 */
const VERIFIED = Symbol.for("vsme-guru.verified-identity");

export function markVerified<T extends object>(identity: T): Readonly<T> {
  Object.defineProperty(identity, VERIFIED, { value: true, enumerable: false });
  return Object.freeze(identity);
}

export function isVerifiedIdentity(identity: unknown): identity is Identity {
  return typeof identity === "object" && identity !== null && (identity as Record<symbol, unknown>)[VERIFIED] === true;
}

const text = (value: unknown, max: number) => (typeof value === "string" && value.length > 0 && value.length <= max ? value : undefined);

/**
 * Null when the session's user id is not a Clerk user id. An organization id that is not a plain Clerk id is
 * treated as "no active organization" rather than passed on, so it can never reach a query.
 */
export function identityOfSession(session: VerifiedSession): Identity | null {
  if (!ClerkUserIdSchema.safeParse(session.userId).success) return null;
  const organization = ClerkOrganizationIdSchema.safeParse(session.orgId);
  const organizationId = organization.success ? organization.data : null;
  const role = organizationId ? RoleSchema.safeParse(session.orgRole) : undefined;
  const knownRole = role?.success ? role.data : null;
  const slug = organizationId ? text(session.orgSlug, 200) : undefined;
  const email = text(session.claims.email, 320);
  const name = text(session.claims.name, 200);
  return markVerified({
    userId: session.userId,
    organizationId,
    role: knownRole,
    permissions: knownRole ? permissionsOfRole(knownRole) : [],
    via: "session" as const,
    sessionId: session.sessionId,
    ...(slug ? { organizationSlug: slug } : {}),
    ...(email ? { email } : {}),
    ...(name ? { name } : {}),
  });
}

export function hasPermission(identity: Identity, permission: Permission): boolean {
  return identity.permissions.includes(permission);
}
