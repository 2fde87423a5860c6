import { z } from "zod";
import { strictObject } from "../common";
import { BasisForPreparationSectionSchema } from "./basis";
import { BiodiversitySectionSchema } from "./biodiversity";
import { CircularEconomySectionSchema } from "./circular-economy";
import { ClimateRisksSectionSchema, GhgTargetsSectionSchema } from "./climate";
import { EnergyAndEmissionsSectionSchema } from "./environmental";
import { BusinessConductSectionSchema } from "./governance";
import {
  EntitySpecificSectionSchema,
  GovernanceDiversitySectionSchema,
  SectorRevenuesSectionSchema,
  WorkforceAdditionalSectionSchema,
} from "./governance-comprehensive";
import { HumanRightsIncidentsSectionSchema, HumanRightsPoliciesSectionSchema } from "./human-rights";
import { PollutionSectionSchema } from "./pollution";
import { PracticesPoliciesSectionSchema } from "./practices";
import { HealthAndSafetySectionSchema, RemunerationSectionSchema, WorkforceSectionSchema } from "./social";
import { PoliciesDescriptionSectionSchema, StrategySectionSchema } from "./strategy";
import { WaterSectionSchema } from "./water";

/**
 * Every section of a report, in the standard's order, with its VSME disclosure, module and pillar. Keys are the
 * field names under `sections` (stable: forms, the API and the exports address sections by them).
 */
export const REPORT_SECTIONS = {
  basisForPreparation: { disclosure: "B1", module: "basic", pillar: "general", title: "Basis for preparation" },
  practicesPolicies: { disclosure: "B2", module: "basic", pillar: "general", title: "Practices, policies and future initiatives" },
  energyAndEmissions: { disclosure: "B3", module: "basic", pillar: "environmental", title: "Energy and greenhouse gas emissions" },
  pollution: { disclosure: "B4", module: "basic", pillar: "environmental", title: "Pollution of air, water and soil" },
  biodiversity: { disclosure: "B5", module: "basic", pillar: "environmental", title: "Biodiversity" },
  water: { disclosure: "B6", module: "basic", pillar: "environmental", title: "Water" },
  circularEconomy: { disclosure: "B7", module: "basic", pillar: "environmental", title: "Resource use, circular economy and waste management" },
  workforce: { disclosure: "B8", module: "basic", pillar: "social", title: "Workforce – general characteristics" },
  healthAndSafety: { disclosure: "B9", module: "basic", pillar: "social", title: "Workforce – health and safety" },
  remuneration: { disclosure: "B10", module: "basic", pillar: "social", title: "Remuneration, collective bargaining and training" },
  businessConduct: { disclosure: "B11", module: "basic", pillar: "governance", title: "Convictions and fines for corruption and bribery" },
  strategy: { disclosure: "C1", module: "comprehensive", pillar: "general", title: "Strategy: business model and sustainability-related initiatives" },
  policiesDescription: { disclosure: "C2", module: "comprehensive", pillar: "general", title: "Description of practices, policies and future initiatives" },
  ghgTargets: { disclosure: "C3", module: "comprehensive", pillar: "environmental", title: "GHG reduction targets and climate transition" },
  climateRisks: { disclosure: "C4", module: "comprehensive", pillar: "environmental", title: "Climate risks" },
  workforceAdditional: { disclosure: "C5", module: "comprehensive", pillar: "social", title: "Additional workforce characteristics" },
  humanRightsPolicies: { disclosure: "C6", module: "comprehensive", pillar: "social", title: "Human rights policies and processes" },
  humanRightsIncidents: { disclosure: "C7", module: "comprehensive", pillar: "social", title: "Severe negative human rights incidents" },
  sectorRevenues: { disclosure: "C8", module: "comprehensive", pillar: "governance", title: "Revenues from certain sectors and exclusion from EU reference benchmarks" },
  governanceDiversity: { disclosure: "C9", module: "comprehensive", pillar: "governance", title: "Gender diversity ratio in the governance body" },
  entitySpecific: { disclosure: "D99", module: "basic", pillar: "general", title: "Other and entity-specific information" },
} as const;
export type ReportSectionKey = keyof typeof REPORT_SECTIONS;
export const REPORT_SECTION_KEYS = Object.keys(REPORT_SECTIONS) as ReportSectionKey[];

/** The schema of each section, for validating a single-section update before it is merged into a report. */
export const REPORT_SECTION_SCHEMAS = {
  basisForPreparation: BasisForPreparationSectionSchema,
  practicesPolicies: PracticesPoliciesSectionSchema,
  energyAndEmissions: EnergyAndEmissionsSectionSchema,
  pollution: PollutionSectionSchema,
  biodiversity: BiodiversitySectionSchema,
  water: WaterSectionSchema,
  circularEconomy: CircularEconomySectionSchema,
  workforce: WorkforceSectionSchema,
  healthAndSafety: HealthAndSafetySectionSchema,
  remuneration: RemunerationSectionSchema,
  businessConduct: BusinessConductSectionSchema,
  strategy: StrategySectionSchema,
  policiesDescription: PoliciesDescriptionSectionSchema,
  ghgTargets: GhgTargetsSectionSchema,
  climateRisks: ClimateRisksSectionSchema,
  workforceAdditional: WorkforceAdditionalSectionSchema,
  humanRightsPolicies: HumanRightsPoliciesSectionSchema,
  humanRightsIncidents: HumanRightsIncidentsSectionSchema,
  sectorRevenues: SectorRevenuesSectionSchema,
  governanceDiversity: GovernanceDiversitySectionSchema,
  entitySpecific: EntitySpecificSectionSchema,
} as const satisfies Record<ReportSectionKey, z.ZodType>;

type SectionShape = { [K in ReportSectionKey]: z.ZodOptional<(typeof REPORT_SECTION_SCHEMAS)[K]> };

/** A section that is absent has not been started. */
export const ReportSectionsSchema = strictObject(
  Object.fromEntries(REPORT_SECTION_KEYS.map((key) => [key, REPORT_SECTION_SCHEMAS[key].optional()])) as SectionShape,
).meta({ id: "ReportSections", description: "The report's sections; a missing section has not been started." });
export type ReportSections = z.infer<typeof ReportSectionsSchema>;
export type ReportSection<K extends ReportSectionKey> = z.infer<(typeof REPORT_SECTION_SCHEMAS)[K]>;
