/**
 * Field order of inclusion projections (find's `projection` and aggregation's `$project`): MongoDB walks the
 * input document, so included fields come out in the document's order, followed by computed fields (and find's
 * `$elemMatch` results) in the projection's order — manual "$project (aggregation)", "Project Fields to Return
 * from Query" (4.4+ "$elemMatch ... returns the field after the inclusion of other existing fields"). mingo
 * emits them in the projection's order.
 */
type Doc = Record<string, unknown>;

function isFlag(spec: unknown): boolean {
  return spec === null || typeof spec !== "object" || (spec as { _bsontype?: unknown })._bsontype !== undefined;
}

function isExcludedFlag(spec: unknown): boolean {
  return spec === 0 || spec === false;
}

/** An inclusion projection names a field other than `_id` with something other than 0/false. */
export function isInclusionProjection(projection: Doc): boolean {
  return Object.entries(projection).some(([key, spec]) => key !== "_id" && !isExcludedFlag(spec));
}

/** `projected` reordered to `source`'s field order; `late` fields (computed ones) follow, in projection order. */
export function inDocumentOrder(projected: Doc, source: Doc, projection: Doc, late: ReadonlySet<string> = new Set()): Doc {
  // Expressions (objects, "$path" strings) compute a field; 1/true include one.
  const computed = new Set(Object.keys(projection).filter((key) => late.has(key) || !isFlag(projection[key]) || typeof projection[key] === "string"));
  const out: Doc = {};
  if ("_id" in projected) out._id = projected._id;
  for (const key of Object.keys(source)) if (key in projected && !computed.has(key) && !(key in out)) out[key] = projected[key];
  for (const key of Object.keys(projected)) if (!(key in out)) out[key] = projected[key];
  return out;
}
