/**
 * Names of the collections this app reads in the external (shared) database. Kept below the services so the
 * seeds and the start-up preparation, which write those collections on the embedded server, need no service.
 * Their document shapes are in server/services/reference/external-shapes.ts.
 */
export const EXTERNAL_COLLECTIONS = {
  naceCodes: "naceCodes",
  co2Intensities: "co2Intensities",
  companies: "companies",
} as const;
