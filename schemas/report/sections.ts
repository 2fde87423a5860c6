import { z } from "zod";
import { strictObject } from "../common";
import { BasisForPreparationSectionSchema } from "./basis";
import { EnergyAndEmissionsSectionSchema } from "./environmental";
import { BusinessConductSectionSchema } from "./governance";
import { HealthAndSafetySectionSchema, RemunerationSectionSchema, WorkforceSectionSchema } from "./social";

/** Every section of a report, with its VSME disclosure and pillar. Keys are the field names under `sections`. */
export const REPORT_SECTIONS = {
  basisForPreparation: { disclosure: "B1", pillar: "general", title: "Basis for preparation" },
  energyAndEmissions: { disclosure: "B3", pillar: "environmental", title: "Energy and greenhouse gas emissions" },
  workforce: { disclosure: "B8", pillar: "social", title: "Workforce – general characteristics" },
  healthAndSafety: { disclosure: "B9", pillar: "social", title: "Workforce – health and safety" },
  remuneration: { disclosure: "B10", pillar: "social", title: "Remuneration, collective bargaining and training" },
  businessConduct: { disclosure: "B11", pillar: "governance", title: "Convictions and fines for corruption and bribery" },
} as const;
export type ReportSectionKey = keyof typeof REPORT_SECTIONS;
export const REPORT_SECTION_KEYS = Object.keys(REPORT_SECTIONS) as ReportSectionKey[];

/** The schema of each section, for validating a single-section update before it is merged into a report. */
export const REPORT_SECTION_SCHEMAS = {
  basisForPreparation: BasisForPreparationSectionSchema,
  energyAndEmissions: EnergyAndEmissionsSectionSchema,
  workforce: WorkforceSectionSchema,
  healthAndSafety: HealthAndSafetySectionSchema,
  remuneration: RemunerationSectionSchema,
  businessConduct: BusinessConductSectionSchema,
} as const satisfies Record<ReportSectionKey, z.ZodType>;

/** A section that is absent has not been started. */
export const ReportSectionsSchema = strictObject({
  basisForPreparation: BasisForPreparationSectionSchema.optional(),
  energyAndEmissions: EnergyAndEmissionsSectionSchema.optional(),
  workforce: WorkforceSectionSchema.optional(),
  healthAndSafety: HealthAndSafetySectionSchema.optional(),
  remuneration: RemunerationSectionSchema.optional(),
  businessConduct: BusinessConductSectionSchema.optional(),
}).meta({ id: "ReportSections", description: "The report's sections; a missing section has not been started." });
export type ReportSections = z.infer<typeof ReportSectionsSchema>;
export type ReportSection<K extends ReportSectionKey> = z.infer<(typeof REPORT_SECTION_SCHEMAS)[K]>;
