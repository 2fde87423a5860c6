/**
 * The 51 members of the 2026-05-01 taxonomy's omitted-disclosure and unchanged-disclosure lists (B1 24(b), para 16):
 * whole disclosures and the datapoint groups within them (e.g. only B1's list of sites). The key of a whole
 * disclosure is its code ("B3"), so lists stored with the 2025-07-30 codes stay valid. A leaf module.
 */
import { z } from "zod";

export interface DisclosureGroup {
  key: string;
  /** The disclosure the group belongs to ("D99" for the entity-specific narratives). */
  disclosure: string;
  label: string;
  /** Taxonomy member local name (prefix `vsme:`). */
  member: string;
}

const group = (key: string, label: string, member: string): DisclosureGroup => ({
  key,
  disclosure: key.split(".")[0]!,
  label,
  member,
});

export const DISCLOSURE_GROUPS: readonly DisclosureGroup[] = [
  group("B1", "B1 – Basis for preparation", "B1-BasisForPreparationMember"),
  group("B1.general", "B1 – Other general information of the undertaking", "B1BasisForPreparationAndOtherUndertakingSGeneralInformationMember"),
  group("B1.subsidiaries", "B1 – List of subsidiaries", "B1ListOfSubsidiariesMember"),
  group("B1.certifications", "B1 – Sustainability-related certifications or labels", "B1DisclosureOfSustainabilityRelatedCertificationSOrLabelSMember"),
  group("B1.sites", "B1 – List of sites", "B1ListOfSiteSMember"),
  group("B2", "B2 – Practices, policies and future initiatives", "B2-PracticesPoliciesAndFutureInitiativesForTransitioningTowardsAMoreSustainableEconomyMember"),
  group("B2.cooperative", "B2 – Cooperative-specific disclosures", "B2CooperativeSpecificDisclosuresMember"),
  group("B3", "B3 – Energy and greenhouse gas emissions", "B3-EnergyAndGreenhouseGasEmissionsMember"),
  group("B3.totalEnergy", "B3 – Total energy consumption", "B3TotalEnergyConsumptionInMWhMember"),
  group("B3.energyBreakdown", "B3 – Breakdown of energy consumption", "B3BreakdownOfEnergyConsumptionInMWhMember"),
  group("B3.ghgEmissions", "B3 – Greenhouse gas emissions", "B3EstimatedGreenhouseGasEmissionsConsideringTheGHGProtocolVersion2004InTCO2eMember"),
  group("B3.ghgIntensity", "B3 – GHG emission intensity per turnover", "B3GreenhouseGasEmissionIntensityPerTurnoverMember"),
  group("B4", "B4 – Pollution of air, water and soil", "B4-PollutionOfAirWaterAndSoilMember"),
  group("B5", "B5 – Biodiversity", "B5-BiodiversityMember"),
  group("B5.sites", "B5 – Sites in biodiversity-sensitive areas", "B5SitesInBiodiversitySensitiveAreasMember"),
  group("B5.landUse", "B5 – Land use", "B5BiodiversityLandUseMember"),
  group("B6", "B6 – Water", "B6-WaterMember"),
  group("B6.withdrawal", "B6 – Water withdrawal", "B6WaterWithdrawalMember"),
  group("B6.consumption", "B6 – Water consumption", "B6WaterConsumptionMember"),
  group("B7", "B7 – Resource use, circular economy and waste management", "B7-ResourceUseCircularEconomyAndWasteManagementMember"),
  group("B7.principles", "B7 – Circular economy principles", "B7DescriptionOfCircularEconomyPrinciplesMember"),
  group("B7.waste", "B7 – Waste generated", "B7WasteGeneratedMember"),
  group("B7.materials", "B7 – Annual mass-flow of relevant materials", "B7AnnualMassFlowOfRelevantMaterialsUsedMember"),
  group("B8", "B8 – Workforce: general characteristics", "B8-WorkforceGeneralCharacteristicsMember"),
  group("B8.contract", "B8 – Type of contract", "B8TypeOfContractMember"),
  group("B8.gender", "B8 – Gender", "B8GenderMember"),
  group("B8.country", "B8 – Country of employment", "B8CountryOfEmploymentMember"),
  group("B8.turnoverRate", "B8 – Turnover rate", "B8TurnoverRateMember"),
  group("B9", "B9 – Workforce: health and safety", "B9-WorkforceHealthAndSafetyMember"),
  group("B10", "B10 – Workforce: remuneration, collective bargaining and training", "B10-WorkforceRemunerationCollectiveBargainingAndTrainingMember"),
  group("B10.remuneration", "B10 – Remuneration and collective bargaining", "B10RemunerationCollectiveBargainingMember"),
  group("B10.training", "B10 – Training hours per employee", "B10NumberOfTrainingHoursPerEmployeeMember"),
  group("B11", "B11 – Convictions and fines for corruption and bribery", "B11-ConvictionsAndFinesForCorruptionAndBriberyMember"),
  group("C1", "C1 – Strategy: business model and sustainability-related initiatives", "C1-StrategyBusinessModelAndSustainabilityRelatedInitiativesMember"),
  group("C2", "C2 – Description of practices, policies and future initiatives", "C2-DescriptionOfPracticesPoliciesAndFutureInitiativesForTransitioningTowardsAMoreSustainableEconomyMember"),
  group("C3", "C3 – GHG reduction targets and climate transition", "C3-GhgReductionTargetsAndClimateTransitionMember"),
  group("C3.targets", "C3 – GHG reduction targets", "C3GHGReductionTargetsInTC02eMember"),
  group("C3.actions", "C3 – Main actions to achieve the targets", "C3DisclosureOfListOfMainActionsTheEntitySeeksInOrderToAchieveItsTargetsMember"),
  group("C3.transitionPlan", "C3 – Transition plan (high climate impact sectors)", "C3TransitionPlanForUndertakingsOperatingInHighClimateImpactSectorsMember"),
  group("C4", "C4 – Climate risks", "C4-ClimateRisksMember"),
  group("C5", "C5 – Additional workforce characteristics", "C5-AdditionalGeneralWorkforceCharacteristicsMember"),
  group("C6", "C6 – Human rights policies and processes", "C6-AdditionalOwnWorkforceInformationHumanRightsPoliciesAndProcessesMember"),
  group("C7", "C7 – Severe negative human rights incidents", "C7-SevereNegativeHumanRightsIncidentsMember"),
  group("C8", "C8 – Revenues from certain activities and exclusion from EU reference benchmarks", "C8-RevenuesFromCertainSectorsAndExclusionFromEuReferenceBenchmarksMember"),
  group("C8.revenues", "C8 – Revenues from certain activities", "C8RevenuesFromCertainActivitiesMember"),
  group("C8.benchmarks", "C8 – Exclusion from EU reference benchmarks", "C8ExclusionFromEUReferenceBenchmarksMember"),
  group("C9", "C9 – Gender diversity ratio in the governance body", "C9-GenderDiversityRatioInTheGovernanceBodyMember"),
  group("D99.general", "Other general and entity-specific information", "DisclosureOfAnyOtherGeneralAndOrEntitySpecificInformation"),
  group("D99.environmental", "Other environmental and entity-specific information", "DisclosureOfAnyOtherEnvironmentalAndOrEntitySpecificEnvironmentalDisclosures"),
  group("D99.social", "Other social and entity-specific information", "DisclosureOfAnyOtherSocialAndOrEntitySpecificSocialDisclosures"),
  group("D99.governance", "Other governance and entity-specific information", "DisclosureOfAnyOtherGovernanceAndOrEntitySpecificGovernanceDisclosures"),
];

export const DISCLOSURE_GROUP_KEYS = DISCLOSURE_GROUPS.map((g) => g.key) as [string, ...string[]];

export const DisclosureGroupSchema = z
  .enum(DISCLOSURE_GROUP_KEYS, { error: "Choose a VSME disclosure or part of one (e.g. B3, B1.sites)" })
  .meta({
    id: "VsmeDisclosureGroup",
    description: "A VSME disclosure (B1–B11, C1–C9) or a datapoint group within one (B1.sites, B8.turnoverRate, D99.general …), as in the 2026-05-01 taxonomy's omitted/unchanged-disclosure lists.",
  });

export { groupCovers } from "./group-covers";
