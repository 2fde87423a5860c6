/**
 * Idempotency keys of API POSTs: the first request with a key claims it (pending), its answer is stored when
 * it finishes, and a retry with the same key gets that answer instead of acting twice. Kept 24 hours; a TTL
 * index lets the database delete them (reads also ignore expired ones, as TTL deletion runs only once a minute).
 * Keys are per organization and per caller (user or API key), so two clients can never collide.
 */
import { z } from "zod";
import { strictObject } from "../../schemas/common";
import { defineCollection, type StoredRecord } from "./core/define-collection";
import type { DataScope } from "./core/scope";

export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

const StoredResponseSchema = strictObject({
  status: z.number().int().min(200).max(499),
  headers: z.record(z.string().max(100), z.string().max(2000)),
  body: z.string().max(4 * 1024 * 1024),
});
export type StoredResponse = z.infer<typeof StoredResponseSchema>;

const idempotencyFields = {
  key: z.string().min(1).max(255),
  /** Who sent it: the user id or `apikey:<id>`. */
  principal: z.string().min(1).max(200),
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  state: z.enum(["pending", "complete"]),
  response: StoredResponseSchema.optional(),
  expiresAt: z.date(),
};

const IdempotencyKeyInputSchema = strictObject(idempotencyFields);

export const idempotencyKeysCollection = defineCollection({
  name: "idempotencyKeys",
  entity: "Idempotency key",
  schema: IdempotencyKeyInputSchema,
  inputSchema: IdempotencyKeyInputSchema,
  tenantScoped: true,
  filterable: ["key", "principal"],
  indexes: [
    {
      name: "organizationId_principal_key_unique",
      key: { organizationId: 1, principal: 1, key: 1 },
      unique: true,
      duplicateMessage: "This Idempotency-Key is being used by another request",
    },
    { name: "expiresAt_ttl", key: { expiresAt: 1 }, expireAfterSeconds: 0 },
  ],
});

export type IdempotencyKeyRecord = StoredRecord<typeof idempotencyKeysCollection>;

export function idempotencyKeysRepository(scope: DataScope, now: () => number = Date.now) {
  const repository = scope.repository(idempotencyKeysCollection);
  return {
    /** The live record of this key, or null (an expired one not yet deleted by the TTL monitor is deleted now). */
    async find(principal: string, key: string): Promise<IdempotencyKeyRecord | null> {
      const found = await repository.findOne({ principal, key });
      if (found && found.expiresAt.getTime() <= now()) {
        await repository.delete(found.id, { expectedVersion: found.version }).catch(() => {});
        return null;
      }
      return found;
    },
    /** Claims the key for a request; ConflictError (duplicate) when another request claimed it first. */
    claim(principal: string, key: string, fingerprint: string): Promise<IdempotencyKeyRecord> {
      return repository.create({
        key,
        principal,
        fingerprint,
        state: "pending",
        expiresAt: new Date(now() + IDEMPOTENCY_KEY_TTL_MS),
      });
    },
    /** Stores the answer of the request that claimed the key. */
    complete(record: IdempotencyKeyRecord, response: StoredResponse): Promise<IdempotencyKeyRecord> {
      return repository.rewrite(record.id, { expectedVersion: record.version }, (current) => ({
        key: current.key,
        principal: current.principal,
        fingerprint: current.fingerprint,
        expiresAt: current.expiresAt,
        state: "complete",
        response,
      }));
    },
    /** Gives the key back when the request failed without an answer worth repeating (a 5xx). */
    async release(record: IdempotencyKeyRecord): Promise<void> {
      await repository.delete(record.id, { expectedVersion: record.version });
    },
  };
}

export type IdempotencyKeysRepository = ReturnType<typeof idempotencyKeysRepository>;
