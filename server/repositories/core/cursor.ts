/**
 * Opaque keyset cursors: the sort field's value and the _id of the last record of a page. Stable under inserts
 * and deletes (no skip/offset), and the same cost on page 1 and page 1,000 when an index covers
 * (organizationId, sort field, _id). A cursor is only a position: the tenant condition and the caller's filter
 * are applied again on every page, so a forged cursor can move within the caller's data and nowhere else.
 */
import { ObjectId } from "mongodb";
import { z } from "zod";
import { ValidationError } from "../errors";

export type SortDirection = "asc" | "desc";

export interface SortSpec<Field extends string = string> {
  field: Field;
  direction: SortDirection;
}

const cursorSchema = z.strictObject({
  f: z.string().max(100),
  d: z.enum(["asc", "desc"]),
  /** The sort value, tagged so dates survive JSON. */
  v: z.union([
    z.strictObject({ t: z.literal("d"), v: z.iso.datetime() }),
    z.strictObject({ t: z.literal("s"), v: z.string().max(2000) }),
    z.strictObject({ t: z.literal("n"), v: z.number() }),
    z.strictObject({ t: z.literal("b"), v: z.boolean() }),
    z.strictObject({ t: z.literal("z") }),
  ]),
  i: z.string().regex(/^[0-9a-f]{24}$/),
});

type EncodedValue = z.infer<typeof cursorSchema>["v"];

function encodeValue(value: unknown): EncodedValue {
  if (value instanceof Date) return { t: "d", v: value.toISOString() };
  if (typeof value === "string") return { t: "s", v: value };
  if (typeof value === "number") return { t: "n", v: value };
  if (typeof value === "boolean") return { t: "b", v: value };
  return { t: "z" };
}

function decodeValue(encoded: EncodedValue): unknown {
  switch (encoded.t) {
    case "d":
      return new Date(encoded.v);
    case "z":
      return null;
    default:
      return encoded.v;
  }
}

export function encodeCursor(sort: SortSpec, lastValue: unknown, lastId: ObjectId): string {
  const payload = { f: sort.field, d: sort.direction, v: encodeValue(lastValue), i: lastId.toHexString() };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, sort: SortSpec): { value: unknown; id: ObjectId } {
  const invalid = () => ValidationError.single(["cursor"], "The page cursor is not valid for this list");
  if (typeof cursor !== "string" || cursor.length > 4096) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success || result.data.f !== sort.field || result.data.d !== sort.direction) throw invalid();
  return { value: decodeValue(result.data.v), id: new ObjectId(result.data.i) };
}

/** Condition selecting the records strictly after the cursor position in the given order. */
export function afterCursorCondition(storedField: string, direction: SortDirection, value: unknown, id: ObjectId) {
  const past = direction === "asc" ? "$gt" : "$lt";
  if (storedField === "_id") return { _id: { [past]: id } };
  return { $or: [{ [storedField]: { [past]: value } }, { [storedField]: { $eq: value }, _id: { [past]: id } }] };
}
