/**
 * Memberships: a user's role in one organization, with when verified sessions first and last showed it.
 * Tenant-scoped like everything an organization sees; one per (organization, user).
 */
import { ClerkUserIdSchema } from "../../schemas/common";
import { MembershipInputSchema, MembershipStoredSchema } from "../../schemas/user";
import { defineCollection } from "./core/define-collection";
import type { DataScope } from "./core/scope";
import { ConflictError } from "./errors";

export const membershipsCollection = defineCollection({
  name: "memberships",
  entity: "Membership",
  schema: MembershipStoredSchema,
  inputSchema: MembershipInputSchema,
  tenantScoped: true,
  filterable: ["userId", "role", "lastSeenAt"],
  sortable: ["lastSeenAt", "firstSeenAt"],
  indexes: [
    {
      name: "organizationId_userId_unique",
      key: { organizationId: 1, userId: 1 },
      unique: true,
      duplicateMessage: "This user already has a membership in this organization",
    },
  ],
});

export function membershipsRepository(scope: DataScope) {
  const repository = scope.repository(membershipsCollection, {
    derive: (input, { previous }) => {
      const now = new Date();
      return { ...input, firstSeenAt: previous?.firstSeenAt ?? now, lastSeenAt: now };
    },
  });
  return {
    get: repository.get.bind(repository),
    find: repository.find.bind(repository),
    list: repository.list.bind(repository),
    count: repository.count.bind(repository),
    /** The membership of this Clerk user in this organization, or null. */
    findByUserId(userId: string) {
      if (!ClerkUserIdSchema.safeParse(userId).success) return Promise.resolve(null);
      return repository.findOne({ userId });
    },
    /**
     * Creates the membership or refreshes its role and last-seen time. Two first visits at once: the unique
     * index lets one insert win and the other updates; a write that loses a race to another refresh is
     * already done by that one.
     */
    async record(input: { userId: string; role: string }) {
      try {
        return await repository.upsert({ userId: input.userId }, input as never);
      } catch (error) {
        if (error instanceof ConflictError) return repository.findOne({ userId: input.userId });
        throw error;
      }
    },
  };
}

export type MembershipsRepository = ReturnType<typeof membershipsRepository>;
