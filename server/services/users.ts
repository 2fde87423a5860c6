/**
 * The user record follows the verified Clerk identity: created on first use, refreshed (organization, role,
 * email, name) on later ones. Idempotent and race-free: one atomic upsert keyed by the unique clerkId, retried
 * once when two first requests insert at the same moment.
 */
import type { DataAccess } from "../repositories";
import type { OrganizationRole } from "../../schemas/user";

export interface VerifiedIdentity {
  clerkUserId: string;
  /** The active organization; undefined for a user without one (refused). */
  organizationId: string | undefined;
  orgRole: OrganizationRole | string | undefined;
  email?: string;
  name?: string;
}

export async function upsertUserFromIdentity(data: DataAccess, identity: VerifiedIdentity) {
  const repositories = data.forOrganization(identity.organizationId, {
    userId: identity.clerkUserId,
    role: identity.orgRole,
  });
  return repositories.users.upsertIdentity(identity.clerkUserId, {
    clerkId: identity.clerkUserId,
    role: identity.orgRole as OrganizationRole,
    ...(identity.email === undefined ? {} : { email: identity.email }),
    ...(identity.name === undefined ? {} : { name: identity.name }),
  });
}
