/**
 * Users: one record per Clerk user (`clerkId` unique), in no organization. What an organization sees of a
 * person is their membership (memberships.ts). Written only by `recordVerifiedVisit` (services/users.ts) from
 * a verified identity, never from a request body.
 */
import { ClerkUserIdSchema } from "../../schemas/common";
import { UserInputSchema, UserStoredSchema } from "../../schemas/user";
import { defineCollection } from "./core/define-collection";
import type { DataScope } from "./core/scope";

export const usersCollection = defineCollection({
  name: "users",
  entity: "User",
  schema: UserStoredSchema,
  inputSchema: UserInputSchema,
  tenantScoped: false,
  filterable: ["clerkId", "email"],
  sortable: ["name", "email"],
  indexes: [
    {
      name: "clerkId_unique",
      key: { clerkId: 1 },
      unique: true,
      duplicateMessage: "A user record for this Clerk user already exists",
    },
  ],
});

/** Over the global scope: the caller (services/users.ts) decides whose record it may touch. */
export function usersRepository(scope: DataScope) {
  const repository = scope.repository(usersCollection);
  return {
    findByClerkId(clerkId: string) {
      if (!ClerkUserIdSchema.safeParse(clerkId).success) return Promise.resolve(null);
      return repository.findOne({ clerkId });
    },
    /** Creates or refreshes the record of this Clerk user in one atomic step (race-free). */
    upsertIdentity: repository.upsertIdentity.bind(repository, "clerkId"),
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
