/**
 * The people and organizations of the local sign-in (development and test): what a Clerk instance would hold.
 * Two organizations, one person in both, one read-only viewer, one person without an organization. The first
 * organization is the one the development seed fills with a company and reports.
 */
import type { Role } from "../../schemas/auth";

export interface LocalOrganization {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

export interface LocalUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly memberships: readonly { readonly organizationId: string; readonly role: Role }[];
}

export const LOCAL_ORGANIZATIONS: readonly LocalOrganization[] = [
  // Same id as the development seed's SAMPLE_ORGANIZATION_ID (a test keeps them equal).
  { id: "org_vsmeguruDevSample", slug: "beispiel-backwaren", name: "Beispiel Backwaren GmbH" },
  { id: "org_vsmeguruDevNordic", slug: "nordic-timber", name: "Nordic Timber Oy" },
];

export const LOCAL_USERS: readonly LocalUser[] = [
  {
    id: "user_vsmeguruDevAdmin",
    name: "Anna Schmidt",
    email: "anna.schmidt@example.com",
    memberships: [
      { organizationId: "org_vsmeguruDevSample", role: "org:admin" },
      { organizationId: "org_vsmeguruDevNordic", role: "org:member" },
    ],
  },
  {
    id: "user_vsmeguruDevNordicAdmin",
    name: "Lauri Virtanen",
    email: "lauri.virtanen@example.com",
    memberships: [{ organizationId: "org_vsmeguruDevNordic", role: "org:admin" }],
  },
  {
    id: "user_vsmeguruDevMember",
    name: "Jonas Weber",
    email: "jonas.weber@example.com",
    memberships: [{ organizationId: "org_vsmeguruDevSample", role: "org:member" }],
  },
  {
    id: "user_vsmeguruDevViewer",
    name: "Marie Dubois",
    email: "marie.dubois@example.com",
    memberships: [{ organizationId: "org_vsmeguruDevSample", role: "org:viewer" }],
  },
  {
    id: "user_vsmeguruDevNoOrg",
    name: "Tom Novak",
    email: "tom.novak@example.com",
    memberships: [],
  },
];

export function localUser(id: unknown): LocalUser | undefined {
  return LOCAL_USERS.find((user) => user.id === id);
}

export function localOrganization(id: unknown): LocalOrganization | undefined {
  return LOCAL_ORGANIZATIONS.find((organization) => organization.id === id);
}

/** The membership of `userId` in `organizationId`, or undefined: the only pairs the local sign-in mints. */
export function localMembership(userId: unknown, organizationId: unknown) {
  const user = localUser(userId);
  const membership = user?.memberships.find((m) => m.organizationId === organizationId);
  const organization = localOrganization(organizationId);
  return user && membership && organization ? { user, organization, role: membership.role } : undefined;
}
