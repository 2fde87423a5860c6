/**
 * Audit events: an append-only trail of what happened to an organization's records (who, when, what changed
 * state). The repository stores them; the API lists them per report. Isomorphic.
 */
import { z } from "zod";
import { ClerkUserIdSchema, ObjectIdSchema, longText, strictObject } from "./common";
import { tenantRecordSchema } from "./record";

/** The lifecycle transitions (server/services/report-lifecycle.ts); add an action only together with its writer. */
export const AUDIT_ACTIONS = ["report.submitted", "report.approved", "report.reopened"] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

const auditEventFields = {
  action: z.enum(AUDIT_ACTIONS).meta({ id: "AuditAction", description: "What happened." }),
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
export const AuditEventSchema = tenantRecordSchema(AuditEventInputSchema).meta({
  id: "AuditEvent",
  description: "One event of a report's audit trail: a lifecycle transition, who made it and why.",
});
export type AuditEventInput = z.input<typeof AuditEventInputSchema>;
