/**
 * Sample data for development: one organization (a Clerk organization id — organizations live in Clerk), its
 * admin user, its company (a real NACE Rev. 2.1 class) and two yearly reports with plausible numbers, written
 * through the repositories like any user action. Idempotent: what exists is kept, what is missing is created.
 */
import type { Db } from "mongodb";
import type { ReportInput } from "../../schemas/report/report";
import { sampleCompany } from "../../schemas/sample-company";
import type { SectorIntensityLookup } from "../repositories/sector-intensity-lookup";
import { createDataAccess } from "../repositories/index";

export const SAMPLE_ORGANIZATION_ID = "org_vsmeguruDevSample";

export const SAMPLE_ADMIN = {
  clerkId: "user_vsmeguruDevAdmin",
  email: "anna.schmidt@example.com",
  name: "Anna Schmidt",
  role: "org:admin",
} as const;

// The sample bakery (NACE Rev. 2.1 class 10.71) under the name the local sign-in lists for this organization.
export const SAMPLE_COMPANY = sampleCompany({ name: "Beispiel Backwaren GmbH" });

/** Breakdowns add up to their totals, as the schema's cross-field rules require. */
export const SAMPLE_REPORTS = [
  {
    year: 2023,
    period: { start: "2023-01-01", end: "2023-12-31" },
    module: "basic",
    turnover: { amount: 2_300_000, currency: "EUR" },
    sections: {
      basisForPreparation: {
        status: "reported",
        basisForReporting: "individual",
        assets: 1_700_000,
        sites: [
          { address: "Backstraße 1", postalCode: "50667", city: "Köln", country: "DE" },
          { address: "Brotgasse 3", postalCode: "5020", city: "Salzburg", country: "AT" },
        ],
      },
      energyAndEmissions: {
        status: "reported",
        energy: {
          totalEnergyConsumption: 540,
          breakdown: {
            electricity: { renewable: 140, nonRenewable: 130 },
            selfGeneratedElectricity: { renewable: 40 },
            fuels: { nonRenewable: 230 },
          },
          dataCollectionMethod: "measured",
          uncertainty: "low",
        },
        ghg: {
          grossScope1: { value: 86, dataCollectionMethod: "calculated", uncertainty: "medium" },
          grossScope2LocationBased: { value: 44 },
          grossScope2MarketBased: { value: 31 },
        },
      },
      workforce: {
        status: "reported",
        typeOfNumberOfEmployees: "headcount",
        employeeCountingMethodology: "end_of_period",
        numberOfEmployees: 56,
        byContract: { permanent: 47, temporary: 9 },
        byGender: { male: 28, female: 26, other: 1, notReported: 1 },
        byCountry: [
          { country: "DE", numberOfEmployees: 42 },
          { country: "AT", numberOfEmployees: 14 },
        ],
        byWorkingTime: { fullTime: 45, partTime: 11 },
        numberOfEmployeesWhoLeft: 7,
        employeesAtStartOfPeriod: 52,
        employeesAtEndOfPeriod: 56,
      },
      healthAndSafety: {
        status: "reported",
        numberOfRecordableWorkRelatedAccidents: 2,
        totalHoursWorked: 89_600,
        numberOfFatalities: 0,
      },
      remuneration: {
        status: "reported",
        employeesReceivePayEqualOrAboveMinimumWage: true,
        averageGrossHourlyPay: { male: 24.1, female: 21.6 },
        employeesCoveredByCollectiveBargaining: 42,
        averageAnnualTrainingHours: { male: 10, female: 12 },
      },
      businessConduct: {
        status: "reported",
        numberOfConvictionsForCorruptionAndBribery: 0,
        amountOfFinesForCorruptionAndBribery: 0,
        numberOfWhistleblowerReports: 0,
        otherFinesAndPenalties: [],
      },
    },
  },
  {
    year: 2024,
    period: { start: "2024-01-01", end: "2024-12-31" },
    module: "basic",
    turnover: { amount: 2_500_000, currency: "EUR" },
    sections: {
      basisForPreparation: {
        status: "reported",
        basisForReporting: "individual",
        assets: 1_800_000,
        sites: [
          { address: "Backstraße 1", postalCode: "50667", city: "Köln", country: "DE" },
          { address: "Brotgasse 3", postalCode: "5020", city: "Salzburg", country: "AT" },
        ],
      },
      energyAndEmissions: {
        status: "reported",
        energy: {
          totalEnergyConsumption: 500,
          breakdown: {
            electricity: { renewable: 150, nonRenewable: 100 },
            selfGeneratedElectricity: { renewable: 50 },
            fuels: { nonRenewable: 200 },
          },
          dataCollectionMethod: "measured",
          uncertainty: "low",
        },
        ghg: {
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
        byContract: { permanent: 50, temporary: 10 },
        byGender: { male: 30, female: 28, other: 1, notReported: 1 },
        byCountry: [
          { country: "DE", numberOfEmployees: 45 },
          { country: "AT", numberOfEmployees: 15 },
        ],
        byWorkingTime: { fullTime: 48, partTime: 12 },
        numberOfEmployeesWhoLeft: 9,
        employeesAtStartOfPeriod: 56,
        employeesAtEndOfPeriod: 60,
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
        averageGrossHourlyPay: { male: 25, female: 22.5 },
        employeesCoveredByCollectiveBargaining: 45,
        averageAnnualTrainingHours: { male: 12, female: 14 },
      },
      businessConduct: {
        status: "reported",
        numberOfConvictionsForCorruptionAndBribery: 0,
        amountOfFinesForCorruptionAndBribery: 0,
        numberOfWhistleblowerReports: 1,
        otherFinesAndPenalties: [{ description: "Late filing of a packaging register report", amount: 500 }],
      },
    },
  },
] as const satisfies readonly ReportInput[];

export type SeedAction = "created" | "kept";

export interface DevelopmentSeedReport {
  organizationId: string;
  user: { clerkId: string; action: "upserted" };
  company: { id: string; name: string; naceCode: string; action: SeedAction; sectorIntensity: number | null };
  reports: { id: string; year: number; action: SeedAction }[];
}

export async function seedDevelopmentSample(options: { primary: Db; reference?: SectorIntensityLookup }): Promise<DevelopmentSeedReport> {
  const access = createDataAccess({ primary: options.primary, reference: options.reference });
  const repos = access.forOrganization(SAMPLE_ORGANIZATION_ID, { userId: SAMPLE_ADMIN.clerkId, role: SAMPLE_ADMIN.role });

  const { clerkId, email, name, role } = SAMPLE_ADMIN;
  await access.users({ userId: clerkId, role }).upsertIdentity(clerkId, { clerkId, email, name });
  await repos.members.record({ userId: clerkId, role });

  const existingCompany = await repos.companies.current();
  const company = existingCompany ?? (await repos.companies.create(structuredClone(SAMPLE_COMPANY)));

  const reports: DevelopmentSeedReport["reports"] = [];
  for (const sample of SAMPLE_REPORTS) {
    const existing = await repos.reports.forYear(sample.year);
    const report = existing ?? (await repos.reports.create(structuredClone(sample) as ReportInput));
    reports.push({ id: report.id, year: report.year, action: existing ? "kept" : "created" });
  }

  return {
    organizationId: SAMPLE_ORGANIZATION_ID,
    user: { clerkId: SAMPLE_ADMIN.clerkId, action: "upserted" },
    company: {
      id: company.id,
      name: company.name,
      naceCode: company.nace.code,
      action: existingCompany ? "kept" : "created",
      sectorIntensity: company.sectorIntensity?.value ?? null,
    },
    reports,
  };
}
