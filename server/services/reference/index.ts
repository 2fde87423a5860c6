export { createReferenceDataService, type ReferenceDataService, type ReferenceAnswer, type ExternalReader, type ExternalEmissionsPrefill } from "./reference-data-service";
export { syncReferenceSnapshot, syncRefusal, ReferenceSyncRefusedError, type SyncReport } from "./sync-snapshot";
export { externalReferenceCounts, externalReferenceProblem, snapshotCounts, type ExternalReferenceCounts, type SnapshotCounts } from "./reference-counts";
export { findSectorFactor, FACTOR_MATCH_LEVELS, type FactorMatchLevel, type SectorFactorMatch } from "./sector-factor-walk";
export { EXTERNAL_COLLECTIONS, parseExternalCompany } from "./external-shapes";
