/**
 * Reference data from the external (shared, read-only) database: NACE codes, sector CO2 intensities and the
 * emissions another application computed for an organization. Answers are cached for a while; when the
 * external database cannot be reached they come from the snapshot in the primary database and say so with
 * `stale: true` (the UI tells the user the figures may be out of date).
 */
import type { Db, Document } from "mongodb";
import type { NaceLevel, NaceRevision } from "../../../schemas/nace-types";
import { DataScope } from "../../repositories/core/scope";
import { UnavailableError, isUnavailable } from "../../repositories/errors";
import {
  EXTERNAL_COLLECTIONS,
  ExternalCo2IntensitySchema,
  ExternalNaceCodeSchema,
  naceAggregateSystem,
  parseExternalCompany,
  type ExternalCo2Intensity,
  type ExternalCompanyEmissions,
  type ExternalNaceCode,
  type ExternalYearEmissions,
} from "./external-shapes";
import { buildNaceTables, findSectorFactor, type NaceTables, type SectorFactorMatch } from "./sector-factor-walk";
import { externalEmissionsSnapshotsCollection, referenceSnapshotsCollection, type ReferenceDataset } from "../../repositories/reference-snapshots";
import { TtlCache } from "./ttl-cache";

/** What the service needs from the external handle: reads only (server/db's ReadOnlyDb fits, so does a Db). */
export interface ExternalReader {
  collection(name: string): {
    find(filter?: Document, options?: { projection?: Document; limit?: number }): { toArray(): Promise<Document[]> };
  };
}

export interface ReferenceAnswer<T> {
  value: T;
  /** True when the external database was unreachable and the answer comes from the last snapshot. */
  stale: boolean;
  source: "external" | "snapshot";
  /** When the data was read from the external database (for a snapshot: when it was synced). */
  asOf: Date;
}

/** The other application's figures for one year, with where they come from moved into `provenance`. */
export type ExternalEmissionsPrefill = Omit<ExternalYearEmissions, "method" | "calculatedAt"> & {
  provenance: Pick<ExternalYearEmissions, "method" | "calculatedAt"> & {
    /** Where the figures come from, shown beside the pre-filled fields. */
    source: string;
    companyName?: string;
  };
};

export interface ReferenceDataServiceOptions {
  external: ExternalReader;
  primary: Db;
  /** How long answers from the external database are reused. Default 10 minutes. */
  ttlMs?: number;
  /** After a failed external read, use the snapshot without retrying for this long. Default 30 s. */
  externalRetryAfterMs?: number;
  now?: () => number;
}

interface Dataset<T> {
  rows: T[];
  skipped: number;
}

interface NaceData {
  codes: ExternalNaceCode[];
  tables: NaceTables;
}

const systemActor = { userId: "system:reference-data" };
const defaultSource = "Emissions computed by the organization's carbon accounting application (shared database)";

export function createReferenceDataService(options: ReferenceDataServiceOptions) {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const retryAfterMs = options.externalRetryAfterMs ?? 30_000;
  const cache = new TtlCache<ReferenceAnswer<unknown>>(ttlMs, now);
  let externalDownUntil = 0;

  /** Reads from the external database, or from the snapshot while it is unreachable. */
  async function answer<T>(
    key: string,
    fromExternal: () => Promise<T>,
    fromSnapshot: () => Promise<{ value: T; syncedAt: Date } | null>,
  ): Promise<ReferenceAnswer<T>> {
    return cache.getOrLoad(key, async () => {
      if (now() >= externalDownUntil) {
        try {
          const value = await fromExternal();
          return { value: { value, stale: false, source: "external", asOf: new Date(now()) } };
        } catch (error) {
          if (!isUnavailable(error)) throw error;
          externalDownUntil = now() + retryAfterMs;
        }
      }
      const snapshot = await fromSnapshot();
      if (!snapshot) {
        throw new UnavailableError(
          "Reference data is unavailable: the external database cannot be reached and no snapshot exists (run npm run db:sync-reference)",
        );
      }
      // Stale answers are kept only until the external database is worth trying again.
      return {
        value: { value: snapshot.value, stale: true, source: "snapshot", asOf: snapshot.syncedAt },
        ttlMs: Math.max(1, externalDownUntil - now()),
      };
    }) as Promise<ReferenceAnswer<T>>;
  }

  async function datasetSnapshot<T>(dataset: ReferenceDataset, parse: (row: unknown) => T | null) {
    const stored = await DataScope.global(options.primary, systemActor)
      .repository(referenceSnapshotsCollection)
      .findOne({ dataset });
    if (!stored) return null;
    const rows = stored.rows.map(parse).filter((row): row is T => row !== null);
    return { rows, syncedAt: stored.syncedAt };
  }

  const naceData = () =>
    answer<NaceData>(
      "nace",
      async () => {
        const { rows } = await readNaceCodes(options.external);
        return { codes: rows, tables: buildNaceTables(rows) };
      },
      async () => {
        const snapshot = await datasetSnapshot("naceCodes", parseOr(ExternalNaceCodeSchema));
        return snapshot && { value: { codes: snapshot.rows, tables: buildNaceTables(snapshot.rows) }, syncedAt: snapshot.syncedAt };
      },
    );

  const factorData = () =>
    answer<ExternalCo2Intensity[]>(
      "co2",
      async () => (await readCo2Intensities(options.external)).rows,
      async () => {
        const snapshot = await datasetSnapshot("co2Intensities", parseOr(ExternalCo2IntensitySchema));
        return snapshot && { value: snapshot.rows, syncedAt: snapshot.syncedAt };
      },
    );

  const withValue = <T, U>(source: ReferenceAnswer<T>, value: U): ReferenceAnswer<U> => ({ ...source, value });

  return {
    async getNaceCode(code: string, revision: NaceRevision = "2.1"): Promise<ReferenceAnswer<ExternalNaceCode | null>> {
      const data = await naceData();
      return withValue(data, data.value.tables.byRevision[revision].get(code.trim()) ?? null);
    },

    /** Codes whose code starts with, or whose title contains, the query; best matches first. */
    async searchNace(
      query: string,
      search: { revision?: NaceRevision; level?: NaceLevel; limit?: number } = {},
    ): Promise<ReferenceAnswer<ExternalNaceCode[]>> {
      const data = await naceData();
      const revision = search.revision ?? "2.1";
      const limit = Math.min(Math.max(search.limit ?? 20, 1), 100);
      const needle = query.trim().toLowerCase();
      if (needle === "") return withValue(data, []);
      const scored: { entry: ExternalNaceCode; score: number }[] = [];
      for (const entry of data.value.tables.byRevision[revision].values()) {
        if (search.level && entry.level !== search.level) continue;
        const code = entry.code.toLowerCase();
        const title = entry.title.toLowerCase();
        const score =
          code === needle ? 0 : code.startsWith(needle) ? 1 : title.startsWith(needle) ? 2 : title.includes(needle) ? 3 : -1;
        if (score >= 0) scored.push({ entry, score });
      }
      scored.sort((a, b) => a.score - b.score || a.entry.code.localeCompare(b.entry.code));
      return withValue(data, scored.slice(0, limit).map(({ entry }) => entry));
    },

    /** The sector factor for a NACE code, walking class → group → division → A*64 range → section → TOTAL. */
    async co2IntensityFor(code: string, revision: NaceRevision = "2.1"): Promise<ReferenceAnswer<SectorFactorMatch | null>> {
      const [nace, factors] = await Promise.all([naceData(), factorData()]);
      const stale = nace.stale || factors.stale;
      const match = findSectorFactor(nace.value.tables, factors.value, code.trim(), revision);
      const older = nace.asOf < factors.asOf ? nace : factors;
      return { value: match, stale, source: stale ? "snapshot" : "external", asOf: older.asOf };
    },

    /** Emissions the other application computed for this organization and year, to pre-fill Scope 1/2/3. */
    async externalEmissionsFor(organizationId: string, year: number): Promise<ReferenceAnswer<ExternalEmissionsPrefill | null>> {
      const scope = DataScope.forOrganization(options.primary, organizationId, systemActor);
      const data = await answer<ExternalCompanyEmissions | null>(
        `emissions:${scope.organizationId}`,
        () => readExternalCompany(options.external, scope.organizationId!),
        async () => {
          const stored = await scope.repository(externalEmissionsSnapshotsCollection).findOne({});
          if (!stored) return null;
          return {
            value: {
              organizationId: stored.organizationId,
              companyName: stored.companyName,
              source: stored.source,
              years: stored.years,
              skippedEntries: stored.skippedEntries,
            },
            syncedAt: stored.syncedAt,
          };
        },
      );
      const company = data.value;
      const entry = company?.years.find((candidate) => candidate.year === year);
      return withValue(data, company && entry ? toPrefill(company, entry) : null);
    },

    /** Forgets cached answers (after a sync, or in tests). */
    invalidate(): void {
      cache.clear();
      externalDownUntil = 0;
    },
  };
}

export type ReferenceDataService = ReturnType<typeof createReferenceDataService>;

function toPrefill(company: ExternalCompanyEmissions, entry: ExternalYearEmissions): ExternalEmissionsPrefill {
  const { method, calculatedAt, ...figures } = entry;
  return {
    ...figures,
    provenance: { source: company.source ?? defaultSource, companyName: company.companyName, method, calculatedAt },
  };
}

function parseOr<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }) {
  return (row: unknown): T | null => {
    const parsed = schema.safeParse(row);
    return parsed.success ? parsed.data : null;
  };
}

async function readRows<T>(
  external: ExternalReader,
  collection: string,
  parse: (row: unknown) => T | null,
): Promise<Dataset<T>> {
  const documents = await external.collection(collection).find({}, { projection: { _id: 0 } }).toArray();
  const rows: T[] = [];
  let skipped = 0;
  for (const document of documents) {
    const row = parse(document);
    if (row === null) skipped++;
    else rows.push(row);
  }
  return { rows, skipped };
}

export function readNaceCodes(external: ExternalReader): Promise<Dataset<ExternalNaceCode>> {
  return readRows(external, EXTERNAL_COLLECTIONS.naceCodes, parseOr(ExternalNaceCodeSchema));
}

/** Only the NACE-keyed factors (Eurostat): the NAICS spend-based factors measure something else. */
export async function readCo2Intensities(external: ExternalReader): Promise<Dataset<ExternalCo2Intensity>> {
  const all = await readRows(external, EXTERNAL_COLLECTIONS.co2Intensities, parseOr(ExternalCo2IntensitySchema));
  return { rows: all.rows.filter((row) => row.codeSystem === naceAggregateSystem), skipped: all.skipped };
}

async function readExternalCompany(external: ExternalReader, organizationId: string) {
  const documents = await external
    .collection(EXTERNAL_COLLECTIONS.companies)
    .find({ organizationId: { $eq: organizationId } }, { limit: 10 })
    .toArray();
  for (const document of documents) {
    const parsed = parseExternalCompany(document);
    if (parsed) return parsed;
  }
  return null;
}
