/**
 * Field path → VSME XBRL concept (taxonomy 2025-07-30 / 2026-05-01, namespace prefix `vsme:`), for the XBRL
 * export. Paths are dotted from the report root (or the company root in COMPANY_XBRL_CONCEPTS).
 * `dimensions` are explicit axis members the fact carries; `transform` says how our value becomes the XBRL value.
 */
export interface XbrlConceptMapping {
  concept: string;
  dimensions?: Readonly<Record<string, string>>;
  /**
   * percentToFraction: we store 12.5 (%), XBRL `percentItemType` wants 0.125.
   * perMillionToPerUnit: our intensities are per million currency units, VSME's per unit (÷ 10^6).
   * enum: the value is one of our enum keys; the exporter maps it to the taxonomy member.
   */
  transform?: "percentToFraction" | "perMillionToPerUnit" | "enum";
}

const energy = (concept: string, member: "RenewableEnergyMember" | "NonRenewableEnergyMember") => ({
  concept,
  dimensions: { "vsme:BreakdownOfEnergyConsumptionAxis": `vsme:${member}` },
});

export const REPORT_XBRL_CONCEPTS = {
  module: { concept: "BasisForPreparation", transform: "enum" },
  "turnover.amount": { concept: "Turnover" },

  "sections.basisForPreparation.basisForReporting": { concept: "BasisForReporting", transform: "enum" },
  "sections.basisForPreparation.subsidiaries[].name": { concept: "NameOfTheSubsidiary" },
  "sections.basisForPreparation.subsidiaries[].registeredAddress": { concept: "RegisteredAddressOfTheSubsidiary" },
  "sections.basisForPreparation.sites[].address": { concept: "AddressOfSite" },
  "sections.basisForPreparation.sites[].postalCode": { concept: "PostalCodeOfSite" },
  "sections.basisForPreparation.sites[].city": { concept: "CityOfSite" },
  "sections.basisForPreparation.sites[].country": { concept: "CountryOfSite", transform: "enum" },
  "sections.basisForPreparation.assets": { concept: "Assets" },
  "sections.basisForPreparation.omittedDisclosures": {
    concept: "ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation",
    transform: "enum",
  },
  "sections.basisForPreparation.unchangedDisclosures": {
    concept: "ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting",
    transform: "enum",
  },
  "sections.basisForPreparation.linkToPreviousReport": {
    concept: "LinkToPreviousReportContainingDisclosuresThatRemainUnchanged",
  },
  "sections.basisForPreparation.sustainabilityCertifications": {
    concept: "DescriptionOfSustainabilityRelatedCertificationsOrLabels",
  },

  "sections.energyAndEmissions.energy.totalEnergyConsumption": { concept: "TotalEnergyConsumption" },
  "sections.energyAndEmissions.energy.breakdown.electricity.renewable": energy(
    "EnergyConsumptionFromElectricity",
    "RenewableEnergyMember",
  ),
  "sections.energyAndEmissions.energy.breakdown.electricity.nonRenewable": energy(
    "EnergyConsumptionFromElectricity",
    "NonRenewableEnergyMember",
  ),
  "sections.energyAndEmissions.energy.breakdown.selfGeneratedElectricity.renewable": energy(
    "EnergyConsumptionFromSelfGeneratedElectricity",
    "RenewableEnergyMember",
  ),
  "sections.energyAndEmissions.energy.breakdown.selfGeneratedElectricity.nonRenewable": energy(
    "EnergyConsumptionFromSelfGeneratedElectricity",
    "NonRenewableEnergyMember",
  ),
  "sections.energyAndEmissions.energy.breakdown.fuels.renewable": energy(
    "EnergyConsumptionFromFuels",
    "RenewableEnergyMember",
  ),
  "sections.energyAndEmissions.energy.breakdown.fuels.nonRenewable": energy(
    "EnergyConsumptionFromFuels",
    "NonRenewableEnergyMember",
  ),
  "sections.energyAndEmissions.ghg.grossScope1.value": { concept: "GrossScope1GreenhouseGasEmissions" },
  "sections.energyAndEmissions.ghg.grossScope2LocationBased.value": {
    concept: "GrossLocationBasedScope2GreenhouseGasEmissions",
  },
  "sections.energyAndEmissions.ghg.grossScope2MarketBased.value": {
    concept: "GrossMarketBasedScope2GreenhouseGasEmissions",
  },
  "sections.energyAndEmissions.ghg.grossScope3.value": { concept: "GrossScope3GreenhouseGasEmissions" },

  "sections.workforce.numberOfEmployees": { concept: "NumberOfEmployees" },
  "sections.workforce.typeOfNumberOfEmployees": { concept: "TypeOfNumberOfEmployees", transform: "enum" },
  "sections.workforce.employeeCountingMethodology": { concept: "EmployeeCountingMethodology", transform: "enum" },
  "sections.workforce.byContract.permanent": { concept: "NumberOfPermanentContractEmployees" },
  "sections.workforce.byContract.temporary": { concept: "NumberOfTemporaryContractEmployees" },
  "sections.workforce.byGender.male": { concept: "NumberOfMaleEmployees" },
  "sections.workforce.byGender.female": { concept: "NumberOfFemaleEmployees" },
  "sections.workforce.byGender.other": { concept: "NumberOfOtherGenderEmployees" },
  "sections.workforce.byGender.notReported": { concept: "NumberOfNonReportedGenderEmployees" },
  // One fact per row, on CountryOfEmploymentContractAxis with the row's country member.
  "sections.workforce.byCountry[].numberOfEmployees": { concept: "NumberOfEmployeesForCountryOfEmploymentContract" },

  "sections.healthAndSafety.numberOfRecordableWorkRelatedAccidents": {
    concept: "NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
  },
  "sections.healthAndSafety.numberOfFatalities": {
    concept: "NumberOfFatalitiesAsAResultOfWorkRelatedInjuriesAndWorkRelatedIllHealth",
  },

  "sections.remuneration.employeesReceivePayEqualOrAboveMinimumWage": {
    concept: "EmployeesReceivePayEqualOrAboveMinimumWageDeterminedByNationalLawOrCollectiveAgreement",
  },
  "sections.remuneration.averageAnnualTrainingHours.male": { concept: "AverageNumberOfAnnualTrainingHoursPerMaleEmployee" },
  "sections.remuneration.averageAnnualTrainingHours.female": {
    concept: "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee",
  },
  "sections.remuneration.averageAnnualTrainingHours.other": {
    concept: "AverageNumberOfAnnualTrainingHoursPerOtherGenderEmployee",
  },
  "sections.remuneration.averageAnnualTrainingHours.notReported": {
    concept: "AverageNumberOfAnnualTrainingHoursPerNonReportedGenderEmployee",
  },

  "sections.businessConduct.numberOfConvictionsForCorruptionAndBribery": {
    concept: "TotalNumberOfConvictionsForTheViolationOfAntiCorruptionAndAntiBriberyLaws",
  },
  "sections.businessConduct.amountOfFinesForCorruptionAndBribery": {
    concept: "TotalAmountOfFinesForTheViolationOfAnticorruptionAndAntibriberyLaws",
  },

  // Derived metrics: VSME tags the computed values.
  "metrics.totalGhgScope1And2LocationBased": { concept: "TotalGrossLocationBasedScope1AndScope2GHGEmissions" },
  "metrics.totalGhgScope1And2MarketBased": { concept: "TotalGrossMarketBasedScope1AndScope2GHGEmissions" },
  "metrics.totalGhgLocationBased": { concept: "TotalGrossLocationBasedGHGEmissions" },
  "metrics.totalGhgMarketBased": { concept: "TotalGrossMarketBasedGHGEmissions" },
  "metrics.ghgIntensityLocationBased": {
    concept: "Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased",
    transform: "perMillionToPerUnit",
  },
  "metrics.ghgIntensityMarketBased": {
    concept: "Scope1AndScope2GreenhouseGasEmissionsIntensityValueMarketBased",
    transform: "perMillionToPerUnit",
  },
  "metrics.ghgIntensityTotalLocationBased": {
    concept: "TotalLocationBasedGreenhouseGasEmissionsIntensityValue",
    transform: "perMillionToPerUnit",
  },
  "metrics.ghgIntensityTotalMarketBased": {
    concept: "TotalMarketBasedGreenhouseGasEmissionsIntensityValue",
    transform: "perMillionToPerUnit",
  },
  "metrics.accidentRatePer200kHours": { concept: "RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod" },
  "metrics.genderPayGapPercent": {
    concept: "PercentageGapInPayBetweenFemaleAndMaleEmployees",
    transform: "percentToFraction",
  },
  "metrics.collectiveBargainingCoveragePercent": {
    concept: "PercentageOfEmployeesCoveredByCollectiveBargainingAgreements",
    transform: "percentToFraction",
  },
  "metrics.employeeTurnoverRatePercent": { concept: "EmployeeTurnoverRate", transform: "percentToFraction" },
} as const satisfies Record<string, XbrlConceptMapping>;

/** Company profile fields that are B1 facts of every report. */
export const COMPANY_XBRL_CONCEPTS = {
  legalForm: { concept: "UndertakingsLegalForm", transform: "enum" },
  otherLegalForm: { concept: "OtherUndertakingsLegalForm" },
  "nace.code": { concept: "NaceSectorClassificationCodes", transform: "enum" },
  country: { concept: "CountryOfPrimaryOperationsAndLocationOfSignificantAssets", transform: "enum" },
} as const satisfies Record<string, XbrlConceptMapping>;

/**
 * Inputs with no VSME concept of their own: helper inputs of a computed metric, or entity-specific information
 * that the export writes into the D99 narrative of the pillar.
 */
export const FIELDS_WITHOUT_XBRL_CONCEPT = {
  "sections.energyAndEmissions.ghg.grossScope3.categories": "Template helper rows; only the Scope 3 total is tagged",
  "sections.workforce.byWorkingTime": "Not a VSME datapoint (C5 covers more workforce detail); kept for preparers",
  "sections.workforce.numberOfEmployeesWhoLeft": "Input of EmployeeTurnoverRate",
  "sections.workforce.employeesAtStartOfPeriod": "Input of EmployeeTurnoverRate",
  "sections.workforce.employeesAtEndOfPeriod": "Input of EmployeeTurnoverRate",
  "sections.healthAndSafety.totalHoursWorked": "Input of RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
  "sections.healthAndSafety.fatalitiesBreakdown": "Split of NumberOfFatalities…; not tagged separately",
  "sections.remuneration.averageGrossHourlyPay": "Input of PercentageGapInPayBetweenFemaleAndMaleEmployees",
  "sections.remuneration.employeesCoveredByCollectiveBargaining":
    "Input of PercentageOfEmployeesCoveredByCollectiveBargainingAgreements",
  "sections.remuneration.percentageCoveredByCollectiveBargaining":
    "Exported as PercentageOfEmployeesCoveredByCollectiveBargainingAgreements via metrics",
  "sections.businessConduct.numberOfWhistleblowerReports":
    "Entity-specific: DisclosureOfAnyOtherGovernanceAndOrEntitySpecificGovernanceDisclosures",
  "sections.businessConduct.otherFinesAndPenalties":
    "Entity-specific: DisclosureOfAnyOtherGovernanceAndOrEntitySpecificGovernanceDisclosures",
} as const;
