/**
 * Audit events: an append-only trail of what happened to an organization's records (who, when, what changed
 * state). There is no update or delete: a wrong event is corrected by a later one.
 */
import { AuditEventInputSchema, type AuditEventInput } from "../../schemas/audit-event";
import { defineCollection } from "./core/define-collection";
import type { DataScope } from "./core/scope";
import { ValidationError } from "./errors";
import { reportsCollection } from "./reports";

export { AUDIT_ACTIONS, AuditEventSchema, type AuditAction, type AuditEventInput } from "../../schemas/audit-event";

export const auditEventsCollection = defineCollection({
  name: "auditEvents",
  entity: "Audit event",
  schema: AuditEventInputSchema,
  inputSchema: AuditEventInputSchema,
  tenantScoped: true,
  filterable: ["action", "entityType", "entityId", "actorId"],
  indexes: [{ name: "organizationId_entity", key: { organizationId: 1, entityType: 1, entityId: 1, createdAt: -1 } }],
});

export function auditEventsRepository(scope: DataScope) {
  const repository = scope.repository(auditEventsCollection);
  return {
    get: repository.get.bind(repository),
    list: repository.list.bind(repository),
    count: repository.count.bind(repository),
    /**
     * Appends an event about a record of this organization. The record is looked up in the scope's
     * organization inside the same transaction as the write, so an event can never name another tenant's
     * record, nor one deleted between the check and the write.
     */
    record: (event: AuditEventInput) =>
      scope.transaction(async (tx) => {
        const entityId = (event as { entityId?: unknown } | null)?.entityId;
        if ((event as { entityType?: unknown } | null)?.entityType === "report" && typeof entityId === "string") {
          const owned = await tx.repository(reportsCollection).find(entityId);
          if (!owned) throw ValidationError.single(["entityId"], `Report ${entityId} does not exist in this organization`);
        }
        // Anything else is refused by the input schema on create.
        return tx.repository(auditEventsCollection).create(event);
      }),
    /** Events of one record, newest first. */
    forEntity: (entityType: "report", entityId: string, options: { limit?: number; cursor?: string | null } = {}) =>
      repository.list({ where: { entityType, entityId }, ...options }),
  };
}

export type AuditEventsRepository = ReturnType<typeof auditEventsRepository>;
