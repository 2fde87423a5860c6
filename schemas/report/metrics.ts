/**
 * Metrics the server derives from a report's content. Pure functions, no I/O: the same code can preview
 * metrics in the browser. Every metric is null when an input is missing or a denominator is zero.
 *
 * Definitions (VSME taxonomy calculation notes, unless stated):
 * - GHG intensity = (Scope 1 + Scope 2 [+ Scope 3]) tCO2e ÷ turnover, expressed per MILLION units of the
 *   turnover currency (tCO2e per million EUR) so that SME values are readable; the XBRL export divides by 10^6
 *   to get VSME's tCO2e per currency unit.
 * - Renewable share = renewable MWh of the breakdown ÷ total energy consumption × 100.
 * - Accident rate = recordable accidents ÷ hours worked × 200,000 (100 full-time employees for a year).
 * - Gender pay gap = (average gross hourly pay of men − of women) ÷ that of men × 100 (negative when women
 *   earn more).
 * - Collective bargaining coverage = employees covered ÷ total employees × 100, or the percentage entered.
 * - Employee turnover rate = leavers ÷ average employees × 100, the average being the mean of the head counts
 *   at the start and end of the period, or — when those are not given — the total number of employees if it is a
 *   head count averaged over the period. Never an end-of-period or FTE figure: leavers are people, not FTEs.
 */
import type { ReportContent } from "./report";
import type { ReportCompleteness, ReportMetrics, SectionCompleteness } from "./metrics-schema";
import { REPORT_SECTION_KEYS, type ReportSectionKey, type ReportSections } from "./sections";

/** 200,000 hours = 100 employees × 40 hours × 50 weeks. */
export const ACCIDENT_RATE_BASE_HOURS = 200_000;
/** Turnover is divided by this for intensities (per million currency units). */
export const INTENSITY_TURNOVER_SCALE = 1_000_000;
/** Thresholds from secondary sources (not verified against the VSME text), used only for completeness. */
export const TURNOVER_RATE_REQUIRED_FROM_EMPLOYEES = 50;
export const PAY_GAP_REQUIRED_FROM_EMPLOYEES = 150;

const ratio = (numerator: number | null | undefined, denominator: number | null | undefined, scale = 1) =>
  numerator == null || denominator == null || denominator === 0 ? null : (numerator / denominator) * scale;

const add = (...values: Array<number | null | undefined>): number | null =>
  values.some((v) => v == null) ? null : values.reduce<number>((a, v) => a + (v as number), 0);

function reported<K extends ReportSectionKey>(sections: ReportSections, key: K) {
  const section = sections[key];
  return section?.status === "reported" ? (section as Extract<NonNullable<ReportSections[K]>, { status: "reported" }>) : undefined;
}

function scope3Total(sections: ReportSections): number | null {
  const scope3 = reported(sections, "energyAndEmissions")?.ghg?.grossScope3;
  if (!scope3) return null;
  if (scope3.value !== undefined) return scope3.value;
  const categories = Object.values(scope3.categories ?? {}).filter((v): v is number => v !== undefined);
  return categories.length === 0 ? null : categories.reduce((a, b) => a + b, 0);
}

export function computeReportMetrics(report: ReportContent): ReportMetrics {
  const { sections } = report;
  const energy = reported(sections, "energyAndEmissions")?.energy;
  const ghg = reported(sections, "energyAndEmissions")?.ghg;
  const workforce = reported(sections, "workforce");
  const safety = reported(sections, "healthAndSafety");
  const pay = reported(sections, "remuneration");

  const scope1 = ghg?.grossScope1?.value;
  const s12Location = add(scope1, ghg?.grossScope2LocationBased?.value);
  const s12Market = add(scope1, ghg?.grossScope2MarketBased?.value);
  const scope3 = scope3Total(sections);
  const totalLocation = scope3 === null ? null : add(s12Location, scope3);
  const totalMarket = scope3 === null ? null : add(s12Market, scope3);
  const turnoverMillions = report.turnover.amount / INTENSITY_TURNOVER_SCALE;

  let renewableShare: number | null = null;
  if (energy?.breakdown) {
    const rows = Object.values(energy.breakdown).filter((row) => row !== undefined);
    const renewable = rows.reduce((a, row) => a + (row.renewable ?? 0), 0);
    const anyValue = rows.some((row) => row.renewable !== undefined || row.nonRenewable !== undefined);
    const total =
      energy.totalEnergyConsumption ?? rows.reduce((a, row) => a + (row.renewable ?? 0) + (row.nonRenewable ?? 0), 0);
    renewableShare = anyValue ? ratio(renewable, total, 100) : null;
  }

  const male = pay?.averageGrossHourlyPay?.male;
  const female = pay?.averageGrossHourlyPay?.female;
  const payGap = male === undefined || female === undefined ? null : ratio(male - female, male, 100);

  const employees = workforce?.numberOfEmployees;
  const coverage =
    pay?.employeesCoveredByCollectiveBargaining !== undefined
      ? ratio(pay.employeesCoveredByCollectiveBargaining, employees, 100)
      : (pay?.percentageCoveredByCollectiveBargaining ?? null);

  let averageHeadcount: number | null = null;
  if (workforce?.employeesAtStartOfPeriod !== undefined && workforce.employeesAtEndOfPeriod !== undefined) {
    averageHeadcount = (workforce.employeesAtStartOfPeriod + workforce.employeesAtEndOfPeriod) / 2;
  } else if (
    workforce?.typeOfNumberOfEmployees === "headcount" &&
    workforce.employeeCountingMethodology === "average" &&
    employees !== undefined
  ) {
    averageHeadcount = employees;
  }

  return {
    totalGhgScope1And2LocationBased: s12Location,
    totalGhgScope1And2MarketBased: s12Market,
    totalGhgLocationBased: totalLocation,
    totalGhgMarketBased: totalMarket,
    ghgIntensityLocationBased: ratio(s12Location, turnoverMillions),
    ghgIntensityMarketBased: ratio(s12Market, turnoverMillions),
    ghgIntensityTotalLocationBased: ratio(totalLocation, turnoverMillions),
    ghgIntensityTotalMarketBased: ratio(totalMarket, turnoverMillions),
    intensityUnit: `tCO2e per million ${report.turnover.currency}`,
    renewableEnergySharePercent: renewableShare,
    accidentRatePer200kHours: ratio(
      safety?.numberOfRecordableWorkRelatedAccidents,
      safety?.totalHoursWorked,
      ACCIDENT_RATE_BASE_HOURS,
    ),
    genderPayGapPercent: payGap,
    collectiveBargainingCoveragePercent: coverage,
    employeeTurnoverRatePercent: ratio(workforce?.numberOfEmployeesWhoLeft, averageHeadcount, 100),
    completeness: computeCompleteness(report),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Completeness

type Datapoint = readonly [path: string, filled: boolean];
const has = (value: unknown) => value !== undefined;

/**
 * The datapoints VSME requires ("Always", or "If applicable" when the condition is known from the report)
 * for a section marked reported — or for a section not started yet, where `section` is undefined.
 */
function requiredDatapoints(key: ReportSectionKey, report: ReportContent): Datapoint[] {
  const s = report.sections;
  const employees = reported(s, "workforce")?.numberOfEmployees;
  switch (key) {
    case "basisForPreparation": {
      const b = reported(s, "basisForPreparation");
      const points: Datapoint[] = [["basisForReporting", has(b?.basisForReporting)]];
      if (b?.basisForReporting === "consolidated") points.push(["subsidiaries", (b.subsidiaries?.length ?? 0) > 0]);
      return points;
    }
    case "energyAndEmissions": {
      const e = reported(s, "energyAndEmissions");
      return [
        ["energy.totalEnergyConsumption", has(e?.energy?.totalEnergyConsumption)],
        ["ghg.grossScope1", has(e?.ghg?.grossScope1)],
        ["ghg.grossScope2LocationBased", has(e?.ghg?.grossScope2LocationBased)],
      ];
    }
    case "workforce": {
      const w = reported(s, "workforce");
      const points: Datapoint[] = [
        ["typeOfNumberOfEmployees", has(w?.typeOfNumberOfEmployees)],
        ["employeeCountingMethodology", has(w?.employeeCountingMethodology)],
        ["numberOfEmployees", has(w?.numberOfEmployees)],
        ["byContract.permanent", has(w?.byContract?.permanent)],
        ["byContract.temporary", has(w?.byContract?.temporary)],
        ["byGender.male", has(w?.byGender?.male)],
        ["byGender.female", has(w?.byGender?.female)],
      ];
      if (employees !== undefined && employees >= TURNOVER_RATE_REQUIRED_FROM_EMPLOYEES) {
        points.push(["numberOfEmployeesWhoLeft", has(w?.numberOfEmployeesWhoLeft)]);
      }
      return points;
    }
    case "healthAndSafety": {
      const h = reported(s, "healthAndSafety");
      return [
        ["numberOfRecordableWorkRelatedAccidents", has(h?.numberOfRecordableWorkRelatedAccidents)],
        ["totalHoursWorked", has(h?.totalHoursWorked)],
        ["numberOfFatalities", has(h?.numberOfFatalities)],
      ];
    }
    case "remuneration": {
      const r = reported(s, "remuneration");
      const points: Datapoint[] = [
        ["employeesReceivePayEqualOrAboveMinimumWage", has(r?.employeesReceivePayEqualOrAboveMinimumWage)],
        [
          "employeesCoveredByCollectiveBargaining",
          has(r?.employeesCoveredByCollectiveBargaining) || has(r?.percentageCoveredByCollectiveBargaining),
        ],
        ["averageAnnualTrainingHours.male", has(r?.averageAnnualTrainingHours?.male)],
        ["averageAnnualTrainingHours.female", has(r?.averageAnnualTrainingHours?.female)],
      ];
      if (employees !== undefined && employees >= PAY_GAP_REQUIRED_FROM_EMPLOYEES) {
        points.push(["averageGrossHourlyPay.male", has(r?.averageGrossHourlyPay?.male)]);
        points.push(["averageGrossHourlyPay.female", has(r?.averageGrossHourlyPay?.female)]);
      }
      return points;
    }
    case "businessConduct": {
      const c = reported(s, "businessConduct");
      return [
        ["numberOfConvictionsForCorruptionAndBribery", has(c?.numberOfConvictionsForCorruptionAndBribery)],
        ["amountOfFinesForCorruptionAndBribery", has(c?.amountOfFinesForCorruptionAndBribery)],
      ];
    }
  }
}

const percentOf = (filled: number, required: number) =>
  required === 0 ? 100 : Math.round((filled / required) * 1000) / 10;

export function computeSectionCompleteness(key: ReportSectionKey, report: ReportContent): SectionCompleteness {
  const section = report.sections[key];
  const points = requiredDatapoints(key, report);
  const required = points.length;
  if (section?.status === "not_applicable") {
    return { state: "not_applicable", filled: required, required, percent: 100, missing: [] };
  }
  const missing = points.filter(([, filled]) => !filled).map(([path]) => `sections.${key}.${path}`);
  const filled = required - missing.length;
  const state = section === undefined ? "not_started" : missing.length === 0 ? "complete" : "in_progress";
  return { state, filled, required, percent: percentOf(filled, required), missing };
}

/** Not-applicable sections count as complete; a report is complete when every required datapoint is filled. */
export function computeCompleteness(report: ReportContent): ReportCompleteness {
  const sections = Object.fromEntries(
    REPORT_SECTION_KEYS.map((key) => [key, computeSectionCompleteness(key, report)]),
  ) as ReportCompleteness["sections"];
  const all = Object.values(sections);
  const filled = all.reduce((a, s) => a + s.filled, 0);
  const required = all.reduce((a, s) => a + s.required, 0);
  return { filled, required, percent: percentOf(filled, required), complete: filled === required, sections };
}
