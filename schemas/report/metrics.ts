/**
 * Metrics the server derives from a report's content. Pure functions, no I/O: the same code can preview
 * metrics in the browser. Every metric is null when an input is missing or a denominator is zero.
 *
 * Definitions — VSME Basic Module paragraphs (Commission Recommendation (EU) 2025/1710, Annex I) and the
 * calculation notes ("documentation" labels) of the EFRAG VSME XBRL taxonomy 2025-07-30 / 2026-05-01:
 * - GHG intensity, B3 para 31: gross GHG emissions of para 30 (Scope 1 + location-based Scope 2) ÷ turnover of
 *   B1 24(e)(iv). The taxonomy adds market-based and with-Scope-3 variants and types all four
 *   `ghgEmissionsPerMonetaryItemType` (tCO2e ÷ an ISO 4217 unit, i.e. tCO2e per EUR). We store tCO2e per MILLION
 *   units of the turnover currency (readable SME values); the XBRL export divides by 10^6 (`perMillionToPerUnit`).
 * - Renewable share (not a VSME datapoint; from the B3 para 29 table): renewable MWh ÷ total energy × 100.
 * - Accident rate, B9 41(a), taxonomy note on `RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod`:
 *   recordable accidents ÷ hours worked by all employees × 200,000 (100 employees × 40 h × 50 weeks).
 * - Gender pay gap, B10 42(b), note on `PercentageGapInPayBetweenFemaleAndMaleEmployees`: (average gross hourly
 *   pay of male − of female employees) ÷ that of male employees × 100; negative when women earn more.
 * - Collective bargaining coverage, B10 42(c), note on `PercentageOfEmployeesCoveredByCollectiveBargainingAgreements`:
 *   employees covered ÷ total employees × 100, or the percentage entered.
 * - Employee turnover rate, B8 para 40, note on `EmployeeTurnoverRate`: employees who left during the period ÷
 *   average number of employees during the period × 100. The average is the mean of the head counts at the start
 *   and end of the period (the EFRAG template's helper inputs), or — when those are not given — the total number
 *   of employees if it is a head count averaged over the period. Never an end-of-period or FTE figure: leavers are
 *   people, not FTEs.
 */
import type { ReportContent } from "./report";
import type { ReportCompleteness, ReportMetrics, SectionCompleteness } from "./metrics-schema";
import { ENERGY_SOURCES, energyTotalComposition } from "./environmental";
import { REPORT_SECTION_KEYS, type ReportSectionKey, type ReportSections } from "./sections";

/** 200,000 hours = 100 employees × 40 hours × 50 weeks. */
export const ACCIDENT_RATE_BASE_HOURS = 200_000;
/** Turnover is divided by this for intensities (per million currency units). */
export const INTENSITY_TURNOVER_SCALE = 1_000_000;
/** B8 para 40: the turnover rate is disclosed "if the undertaking employs 50 or more employees". */
export const TURNOVER_RATE_REQUIRED_FROM_EMPLOYEES = 50;
/**
 * B10 42(b): the pay gap "may be omitted when its headcount is below 150 employees", a threshold that falls to 100
 * from 7 June 2031 (applied here to periods ending on or after that day).
 */
export const PAY_GAP_REQUIRED_FROM_HEADCOUNT = 150;
export const PAY_GAP_REQUIRED_FROM_HEADCOUNT_FROM_2031 = 100;
export const PAY_GAP_LOWER_THRESHOLD_FROM = "2031-06-07";

export function payGapHeadcountThreshold(periodEnd: string): number {
  return periodEnd >= PAY_GAP_LOWER_THRESHOLD_FROM ? PAY_GAP_REQUIRED_FROM_HEADCOUNT_FROM_2031 : PAY_GAP_REQUIRED_FROM_HEADCOUNT;
}

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
    const breakdown = energy.breakdown;
    const rows = ENERGY_SOURCES.map((source) => breakdown[source]).filter((row) => row !== undefined);
    const anyValue = rows.some((row) => row.renewable !== undefined || row.nonRenewable !== undefined);
    const statedTotal = energy.totalEnergyConsumption;
    // Self-generated electricity that the stated total leaves out (made from fuels already counted) is left out of
    // the renewable part too, so the share stays within the total it is a share of.
    const counted = ENERGY_SOURCES.filter(
      (source) =>
        source !== "selfGeneratedElectricity" ||
        statedTotal === undefined ||
        energyTotalComposition(statedTotal, breakdown) === "with_self_generated",
    ).map((source) => breakdown[source]);
    const renewable = counted.reduce((a, row) => a + (row?.renewable ?? 0), 0);
    const total = statedTotal ?? rows.reduce((a, row) => a + (row.renewable ?? 0) + (row.nonRenewable ?? 0), 0);
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
 * Head count for VSME's size conditions: the total when it is a head count, else the end-of-period head count
 * (the turnover-rate input), else the FTE total — a lower bound of the head count, so a condition met on it is met.
 */
function knownHeadcount(report: ReportContent): number | undefined {
  const w = reported(report.sections, "workforce");
  if (!w) return undefined;
  if (w.typeOfNumberOfEmployees === "headcount" && w.numberOfEmployees !== undefined) return w.numberOfEmployees;
  return w.employeesAtEndOfPeriod ?? w.numberOfEmployees;
}

/** A gender is "present" unless the B8 breakdown says there are none of it (unknown counts as present). */
function hasEmployeesOfGender(report: ReportContent, gender: "male" | "female"): boolean {
  const count = reported(report.sections, "workforce")?.byGender?.[gender];
  return count === undefined || count > 0;
}

/**
 * The datapoints VSME requires for a section marked reported — or for a section not started yet, where the
 * section is undefined. "Always" datapoints of the Digital Template count, and "if applicable" ones once the report
 * itself shows the condition (paragraph references in docs/vsme-data-model.md). "May" datapoints (market-based
 * Scope 2, Scope 3) never count.
 */
function requiredDatapoints(key: ReportSectionKey, report: ReportContent): Datapoint[] {
  const s = report.sections;
  const headcount = knownHeadcount(report);
  switch (key) {
    case "basisForPreparation": {
      const b = reported(s, "basisForPreparation");
      const points: Datapoint[] = [
        ["basisForReporting", has(b?.basisForReporting)], // B1 24(c)
        ["assets", has(b?.assets)], // B1 24(e)(iii)
        ["sites", (b?.sites?.length ?? 0) > 0], // B1 24(e)(vii)
      ];
      // B1 24(d)
      if (b?.basisForReporting === "consolidated") points.push(["subsidiaries", (b.subsidiaries?.length ?? 0) > 0]);
      return points;
    }
    case "energyAndEmissions": {
      const e = reported(s, "energyAndEmissions");
      return [
        ["energy.totalEnergyConsumption", has(e?.energy?.totalEnergyConsumption)], // B3 29
        ["ghg.grossScope1", has(e?.ghg?.grossScope1)], // B3 30(a)
        ["ghg.grossScope2LocationBased", has(e?.ghg?.grossScope2LocationBased)], // B3 30(b); intensity 31 follows
      ];
    }
    case "workforce": {
      const w = reported(s, "workforce");
      const points: Datapoint[] = [
        ["typeOfNumberOfEmployees", has(w?.typeOfNumberOfEmployees)], // B1 24(e)(v)
        ["employeeCountingMethodology", has(w?.employeeCountingMethodology)],
        ["numberOfEmployees", has(w?.numberOfEmployees)],
        ["byContract.permanent", has(w?.byContract?.permanent)], // B8 39(a)
        ["byContract.temporary", has(w?.byContract?.temporary)],
        ["byGender.male", has(w?.byGender?.male)], // B8 39(b)
        ["byGender.female", has(w?.byGender?.female)],
      ];
      // B8 39(c): "if the undertaking operates in more than one country" — known when its sites are in several.
      const siteCountries = new Set(reported(s, "basisForPreparation")?.sites?.map((site) => site.country) ?? []);
      if (siteCountries.size > 1) points.push(["byCountry", (w?.byCountry?.length ?? 0) > 0]);
      // B8 40: the rate needs the leavers and an average head count.
      if (headcount !== undefined && headcount >= TURNOVER_RATE_REQUIRED_FROM_EMPLOYEES) {
        const averageIsTheTotal = w?.typeOfNumberOfEmployees === "headcount" && w.employeeCountingMethodology === "average";
        points.push(["numberOfEmployeesWhoLeft", has(w?.numberOfEmployeesWhoLeft)]);
        points.push(["employeesAtStartOfPeriod", averageIsTheTotal || has(w?.employeesAtStartOfPeriod)]);
        points.push(["employeesAtEndOfPeriod", averageIsTheTotal || has(w?.employeesAtEndOfPeriod)]);
      }
      return points;
    }
    case "healthAndSafety": {
      const h = reported(s, "healthAndSafety");
      return [
        ["numberOfRecordableWorkRelatedAccidents", has(h?.numberOfRecordableWorkRelatedAccidents)], // B9 41(a)
        ["totalHoursWorked", has(h?.totalHoursWorked)], // the rate of 41(a)
        ["numberOfFatalities", has(h?.numberOfFatalities)], // B9 41(b)
      ];
    }
    case "remuneration": {
      const r = reported(s, "remuneration");
      const points: Datapoint[] = [
        ["employeesReceivePayEqualOrAboveMinimumWage", has(r?.employeesReceivePayEqualOrAboveMinimumWage)], // 42(a)
        [
          "employeesCoveredByCollectiveBargaining", // 42(c)
          has(r?.employeesCoveredByCollectiveBargaining) || has(r?.percentageCoveredByCollectiveBargaining),
        ],
      ];
      // 42(d): an average per employee of a gender the undertaking does not employ does not exist.
      for (const gender of ["male", "female"] as const) {
        if (hasEmployeesOfGender(report, gender)) {
          points.push([`averageAnnualTrainingHours.${gender}`, has(r?.averageAnnualTrainingHours?.[gender])]);
        }
      }
      // 42(b): may be omitted below the head-count threshold; needs employees of both genders.
      const bothGenders = hasEmployeesOfGender(report, "male") && hasEmployeesOfGender(report, "female");
      if (bothGenders && headcount !== undefined && headcount >= payGapHeadcountThreshold(report.period.end)) {
        points.push(["averageGrossHourlyPay.male", has(r?.averageGrossHourlyPay?.male)]);
        points.push(["averageGrossHourlyPay.female", has(r?.averageGrossHourlyPay?.female)]);
      }
      return points;
    }
    case "businessConduct": {
      // B11 43 applies "in case of convictions and fines": a preparer without any marks the section not
      // applicable or reports zeros; either completes it.
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
