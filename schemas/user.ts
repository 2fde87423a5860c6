import { z } from "zod";
import { ClerkOrganizationIdSchema, ClerkUserIdSchema, EmailSchema, shortText, strictObject } from "./common";
import { tenantRecordSchema } from "./record";

/** Clerk's built-in organization roles. Only admins approve and reopen reports. */
export const ORGANIZATION_ROLES = ["org:admin", "org:member"] as const;
export const OrganizationRoleSchema = z
  .enum(ORGANIZATION_ROLES, { error: "Role must be org:admin or org:member" })
  .meta({ id: "OrganizationRole", description: "The user's role in the organization (Clerk roles)." });
export type OrganizationRole = z.infer<typeof OrganizationRoleSchema>;

/**
 * What the server takes from a verified Clerk session to create or refresh the user record. Never built from a
 * request body: clerkId, organizationId and role come from the session token. Email and name are optional:
 * Clerk session tokens carry them only when the instance adds them as custom claims, and a user must be able
 * to start working before a profile sync fills them in.
 */
const userIdentityFields = {
  clerkId: ClerkUserIdSchema,
  email: EmailSchema.optional(),
  name: shortText(200).optional(),
  role: OrganizationRoleSchema,
};

export const UserIdentitySchema = strictObject({ ...userIdentityFields, organizationId: ClerkOrganizationIdSchema }).meta({
  id: "UserIdentity",
  description: "A user as identified by a verified Clerk session.",
});
export type UserIdentity = z.infer<typeof UserIdentitySchema>;

/**
 * What the users repository is given and stores (the organization comes from the repository's scope).
 * `clerkId` is unique across the collection.
 */
export const UserInputSchema = strictObject(userIdentityFields);
export const UserStoredSchema = UserInputSchema;

/** A user record (createdBy/updatedBy are the user themself: it is written from their own identity). */
export const UserSchema = tenantRecordSchema(UserStoredSchema).meta({
  id: "User",
  description: "A user of an organization.",
});
export type User = z.infer<typeof UserSchema>;
