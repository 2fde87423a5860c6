import type { z } from "zod";
import { fieldErrors, type CompanyInput, type ReportInput } from "../../schemas";
import { sampleCompany } from "../../schemas/sample-company";

/**
 * A complete, consistent Option A (Basic module) report; the values are chosen so metrics can be checked by hand
 * (see metrics.test.ts). The "if applicable" blocks it does not need are answered "no". Every datapoint, Option B:
 * tests/fixtures/full-report.ts.
 */
export function completeReport(): ReportInput {
  return structuredClone({
    year: 2024,
    period: { start: "2024-01-01", end: "2024-12-31" },
    module: "basic",
    turnover: { amount: 2_500_000, currency: "EUR" },
    sections: {
      basisForPreparation: {
        status: "reported",
        basisForReporting: "individual",
        containsUnchangedDisclosures: false,
        hasSustainabilityCertifications: false,
        assets: 1_800_000,
        sites: [
          { address: "Backstraße 1", postalCode: "50667", city: "Köln", country: "DE" },
          { address: "1 rue du Pain", postalCode: "67000", city: "Strasbourg", country: "FR" },
        ],
      },
      energyAndEmissions: {
        status: "reported",
        energy: {
          totalEnergyConsumption: 500,
          hasBreakdown: true,
          breakdown: {
            electricity: { renewable: 150, nonRenewable: 100 },
            selfGeneratedElectricity: { renewable: 50 },
            fuels: { nonRenewable: 200 },
          },
          dataCollectionMethod: "measured",
          uncertainty: "low",
        },
        ghg: {
          hasScope3: true,
          grossScope1: { value: 80, dataCollectionMethod: "calculated", uncertainty: "medium" },
          grossScope2LocationBased: { value: 40 },
          grossScope2MarketBased: { value: 25 },
          grossScope3: {
            value: 300,
            categories: { purchasedGoodsAndServices: 200, businessTravel: 60, employeeCommuting: 40 },
            dataCollectionMethod: "estimated",
            uncertainty: "high",
          },
        },
      },
      workforce: {
        status: "reported",
        typeOfNumberOfEmployees: "headcount",
        employeeCountingMethodology: "end_of_period",
        numberOfEmployees: 60,
        employsInMoreThanOneCountry: true,
        byContract: { permanent: 50, temporary: 10 },
        byGender: { male: 30, female: 28, other: 1, notReported: 1 },
        byCountry: [
          { country: "DE", numberOfEmployees: 45 },
          { country: "FR", numberOfEmployees: 15 },
        ],
        byWorkingTime: { fullTime: 48, partTime: 12 },
        numberOfEmployeesWhoLeft: 9,
        employeesAtStartOfPeriod: 56,
        employeesAtEndOfPeriod: 64,
      },
      healthAndSafety: {
        status: "reported",
        numberOfRecordableWorkRelatedAccidents: 3,
        totalHoursWorked: 96_000,
        numberOfFatalities: 0,
      },
      remuneration: {
        status: "reported",
        employeesReceivePayEqualOrAboveMinimumWage: true,
        averageGrossHourlyPay: { male: 25, female: 22 },
        employeesCoveredByCollectiveBargaining: 45,
        averageAnnualTrainingHours: { male: 12, female: 14 },
      },
      practicesPolicies: { status: "reported", hasPracticesPoliciesOrInitiatives: false },
      pollution: { status: "reported", hasPollutantReportingObligation: false },
      biodiversity: { status: "reported", hasSitesInOrNearSensitiveAreas: false },
      water: {
        status: "reported",
        totalWaterWithdrawal: 1_200,
        waterWithdrawalInHighWaterStressAreas: 0,
        hasSignificantWaterConsumption: true,
        waterDischarge: 950,
      },
      circularEconomy: {
        status: "reported",
        appliesCircularEconomyPrinciples: true,
        circularEconomyDescription: "Returnable crates for deliveries; bread unsold at closing goes to a food bank.",
        waste: [
          { code: "200101", massUnit: "t", recycledOrReusedMass: 12, disposalMass: 0.5 },
          { code: "130205", massUnit: "kg", recycledOrReusedMass: 150, disposalMass: 50 },
        ],
        hasSignificantMaterialFlows: false,
      },
      businessConduct: {
        status: "reported",
        hasConvictionsOrFines: false,
        numberOfConvictionsForCorruptionAndBribery: 0,
        amountOfFinesForCorruptionAndBribery: 0,
        numberOfWhistleblowerReports: 1,
        otherFinesAndPenalties: [{ description: "Late filing of a tax return", amount: 500 }],
      },
    },
  } satisfies ReportInput);
}

export function companyInput(): CompanyInput {
  return sampleCompany();
}

/** Messages keyed by dotted path (what a form shows next to each field); {} when the value is valid. */
export function errorsOf(schema: z.ZodType, value: unknown): Record<string, string[]> {
  const result = schema.safeParse(value);
  return result.success ? {} : fieldErrors(result.error);
}
