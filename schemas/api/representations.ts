/**
 * Shapes shared by the API's lists. Records themselves are the published record schemas (schemas/record.ts):
 * dates travel as ISO 8601 strings, which is what JSON.stringify makes of a Date and how the OpenAPI generator
 * documents z.date().
 */
import { z } from "zod";
import { strictObject } from "../common";

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
