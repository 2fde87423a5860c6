/**
 * Organization API keys. Managing them (create, list, revoke) is tenant-scoped like everything else; finding
 * the key a request presents (`apiKeyCredentials`) cannot be — the organization is what the key tells us —
 * so it is one narrow, read-mostly lookup by the key's unique prefix, used only by server/auth/api-keys.
 * The hash never leaves this module except to that lookup.
 */
import { ObjectId, type Db } from "mongodb";
import { ApiKeyInputSchema, ApiKeyStoredSchema } from "../../schemas/api-key";
import type { ApiKeyScope } from "../../schemas/auth";
import { defineCollection, type StoredRecord } from "./core/define-collection";
import { translateDriverError } from "./core/driver-errors";
import type { DataScope } from "./core/scope";
import { ConflictError, NotFoundError } from "./errors";

export const apiKeysCollection = defineCollection({
  name: "apiKeys",
  entity: "API key",
  schema: ApiKeyStoredSchema,
  inputSchema: ApiKeyInputSchema,
  tenantScoped: true,
  filterable: ["name", "revokedAt"],
  sortable: ["name", "lastUsedAt"],
  indexes: [{ name: "prefix_unique", key: { prefix: 1 }, unique: true, duplicateMessage: "An API key with this prefix exists" }],
});

type StoredApiKey = StoredRecord<typeof apiKeysCollection>;
export type ApiKeyRecord = Omit<StoredApiKey, "hash">;

const withoutHash = ({ hash: _hash, ...record }: StoredApiKey): ApiKeyRecord => record;

export function apiKeysRepository(scope: DataScope) {
  const repository = scope.repository(apiKeysCollection);
  return {
    async create(input: { name: string; prefix: string; hash: string; scopes: ApiKeyScope[]; expiresAt?: Date }) {
      return withoutHash(await repository.create(input));
    },
    async list(options: { limit?: number; cursor?: string | null } = {}) {
      const page = await repository.list({ ...options, sort: { field: "createdAt", direction: "desc" } });
      return { items: page.items.map(withoutHash), nextCursor: page.nextCursor };
    },
    async find(id: string) {
      const found = await repository.find(id);
      return found ? withoutHash(found) : null;
    },
    /** Marks the key revoked (idempotent: revoking twice keeps the first time). */
    async revoke(id: string): Promise<ApiKeyRecord> {
      for (let attempt = 0; ; attempt++) {
        const current = await repository.get(id);
        if (current.revokedAt) return withoutHash(current);
        try {
          const { id: _id, version, createdAt, updatedAt, createdBy, updatedBy, organizationId, ...fields } = current;
          const written = await repository.rewrite(id, { expectedVersion: version }, () => ({
            ...fields,
            revokedAt: new Date(),
            revokedBy: scope.actor.userId,
          }));
          return withoutHash(written);
        } catch (error) {
          if (attempt < 2 && error instanceof ConflictError) continue;
          throw error;
        }
      }
    },
  };
}

export type ApiKeysRepository = ReturnType<typeof apiKeysRepository>;

/** What authenticating a key needs: who owns it, what it may do, and whether it still may. */
export interface ApiKeyCredential {
  id: string;
  organizationId: string;
  hash: string;
  scopes: ApiKeyScope[];
  createdBy: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export function apiKeyCredentials(db: Db, options: { maxTimeMS?: number } = {}) {
  const collection = db.collection(apiKeysCollection.name);
  const fail = (error: unknown): never => {
    throw translateDriverError(error, apiKeysCollection.entity, apiKeysCollection.indexes);
  };
  return {
    async findByPrefix(prefix: string): Promise<ApiKeyCredential | null> {
      const document = await collection
        .findOne(
          { prefix: { $eq: prefix } },
          {
            projection: { organizationId: 1, hash: 1, scopes: 1, createdBy: 1, expiresAt: 1, revokedAt: 1 },
            maxTimeMS: options.maxTimeMS ?? 5_000,
          },
        )
        .catch(fail);
      if (!document) return null;
      return {
        id: (document._id as ObjectId).toHexString(),
        organizationId: String(document.organizationId),
        hash: String(document.hash),
        scopes: document.scopes as ApiKeyScope[],
        createdBy: String(document.createdBy),
        expiresAt: document.expiresAt instanceof Date ? document.expiresAt : null,
        revokedAt: document.revokedAt instanceof Date ? document.revokedAt : null,
      };
    },
    /** Bookkeeping, not an edit: no version change. */
    async touchLastUsed(credential: ApiKeyCredential, at: Date): Promise<void> {
      await collection
        .updateOne({ _id: new ObjectId(credential.id), organizationId: credential.organizationId }, { $max: { lastUsedAt: at } })
        .catch(fail);
    },
  };
}

export { NotFoundError };
