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
} as const;
