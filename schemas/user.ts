import { z } from "zod";
import { ClerkOrganizationIdSchema, ClerkUserIdSchema, EmailSchema, ObjectIdSchema, shortText, strictObject } from "./common";

/** Clerk's built-in organization roles. Only admins approve and reopen reports. */
export const ORGANIZATION_ROLES = ["org:admin", "org:member"] as const;
export const OrganizationRoleSchema = z
  .enum(ORGANIZATION_ROLES, { error: "Role must be org:admin or org:member" })
  .meta({ id: "OrganizationRole", description: "The user's role in the organization (Clerk roles)." });
export type OrganizationRole = z.infer<typeof OrganizationRoleSchema>;

/**
 * What the server takes from a verified Clerk session to create or refresh the user record. Never built from a
 * request body: clerkId, organizationId and role come from the session token.
 */
export const UserIdentitySchema = strictObject({
  clerkId: ClerkUserIdSchema,
  email: EmailSchema,
  name: shortText(200),
  organizationId: ClerkOrganizationIdSchema,
  role: OrganizationRoleSchema,
}).meta({ id: "UserIdentity", description: "A user as identified by a verified Clerk session." });
export type UserIdentity = z.infer<typeof UserIdentitySchema>;

/**
 * The stored user. No createdBy/updatedBy: the record is written from the identity itself, not by another user.
 * `clerkId` is unique across the collection.
 */
export const UserSchema = UserIdentitySchema.extend({
  _id: ObjectIdSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int().min(1),
}).meta({ id: "User", description: "A user of an organization, as stored." });
export type User = z.infer<typeof UserSchema>;
