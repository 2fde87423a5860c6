/**
 * The public schemas by their OpenAPI component name, for the OpenAPI document (zod-to-openapi reads each
 * schema's `.meta({ id })`). Nested schemas with their own id are emitted as components automatically.
 */
import { CompanyInputSchema, CompanyPatchSchema, CompanySchema } from "./company";
import { ReportDetailsPatchSchema, ReportInputSchema, ReportSchema } from "./report/report";
import { REPORT_SECTION_SCHEMAS } from "./report/sections";
import { UserIdentitySchema, UserSchema } from "./user";

export const API_SCHEMAS = {
  UserIdentity: UserIdentitySchema,
  User: UserSchema,
  CompanyInput: CompanyInputSchema,
  CompanyPatch: CompanyPatchSchema,
  Company: CompanySchema,
  ReportInput: ReportInputSchema,
  ReportDetailsPatch: ReportDetailsPatchSchema,
  Report: ReportSchema,
  BasisForPreparationSection: REPORT_SECTION_SCHEMAS.basisForPreparation,
  EnergyAndEmissionsSection: REPORT_SECTION_SCHEMAS.energyAndEmissions,
  WorkforceSection: REPORT_SECTION_SCHEMAS.workforce,
  HealthAndSafetySection: REPORT_SECTION_SCHEMAS.healthAndSafety,
  RemunerationSection: REPORT_SECTION_SCHEMAS.remuneration,
  BusinessConductSection: REPORT_SECTION_SCHEMAS.businessConduct,
  PracticesPoliciesSection: REPORT_SECTION_SCHEMAS.practicesPolicies,
  PollutionSection: REPORT_SECTION_SCHEMAS.pollution,
  BiodiversitySection: REPORT_SECTION_SCHEMAS.biodiversity,
  WaterSection: REPORT_SECTION_SCHEMAS.water,
  CircularEconomySection: REPORT_SECTION_SCHEMAS.circularEconomy,
  StrategySection: REPORT_SECTION_SCHEMAS.strategy,
  PoliciesDescriptionSection: REPORT_SECTION_SCHEMAS.policiesDescription,
  GhgTargetsSection: REPORT_SECTION_SCHEMAS.ghgTargets,
  ClimateRisksSection: REPORT_SECTION_SCHEMAS.climateRisks,
  WorkforceAdditionalSection: REPORT_SECTION_SCHEMAS.workforceAdditional,
  HumanRightsPoliciesSection: REPORT_SECTION_SCHEMAS.humanRightsPolicies,
  HumanRightsIncidentsSection: REPORT_SECTION_SCHEMAS.humanRightsIncidents,
  SectorRevenuesSection: REPORT_SECTION_SCHEMAS.sectorRevenues,
  GovernanceDiversitySection: REPORT_SECTION_SCHEMAS.governanceDiversity,
  EntitySpecificSection: REPORT_SECTION_SCHEMAS.entitySpecific,
} as const;
