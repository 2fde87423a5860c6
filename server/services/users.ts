/**
 * People follow their verified Clerk identity: the global user record (one per Clerk user: email and name
 * when the session carries them) and the membership of the active organization (role, first/last seen) are
 * created on first use and refreshed later. Only an identity built by server/auth from a verified session may
 * be recorded — never ids a caller chose. Both writes are single-key upserts guarded by unique indexes, so
 * concurrent first requests end with one record each.
 */
import { isVerifiedIdentity, type Identity } from "../auth/identity";
import type { DataAccess } from "../repositories";
import { ForbiddenError } from "../repositories/errors";

/** A person's last-seen time is refreshed at most this often per process (it costs two writes). */
export const VISIT_RECORD_INTERVAL_MS = 5 * 60_000;

const recentVisits = new WeakMap<DataAccess, Map<string, number>>();

/**
 * Records that this verified session's user was seen in its active organization. Returns false when nothing
 * needed writing (seen recently with the same role and profile).
 */
export async function recordVerifiedVisit(data: DataAccess, identity: Identity, now = Date.now()): Promise<boolean> {
  if (!isVerifiedIdentity(identity) || identity.via !== "session") {
    throw new Error("Only an identity verified from a session token can be recorded");
  }
  const { userId, organizationId, role } = identity;
  if (!organizationId || !role) throw new ForbiddenError("An active organization and a known role are required");
  let seen = recentVisits.get(data);
  if (!seen) recentVisits.set(data, (seen = new Map()));
  const key = `${organizationId}\u0000${userId}\u0000${role}\u0000${identity.email ?? ""}\u0000${identity.name ?? ""}`;
  const last = seen.get(key);
  if (last !== undefined && now - last < VISIT_RECORD_INTERVAL_MS) return false;

  const actor = { userId, role };
  await data.users(actor).upsertIdentity(userId, {
    clerkId: userId,
    ...(identity.email === undefined ? {} : { email: identity.email }),
    ...(identity.name === undefined ? {} : { name: identity.name }),
  });
  await data.forOrganization(organizationId, actor).members.record({ userId, role });
  if (seen.size > 10_000) seen.clear();
  seen.set(key, now);
  return true;
}
