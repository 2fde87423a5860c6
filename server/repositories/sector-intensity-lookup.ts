/**
 * The port through which the company repository asks reference data for a sector CO2 intensity. The shapes
 * live here, beside the port, so the repository layer never imports the service that implements it
 * (server/services/reference/ does, and its answers satisfy these types).
 */

import type { FactorMatchLevel } from "../../schemas/reference";

/** Where the factor walk found a factor, most specific first (the API publishes the same list). */
export { FACTOR_MATCH_LEVELS, type FactorMatchLevel } from "../../schemas/reference";

/** The part of a sector factor match a company profile keeps. */
export interface SectorFactorAnswer {
  value: number;
  unit: string;
  matchedLevel: FactorMatchLevel;
  /** The factor's own key, e.g. "C10-C12". */
  matchedCode: string;
  geography: string;
  year: number;
  source: string;
}

/** What the company repository needs from reference data. */
export interface SectorIntensityLookup {
  co2IntensityFor(code: string, revision: "2.1"): Promise<{ value: SectorFactorAnswer | null }>;
}
