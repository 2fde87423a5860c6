/**
 * How stored records look on the wire: the repository's `id` (24 hex) instead of the stored `_id`, dates as
 * ISO 8601 strings (what JSON.stringify makes of a Date; the OpenAPI generator documents z.date() that way).
 * Derived from the stored schemas, so a field added to a stored schema appears in the API by itself.
 */
import { z } from "zod";
import { ObjectIdSchema, strictObject } from "../common";

/** The wire form of a stored schema: `_id` → `id`, every other field as stored. */
export function apiRecord<const Shape extends z.core.$ZodLooseShape & { _id: unknown }>(
  stored: { shape: Shape },
  meta: { id: string; description: string },
) {
  const { _id, ...rest } = stored.shape;
  return strictObject({ id: ObjectIdSchema, ...(rest as Omit<Shape, "_id">) }).meta(meta);
}

/** A page of a cursor-paginated list. */
export function pageOf<Item extends z.ZodType>(item: Item, meta: { id: string; description: string }) {
  return strictObject({
    items: z.array(item),
    /** Pass as `cursor` to read the next page; null on the last page. Also in the `Link` header (rel="next"). */
    next: z.string().nullable().meta({ description: "Cursor of the next page; null on the last page." }),
  }).meta(meta);
}

/** `limit` and `cursor` of every list. */
export const pageQueryFields = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .meta({ description: "Items per page, 1–200 (default 50)." }),
  cursor: z
    .string()
    .min(1)
    .max(512)
    .optional()
    .meta({ description: "The `next` value of the previous page." }),
};
