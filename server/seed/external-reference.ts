/**
 * Loads the reference data shipped in reference-data/ into an external database for development and tests:
 * NACE Rev. 2.1 and Rev. 2 codes and the sector CO2 intensity factors, in the collections and shapes the
 * reference-data service reads (server/services/reference/external-shapes.ts). Idempotent: rows are upserted
 * by natural key, and rows of the same datasets that are no longer in the files are removed, so the
 * collections always match the files.
 *
 * In staging and production another application owns that database; this module must only ever be called
 * on a development or test database (scripts/db-seed-external.ts enforces it).
 */
import type { AnyBulkWriteOperation, Db, Document } from "mongodb";
import type { NaceRevision } from "../../schemas/nace-types";
import { loadCo2Intensities, loadNaceCodes } from "../reference-data/index";
import { EXTERNAL_COLLECTIONS } from "../reference-data/external-collections";

const BATCH = 500;

/** The natural key of each collection, also declared as a unique index so concurrent seeds cannot duplicate. */
export const EXTERNAL_NATURAL_KEYS = {
  [EXTERNAL_COLLECTIONS.naceCodes]: ["revision", "code"],
  [EXTERNAL_COLLECTIONS.co2Intensities]: ["codeSystem", "sectorCode", "geography", "dataYear"],
} as const;

export interface SeedCounts {
  /** Rows in the source file(s). */
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows in the database that are no longer in the files. */
  removed: number;
}

export interface ExternalSeedReport {
  database: string;
  naceCodes: SeedCounts & { byRevision: Record<NaceRevision, number> };
  co2Intensities: SeedCounts;
}

async function upsertAll(
  db: Db,
  collection: string,
  key: readonly string[],
  rows: readonly Document[],
  scope: Document,
): Promise<SeedCounts> {
  await db
    .collection(collection)
    .createIndex(Object.fromEntries(key.map((field) => [field, 1])), { name: `${key.join("_")}_unique`, unique: true });
  const counts: SeedCounts = { rows: rows.length, inserted: 0, updated: 0, unchanged: 0, removed: 0 };
  for (let start = 0; start < rows.length; start += BATCH) {
    const operations: AnyBulkWriteOperation[] = rows.slice(start, start + BATCH).map((row) => ({
      updateOne: {
        filter: Object.fromEntries(key.map((field) => [field, { $eq: row[field] }])),
        update: { $set: row },
        upsert: true,
      },
    }));
    const result = await db.collection(collection).bulkWrite(operations, { ordered: false });
    counts.inserted += result.upsertedCount;
    counts.updated += result.modifiedCount;
    counts.unchanged += result.matchedCount - result.modifiedCount;
  }
  // Keep only what the files hold, within the datasets this seed owns (`scope`).
  const wanted = new Set(rows.map((row) => JSON.stringify(key.map((field) => row[field]))));
  const present = await db
    .collection(collection)
    .find(scope, { projection: Object.fromEntries(key.map((field) => [field, 1])) })
    .toArray();
  const stale = present.filter((doc) => !wanted.has(JSON.stringify(key.map((field) => doc[field])))).map((doc) => doc._id);
  if (stale.length > 0) counts.removed = (await db.collection(collection).deleteMany({ _id: { $in: stale } })).deletedCount;
  return counts;
}

export async function seedExternalReferenceData(db: Db, options: { referenceDir?: string } = {}): Promise<ExternalSeedReport> {
  const [rev21, rev2, factors] = await Promise.all([
    loadNaceCodes("2.1", options.referenceDir),
    loadNaceCodes("2", options.referenceDir),
    loadCo2Intensities(options.referenceDir),
  ]);
  const naceRows = [
    ...rev21.map((code) => ({ ...code, revision: "2.1" as const })),
    ...rev2.map((code) => ({ ...code, revision: "2" as const })),
  ];
  const naceCodes = await upsertAll(
    db,
    EXTERNAL_COLLECTIONS.naceCodes,
    EXTERNAL_NATURAL_KEYS.naceCodes,
    naceRows,
    { revision: { $in: ["2", "2.1"] } },
  );
  const codeSystems = [...new Set(factors.map((factor) => factor.codeSystem))];
  const co2Intensities = await upsertAll(
    db,
    EXTERNAL_COLLECTIONS.co2Intensities,
    EXTERNAL_NATURAL_KEYS.co2Intensities,
    factors as unknown as Document[],
    { codeSystem: { $in: codeSystems } },
  );
  return {
    database: db.databaseName,
    naceCodes: { ...naceCodes, byRevision: { "2.1": rev21.length, "2": rev2.length } },
    co2Intensities,
  };
}
