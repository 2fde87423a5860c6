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
import { getWasteCode } from "./code-lists";
import { comparableValues, swingWarnings, type Comparatives } from "./comparatives";
import { computeCompleteness, summarizeCompleteness, type CompletenessContext } from "./completeness";
import { ENERGY_SOURCES, energyTotalComposition } from "./environmental";
import type { ReportMetrics } from "./metrics-schema";
import type { ReportContent } from "./report";
import type { ReportSectionKey, ReportSections } from "./sections";
import { computeWarnings } from "./warnings";


/** 200,000 hours = 100 employees × 40 hours × 50 weeks. */
export const ACCIDENT_RATE_BASE_HOURS = 200_000;
/** Turnover is divided by this for intensities (per million currency units). */
export const INTENSITY_TURNOVER_SCALE = 1_000_000;
const ratio = (numerator: number | null | undefined, denominator: number | null | undefined, scale = 1) =>
  numerator == null || denominator == null || denominator === 0 ? null : (numerator / denominator) * scale;

const add = (...values: Array<number | null | undefined>): number | null =>
  values.some((v) => v == null) ? null : values.reduce<number>((a, v) => a + (v as number), 0);

export function reported<K extends ReportSectionKey>(sections: ReportSections, key: K) {
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

export interface MetricsContext extends CompletenessContext {
  /** The previous year's report (content and metrics), for comparatives and swing warnings. */
  previous?: { year: number; sections: unknown; turnover: unknown; metrics?: unknown } | null | undefined;
}

export function computeReportMetrics(report: ReportContent, context: MetricsContext = {}): ReportMetrics {
  const metrics = computeCurrentMetrics(report, context);
  if (!context.previous) return { ...metrics, comparatives: null };
  const previousValues = comparableValues(context.previous);
  const comparatives: Comparatives = {
    year: context.previous.year,
    values: Object.entries(previousValues).map(([path, value]) => ({ path, value })),
  };
  const swings = swingWarnings(comparableValues({ ...report, metrics }), comparatives);
  return { ...metrics, warnings: [...metrics.warnings, ...swings], comparatives };
}

function computeCurrentMetrics(report: ReportContent, context: CompletenessContext): Omit<ReportMetrics, "comparatives"> {
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

  // Renewable share of the stated total only: a partial breakdown without a total would read as 100 % renewable.
  let renewableShare: number | null = null;
  const statedTotal = energy?.totalEnergyConsumption;
  if (energy?.breakdown && statedTotal !== undefined) {
    const breakdown = energy.breakdown;
    const anyValue = ENERGY_SOURCES.some((source) => breakdown[source]?.renewable !== undefined || breakdown[source]?.nonRenewable !== undefined);
    // Self-generated electricity that the stated total leaves out (made from fuels already counted) is left out of
    // the renewable part too, so the share stays within the total it is a share of.
    const counted = ENERGY_SOURCES.filter(
      (source) => source !== "selfGeneratedElectricity" || energyTotalComposition(statedTotal, breakdown) === "with_self_generated",
    );
    const renewable = counted.reduce((a, source) => a + (breakdown[source]?.renewable ?? 0), 0);
    renewableShare = anyValue ? ratio(renewable, statedTotal, 100) : null;
  }
  const sourceTotal = (source: (typeof ENERGY_SOURCES)[number]) => {
    const row = energy?.breakdown?.[source];
    return row?.renewable === undefined && row?.nonRenewable === undefined ? null : (row?.renewable ?? 0) + (row?.nonRenewable ?? 0);
  };

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
    energyBySource: {
      electricity: sourceTotal("electricity"),
      selfGeneratedElectricity: sourceTotal("selfGeneratedElectricity"),
      fuels: sourceTotal("fuels"),
    },
    renewableEnergySharePercent: renewableShare,
    accidentRatePer200kHours: ratio(
      safety?.numberOfRecordableWorkRelatedAccidents,
      safety?.totalHoursWorked,
      ACCIDENT_RATE_BASE_HOURS,
    ),
    genderPayGapPercent: payGap,
    collectiveBargainingCoveragePercent: coverage,
    employeeTurnoverRatePercent: ratio(workforce?.numberOfEmployeesWhoLeft, averageHeadcount, 100),
    ...environmentMetrics(sections),
    ...comprehensiveMetrics(sections),
    completeness: summarizeCompleteness(computeCompleteness(report, context)),
    warnings: computeWarnings(report),
  };
}

const TONNES_PER: Record<"kg" | "t", number> = { kg: 0.001, t: 1 };
const toTonnes = (value: number | undefined, unit: "kg" | "t" | undefined) => (value === undefined ? undefined : value * TONNES_PER[unit ?? "t"]);
const sumOrNull = (values: ReadonlyArray<number | null | undefined>) => {
  const present = values.filter((v): v is number => v != null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0);
};

/**
 * B6 water consumption (para 36, template D311): withdrawal − discharge, when the discharge is reported.
 * B7 waste (38(a)–(b)): per code, recycled or reused + directed to disposal (taxonomy calculation notes), and the
 * hazardous / non-hazardous totals (the List of Waste marks hazardous entries); masses in tonnes.
 * B7 materials (38(c)): Σ weights (t) and Σ volumes (m³).
 */
function environmentMetrics(sections: ReportSections) {
  const water = reported(sections, "water");
  const waterConsumption =
    water?.totalWaterWithdrawal !== undefined && water.waterDischarge !== undefined ? water.totalWaterWithdrawal - water.waterDischarge : null;

  const circular = reported(sections, "circularEconomy");
  const byCode = (circular?.waste ?? []).map((row) => {
    const mass = sumOrNull([toTonnes(row.recycledOrReusedMass, row.massUnit), toTonnes(row.disposalMass, row.massUnit)]);
    const volume = sumOrNull([row.recycledOrReusedVolume, row.disposalVolume]);
    return { code: row.code, hazardous: getWasteCode(row.code)?.hazardous ?? false, totalMass: mass, totalVolume: volume };
  });
  const total = (hazardous: boolean | undefined, key: "totalMass" | "totalVolume") =>
    sumOrNull(byCode.filter((row) => hazardous === undefined || row.hazardous === hazardous).map((row) => row[key]));
  const materials = circular?.materials ?? [];
  return {
    waterConsumption,
    waste: {
      byCode,
      hazardousMass: total(true, "totalMass"),
      nonHazardousMass: total(false, "totalMass"),
      totalMass: total(undefined, "totalMass"),
      hazardousVolume: total(true, "totalVolume"),
      nonHazardousVolume: total(false, "totalVolume"),
      totalVolume: total(undefined, "totalVolume"),
    },
    materials: {
      totalMass: sumOrNull(materials.map((m) => toTonnes(m.mass, m.massUnit))),
      totalVolume: sumOrNull(materials.map((m) => m.volume)),
    },
  };
}

/**
 * C3 (54): totals of the base and target years like B3's (S1 + S2 [+ S3]) and the template's helper "percentage
 * reduction from base year" = (1 − target ÷ base) × 100. C5 (59) and C9 (65): female ÷ male (taxonomy notes), or the
 * ratio entered; with no male managers/members the ratio does not exist (null), with no female ones it is 0.
 * C8 (63(c)): fossil fuel revenue = coal + oil + gas (template).
 */
function comprehensiveMetrics(sections: ReportSections) {
  const targets = reported(sections, "ghgTargets");
  const ofYear = (e: { scope1?: number; scope2LocationBased?: number; scope2MarketBased?: number; scope3?: number } | undefined) => {
    const location = add(e?.scope1, e?.scope2LocationBased);
    const market = add(e?.scope1, e?.scope2MarketBased);
    return {
      scope1And2LocationBased: location,
      scope1And2MarketBased: market,
      totalLocationBased: e?.scope3 === undefined ? null : add(location, e.scope3),
      totalMarketBased: e?.scope3 === undefined ? null : add(market, e.scope3),
    };
  };
  const baseYear = ofYear(targets?.baseYearEmissions);
  const targetYear = ofYear(targets?.targetYearEmissions);
  const reduction =
    baseYear.scope1And2LocationBased === null || targetYear.scope1And2LocationBased === null || baseYear.scope1And2LocationBased === 0
      ? null
      : (1 - targetYear.scope1And2LocationBased / baseYear.scope1And2LocationBased) * 100;

  const c5 = reported(sections, "workforceAdditional");
  const c9 = reported(sections, "governanceDiversity");
  const genderRatio = (female: number | undefined, male: number | undefined, entered: number | undefined) =>
    entered ?? (female === undefined || male === undefined ? null : ratio(female, male));
  const c8 = reported(sections, "sectorRevenues");
  const fossil = c8 && (c8.coal !== undefined || c8.oil !== undefined || c8.gas !== undefined) ? (c8.coal ?? 0) + (c8.oil ?? 0) + (c8.gas ?? 0) : null;
  return {
    fossilFuelRevenue: fossil,
    femaleToMaleManagementRatio: genderRatio(c5?.femaleManagers, c5?.maleManagers, c5?.femaleToMaleManagementRatio),
    boardGenderDiversityRatio: genderRatio(c9?.femaleMembers, c9?.maleMembers, c9?.genderDiversityRatio),
    ghgTargets: { baseYear, targetYear, reductionPercent: { scope1And2LocationBased: reduction } },
  };
}
