/**
 * Audit events: an append-only trail of what happened to an organization's records (who, when, what changed
 * state). There is no update or delete: a wrong event is corrected by a later one.
 */
import { z } from "zod";
import { ClerkUserIdSchema, ObjectIdSchema, longText, strictObject } from "../../schemas/common";
import { tenantRecordSchema } from "../../schemas/record";
import { defineCollection } from "./core/define-collection";
import type { DataScope } from "./core/scope";

/** The lifecycle transitions (services/report-lifecycle.ts); add an action here only together with its writer. */
export const AUDIT_ACTIONS = ["report.submitted", "report.approved", "report.reopened"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const auditEventFields = {
  action: z.enum(AUDIT_ACTIONS),
  entityType: z.enum(["report"]),
  entityId: ObjectIdSchema,
  /** The user who acted (same as createdBy; kept explicit for exports). */
  actorId: ClerkUserIdSchema,
  actorRole: z.string().max(100).optional(),
  fromStatus: z.string().max(50).optional(),
  toStatus: z.string().max(50).optional(),
  reason: longText(2000).optional(),
  /** A submission of an incomplete report: the preparer's explicit override (its reason is `reason`). */
  incompleteOverride: z.boolean().optional(),
  /** How many required datapoints were missing when the report was submitted with the override. */
  missingDatapoints: z.number().int().min(0).optional(),
  /** Version of the entity after the change. */
  entityVersion: z.number().int().min(1).optional(),
};

export const AuditEventInputSchema = strictObject(auditEventFields);
export const AuditEventSchema = tenantRecordSchema(AuditEventInputSchema);

export const auditEventsCollection = defineCollection({
  name: "auditEvents",
  entity: "Audit event",
  schema: AuditEventInputSchema,
  inputSchema: AuditEventInputSchema,
  tenantScoped: true,
  filterable: ["action", "entityType", "entityId", "actorId"],
  indexes: [{ name: "organizationId_entity", key: { organizationId: 1, entityType: 1, entityId: 1, createdAt: -1 } }],
});

export type AuditEventInput = z.input<typeof AuditEventInputSchema>;

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
