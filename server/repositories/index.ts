/**
 * The application's data access: `createDataAccess({ primary, reference })` once per process, then
 * `forOrganization(orgId, actor)` per request. The returned set has the same shape inside `transaction`.
 */
import type { Db } from "mongodb";
import { auditEventsCollection, auditEventsRepository } from "./audit-events";
import { companiesCollection, companiesRepository } from "./companies";
import type { CollectionDefinition } from "./core/define-collection";
import { ensureIndexes as ensureCollectionIndexes } from "./core/indexes";
import { createDataEpochReader, type DataEpochReader, type DataEpochs } from "./core/data-epoch";
import { DataScope, type ScopeOptions } from "./core/scope";
import { apiKeyCredentials, apiKeysCollection, apiKeysRepository } from "./api-keys";
import { idempotencyKeysCollection, idempotencyKeysRepository } from "./idempotency-keys";
import { membershipsCollection, membershipsRepository } from "./memberships";
import { rateLimitCounter, rateLimitWindowsCollection } from "./rate-limits";
import type { SectorIntensityLookup } from "./sector-intensity-lookup";
import { reportsCollection, reportsRepository } from "./reports";
import { usersCollection, usersRepository } from "./users";
import {
  externalEmissionsSnapshotsCollection,
  referenceSnapshotsCollection,
} from "./reference-snapshots";

/** Every collection of the primary database with its indexes: what `db:migrate` creates. */
export const allCollections: readonly CollectionDefinition[] = [
  usersCollection,
  membershipsCollection,
  apiKeysCollection,
  rateLimitWindowsCollection,
  companiesCollection,
  reportsCollection,
  auditEventsCollection,
  idempotencyKeysCollection,
  referenceSnapshotsCollection,
  externalEmissionsSnapshotsCollection,
];

export function ensureIndexes(db: Db): Promise<string[]> {
  return ensureCollectionIndexes(db, allCollections);
}

export interface DataAccessOptions extends ScopeOptions {
  primary: Db;
  /** Sector CO2 intensities for company profiles (the reference-data service). */
  reference?: SectorIntensityLookup;
}

export function createDataAccess(options: DataAccessOptions) {
  const readEpochs = createDataEpochReader(options.primary);
  return {
    /** Throws ForbiddenError when organizationId is missing or not an organization id — before any query. */
    forOrganization(organizationId: unknown, actor: unknown) {
      return tenantRepositories(DataScope.forOrganization(options.primary, organizationId, actor, options), options, readEpochs);
    },
    /**
     * Users are global (one per Clerk user). Only services/users.ts writes them, from a verified identity;
     * what an organization sees of its people is `forOrganization(…).members`.
     */
    users(actor: unknown) {
      return usersRepository(DataScope.global(options.primary, actor, options));
    },
    /** Finding the organization API key a request presents (server/auth/api-keys only). */
    apiKeyCredentials: apiKeyCredentials(options.primary, options),
    /** Request counters shared by every app instance. */
    rateLimits: rateLimitCounter(options.primary, options),
    /** The organization's and the global data epochs (core/data-epoch.ts): what cached pages are keyed on. */
    dataEpochs(organizationId: string): Promise<DataEpochs> {
      return readEpochs(organizationId);
    },
  };
}

export interface TenantRepositories {
  readonly organizationId: string;
  readonly actor: DataScope["actor"];
  /** This organization's memberships (who, which role, first/last seen). */
  readonly members: ReturnType<typeof membershipsRepository>;
  /** This organization's API keys (create, list, revoke; hashes never leave the repository). */
  readonly apiKeys: ReturnType<typeof apiKeysRepository>;
  readonly companies: ReturnType<typeof companiesRepository>;
  readonly reports: ReturnType<typeof reportsRepository>;
  readonly auditEvents: ReturnType<typeof auditEventsRepository>;
  /** Idempotency-Key records of API POSTs (app/utils/api). */
  readonly idempotencyKeys: ReturnType<typeof idempotencyKeysRepository>;
  /**
   * The organization's and the global data epochs, read now (core/data-epoch.ts): what was computed from this
   * organization's data after reading them can be reused while they are unchanged.
   */
  dataEpochs(): Promise<DataEpochs>;
  /** Runs `work` in one transaction; `tx` is this same set of repositories bound to the session. */
  transaction<T>(work: (tx: TenantRepositories) => Promise<T>): Promise<T>;
}

function tenantRepositories(scope: DataScope, options: DataAccessOptions, readEpochs: DataEpochReader): TenantRepositories {
  // Each repository is made on first use: a request reads one or two of them, and making all six was a
  // measurable part of a cached API read (ADR 0066).
  const made: Partial<Record<string, unknown>> = {};
  const once = <T>(name: string, make: () => T): T => (made[name] ??= make()) as T;
  return {
    organizationId: scope.organizationId!,
    actor: scope.actor,
    get members() {
      return once("members", () => membershipsRepository(scope));
    },
    get apiKeys() {
      return once("apiKeys", () => apiKeysRepository(scope));
    },
    get companies() {
      return once("companies", () => companiesRepository(scope, options.reference));
    },
    get reports() {
      return once("reports", () => reportsRepository(scope));
    },
    get auditEvents() {
      return once("auditEvents", () => auditEventsRepository(scope));
    },
    get idempotencyKeys() {
      return once("idempotencyKeys", () => idempotencyKeysRepository(scope));
    },
    dataEpochs: () => readEpochs(scope.organizationId!),
    transaction<T>(work: (tx: TenantRepositories) => Promise<T>): Promise<T> {
      return scope.transaction((bound) => work(tenantRepositories(bound, options, readEpochs)));
    },
  };
}

export type DataAccess = ReturnType<typeof createDataAccess>;

export { usersCollection, membershipsCollection, companiesCollection, reportsCollection, auditEventsCollection };
export * from "./errors";
export type { SectorIntensityLookup } from "./sector-intensity-lookup";
export type { DataEpochs } from "./core/data-epoch";
