/**
 * Users: one record per Clerk user (`clerkId` unique across the collection), kept in the organization the user
 * is active in. Written only from a verified identity, never from a request body.
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
  tenantScoped: true,
  filterable: ["clerkId", "role", "email"],
  sortable: ["name", "email"],
  indexes: [
    {
      name: "clerkId_unique",
      key: { clerkId: 1 },
      unique: true,
      duplicateMessage: "A user record for this Clerk user already exists",
    },
    { name: "organizationId_role", key: { organizationId: 1, role: 1 } },
  ],
});

export function usersRepository(scope: DataScope) {
  const repository = scope.repository(usersCollection);
  return {
    get: repository.get.bind(repository),
    find: repository.find.bind(repository),
    findOne: repository.findOne.bind(repository),
    list: repository.list.bind(repository),
    count: repository.count.bind(repository),
    /** The member of this organization with this Clerk id, or null. */
    findByClerkId(clerkId: string) {
      if (!ClerkUserIdSchema.safeParse(clerkId).success) return Promise.resolve(null);
      return repository.findOne({ clerkId });
    },
    /** See `upsertUserFromIdentity` (services/users.ts): the one way a user record is written. */
    upsertIdentity: repository.upsertIdentity.bind(repository, "clerkId"),
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
