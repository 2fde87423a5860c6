/**
 * Audit events: an append-only trail of what happened to an organization's records (who, when, what changed
 * state). There is no update or delete: a wrong event is corrected by a later one.
 */
import { AuditEventInputSchema, type AuditEventInput } from "../../schemas/audit-event";
import { defineCollection } from "./core/define-collection";
import type { DataScope } from "./core/scope";

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
    record: (event: AuditEventInput) => repository.create(event),
    /** Events of one record, newest first. */
    forEntity: (entityType: "report", entityId: string, options: { limit?: number; cursor?: string | null } = {}) =>
      repository.list({ where: { entityType, entityId }, ...options }),
  };
}

export type AuditEventsRepository = ReturnType<typeof auditEventsRepository>;
