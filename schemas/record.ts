/**
 * One record shape. The repository owns the meta fields of every record (id, version, timestamps, who acted
 * and, for organization data, the organization) and returns them beside the stored fields; the driver's `_id`
 * never leaves the repository. Stored schemas (what a collection keeps besides these) are declared once; the
 * record schemas the API publishes are those plus `RecordMetaSchema`'s fields, built here.
 */
import { z } from "zod";
import { ClerkOrganizationIdSchema, ObjectIdSchema, strictObject } from "./common";

/** Who acted: a Clerk user id, an API key's owner, or "system:<task>" for scripts and server jobs. */
export const ActorIdSchema = z
  .string()
  .min(1)
  .max(200)
  .meta({ id: "ActorId", description: "Who made the change: a Clerk user id (user_…) or system:<task>." });

export const recordMetaFields = {
  id: ObjectIdSchema,
  /** Optimistic-concurrency version: 1 on create, +1 on every update; send it back as expectedVersion. */
  version: z.number().int().min(1),
  createdAt: z.date(),
  updatedAt: z.date(),
  createdBy: ActorIdSchema,
  updatedBy: ActorIdSchema,
};

/** Meta fields of a record that belongs to one organization. */
export const tenantRecordMetaFields = { ...recordMetaFields, organizationId: ClerkOrganizationIdSchema };

export const RecordMetaSchema = strictObject({
  ...recordMetaFields,
  organizationId: ClerkOrganizationIdSchema.optional(),
}).meta({
  id: "RecordMeta",
  description: "Fields the server sets on every record: id, version, when and by whom it was created and changed.",
});
export type RecordMeta = z.infer<typeof RecordMetaSchema>;

/** Names no input may ever set: the server alone writes them (`_id` is the database's, never exposed). */
export const SERVER_SET_FIELDS = ["_id", ...Object.keys(RecordMetaSchema.shape)] as readonly string[];

type ObjectOf<Shape extends z.core.$ZodLooseShape, Config extends z.core.$ZodObjectConfig> = z.ZodObject<Shape, Config>;

/** The published record of organization data: its stored schema plus the meta fields (refinements kept). */
export function tenantRecordSchema<Shape extends z.core.$ZodLooseShape, Config extends z.core.$ZodObjectConfig>(
  stored: ObjectOf<Shape, Config>,
): ObjectOf<z.util.Extend<Shape, typeof tenantRecordMetaFields>, Config> {
  return (stored as z.ZodObject).safeExtend(tenantRecordMetaFields) as never;
}

/** The published record of data shared by every organization. */
export function globalRecordSchema<Shape extends z.core.$ZodLooseShape, Config extends z.core.$ZodObjectConfig>(
  stored: ObjectOf<Shape, Config>,
): ObjectOf<z.util.Extend<Shape, typeof recordMetaFields>, Config> {
  return (stored as z.ZodObject).safeExtend(recordMetaFields) as never;
}
