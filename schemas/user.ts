import { z } from "zod";
import { RoleSchema, ROLES, type Role } from "./auth";
import { ClerkOrganizationIdSchema, ClerkUserIdSchema, EmailSchema, shortText, strictObject } from "./common";
import { globalRecordSchema, tenantRecordSchema } from "./record";

/** Clerk organization roles this app knows (schemas/auth.ts): admins approve and reopen, viewers only read. */
export const ORGANIZATION_ROLES = ROLES;
export const OrganizationRoleSchema = RoleSchema;
export type OrganizationRole = Role;

/**
 * Who a verified Clerk session says the user is. Never built from a request body: clerkId, organizationId and
 * role come from the session token. Email and name are optional: Clerk session tokens carry them only when the
 * instance adds them as custom claims, and a user must be able to start working before a profile sync fills
 * them in.
 */
const profileFields = {
  clerkId: ClerkUserIdSchema,
  email: EmailSchema.optional(),
  name: shortText(200).optional(),
};

export const UserIdentitySchema = strictObject({
  ...profileFields,
  organizationId: ClerkOrganizationIdSchema,
  role: z.enum(ROLES, { error: `Role must be one of ${ROLES.join(", ")}` }),
}).meta({
  id: "UserIdentity",
  description: "A user as identified by a verified Clerk session.",
});
export type UserIdentity = z.infer<typeof UserIdentitySchema>;

/** What the users repository is given and stores. */
export const UserInputSchema = strictObject(profileFields);
export const UserStoredSchema = UserInputSchema;

/**
 * A user record: one per Clerk user, belonging to no organization (what each organization may see of a person
 * is their membership). `clerkId` is unique; createdBy/updatedBy are the user themself.
 */
export const UserSchema = globalRecordSchema(UserStoredSchema).meta({
  id: "User",
  description: "A person: one record per Clerk user, shared by the organizations they belong to.",
});
export type User = z.infer<typeof UserSchema>;

/** What the memberships repository is given; the times are set by the repository. */
export const MembershipInputSchema = strictObject({
  userId: ClerkUserIdSchema,
  role: RoleSchema,
});

/** A user's membership of one organization, as the verified sessions showed it. */
export const MembershipStoredSchema = strictObject({
  userId: ClerkUserIdSchema,
  role: RoleSchema,
  firstSeenAt: z.date(),
  lastSeenAt: z.date(),
});
export const MembershipSchema = tenantRecordSchema(MembershipStoredSchema).meta({
  id: "Membership",
  description: "A user's role in an organization, with when they were first and last seen.",
});
export type Membership = z.infer<typeof MembershipSchema>;
