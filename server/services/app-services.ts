/**
 * The application's services over the two databases, built once per server: the tenant-scoped repositories
 * (`data.forOrganization(orgId, actor)`) and the reference-data service (NACE, sector CO2 intensities,
 * emissions from other apps, with its snapshot fallback). Loaders, actions and the API reach data only
 * through these, so tenancy is enforced in one place.
 */
import type { DatabaseConnections } from "../db/connections";
import { createDataAccess, type DataAccess } from "../repositories";
import { createReferenceDataService, type ReferenceDataService } from "./reference";

export interface AppServices {
  readonly data: DataAccess;
  readonly reference: ReferenceDataService;
}

/**
 * Returns a getter that builds the services on first use. A failure (the embedded default could not start)
 * is not remembered, so the next request tries again — the same recovery rule as the connections.
 */
export function appServicesOver(connections: DatabaseConnections): () => Promise<AppServices> {
  let services: Promise<AppServices> | undefined;
  return () => {
    services ??= connections
      .getDatabases()
      .then(({ primary, external, queryDefaults }) => {
        // The reference service is shared across requests so its TTL cache and outage back-off are too.
        const reference = createReferenceDataService({ external, primary });
        return Object.freeze({ reference, data: createDataAccess({ primary, reference, maxTimeMS: queryDefaults.maxTimeMS }) });
      })
      .catch((error: unknown) => {
        services = undefined;
        throw error;
      });
    return services;
  };
}
