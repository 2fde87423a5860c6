import { describe, expect, test } from "bun:test";
import { computeCompleteness, computeReportMetrics, ReportInputSchema, ReportMetricsSchema, type ReportContent } from "../../schemas";
import { completeReport } from "./fixtures";

const parse = (value: unknown): ReportContent => ReportInputSchema.parse(value);
const metricsOf = (value: unknown) => computeReportMetrics(parse(value));

describe("derived metrics of the complete fixture (values computed by hand)", () => {
  const m = metricsOf(completeReport());

  test("GHG totals and intensities per million EUR of turnover", () => {
    // Scope 1 80 + Scope 2 LB 40 = 120; MB 80 + 25 = 105; Scope 3 300. Turnover 2.5 million EUR.
    expect(m.totalGhgScope1And2LocationBased).toBe(120);
    expect(m.totalGhgScope1And2MarketBased).toBe(105);
    expect(m.totalGhgLocationBased).toBe(420);
    expect(m.totalGhgMarketBased).toBe(405);
    expect(m.ghgIntensityLocationBased).toBeCloseTo(48, 10); // 120 / 2.5
    expect(m.ghgIntensityMarketBased).toBeCloseTo(42, 10); // 105 / 2.5
    expect(m.ghgIntensityTotalLocationBased).toBeCloseTo(168, 10); // 420 / 2.5
    expect(m.ghgIntensityTotalMarketBased).toBeCloseTo(162, 10); // 405 / 2.5
    expect(m.intensityUnit).toBe("tCO2e per million EUR");
  });

  test("renewable share, accident rate, pay gap, coverage, turnover rate", () => {
    expect(m.renewableEnergySharePercent).toBeCloseTo(40, 10); // (150 + 50) / 500
    expect(m.accidentRatePer200kHours).toBeCloseTo(6.25, 10); // 3 / 96,000 × 200,000
    expect(m.genderPayGapPercent).toBeCloseTo(12, 10); // (25 − 22) / 25
    expect(m.collectiveBargainingCoveragePercent).toBeCloseTo(75, 10); // 45 / 60
    expect(m.employeeTurnoverRatePercent).toBeCloseTo(15, 10); // 9 / ((56 + 64) / 2)
  });

  test("the result is a valid stored metrics object", () => {
    expect(ReportMetricsSchema.safeParse(m).success).toBe(true);
  });
});

describe("metrics with missing inputs are null, never NaN or Infinity", () => {
  test("an empty draft", () => {
    const { sections: _, ...draft } = completeReport();
    const m = metricsOf(draft);
    for (const [key, value] of Object.entries(m)) {
      if (key === "intensityUnit" || key === "completeness") continue;
      expect(value).toBeNull();
    }
  });

  test("zero denominators", () => {
    const report = completeReport() as any;
    report.turnover.amount = 0;
    report.sections.healthAndSafety = { status: "reported", numberOfRecordableWorkRelatedAccidents: 0, totalHoursWorked: 0 };
    report.sections.workforce.numberOfEmployeesWhoLeft = 0;
    report.sections.workforce.employeesAtStartOfPeriod = 0;
    report.sections.workforce.employeesAtEndOfPeriod = 0;
    report.sections.energyAndEmissions.energy = {
      totalEnergyConsumption: 0,
      breakdown: { electricity: { renewable: 0, nonRenewable: 0 } },
    };
    const m = metricsOf(report);
    expect(m.ghgIntensityLocationBased).toBeNull();
    expect(m.totalGhgScope1And2LocationBased).toBe(120); // totals do not need turnover
    expect(m.accidentRatePer200kHours).toBeNull();
    expect(m.employeeTurnoverRatePercent).toBeNull();
    expect(m.renewableEnergySharePercent).toBeNull();
  });

  test("market-based needs Scope 2 market-based; totals with Scope 3 need Scope 3", () => {
    const report = completeReport() as any;
    delete report.sections.energyAndEmissions.ghg.grossScope2MarketBased;
    delete report.sections.energyAndEmissions.ghg.grossScope3;
    const m = metricsOf(report);
    expect(m.ghgIntensityLocationBased).toBeCloseTo(48, 10);
    expect(m.ghgIntensityMarketBased).toBeNull();
    expect(m.totalGhgLocationBased).toBeNull();
  });

  test("Scope 3 given only by category is summed", () => {
    const report = completeReport() as any;
    delete report.sections.energyAndEmissions.ghg.grossScope3.value;
    expect(metricsOf(report).totalGhgLocationBased).toBe(420);
  });

  test("not-applicable sections give no metrics", () => {
    const report = completeReport() as any;
    report.sections.healthAndSafety = { status: "not_applicable", reason: "No employees" };
    expect(metricsOf(report).accidentRatePer200kHours).toBeNull();
  });
});

describe("metric definitions in edge cases", () => {
  test("women earning more gives a negative pay gap", () => {
    const report = completeReport() as any;
    report.sections.remuneration.averageGrossHourlyPay = { male: 20, female: 25 };
    expect(metricsOf(report).genderPayGapPercent).toBeCloseTo(-25, 10);
  });

  test("a coverage percentage entered directly is used as is", () => {
    const report = completeReport() as any;
    delete report.sections.remuneration.employeesCoveredByCollectiveBargaining;
    report.sections.remuneration.percentageCoveredByCollectiveBargaining = 33.3;
    expect(metricsOf(report).collectiveBargainingCoveragePercent).toBe(33.3);
  });

  test("turnover rate falls back to an average head count, never an end-of-period or FTE figure", () => {
    const report = completeReport() as any;
    delete report.sections.workforce.employeesAtStartOfPeriod;
    delete report.sections.workforce.employeesAtEndOfPeriod;
    expect(metricsOf(report).employeeTurnoverRatePercent).toBeNull(); // end_of_period head count
    report.sections.workforce.employeeCountingMethodology = "average";
    expect(metricsOf(report).employeeTurnoverRatePercent).toBeCloseTo(15, 10); // 9 / 60
    report.sections.workforce.typeOfNumberOfEmployees = "fte";
    expect(metricsOf(report).employeeTurnoverRatePercent).toBeNull();
  });

  test("renewable share without a stated total uses the breakdown's sum", () => {
    const report = completeReport() as any;
    delete report.sections.energyAndEmissions.energy.totalEnergyConsumption;
    expect(metricsOf(report).renewableEnergySharePercent).toBeCloseTo(40, 10);
  });
});

describe("completeness", () => {
  test("the complete fixture has every required datapoint", () => {
    const c = computeCompleteness(parse(completeReport()));
    // B1 1 + B3 3 + B8 7 (+ leavers at 60 ≥ 50 employees) + B9 3 + B10 4 + B11 2
    expect(c).toMatchObject({ filled: 21, required: 21, percent: 100, complete: true });
    for (const section of Object.values(c.sections)) expect(section.state).toBe("complete");
  });

  test("an empty draft: every section not started, with its required datapoints listed", () => {
    const { sections: _, ...draft } = completeReport();
    const c = computeCompleteness(parse(draft));
    expect(c).toMatchObject({ filled: 0, required: 20, percent: 0, complete: false });
    expect(c.sections.healthAndSafety).toEqual({
      state: "not_started",
      filled: 0,
      required: 3,
      percent: 0,
      missing: [
        "sections.healthAndSafety.numberOfRecordableWorkRelatedAccidents",
        "sections.healthAndSafety.totalHoursWorked",
        "sections.healthAndSafety.numberOfFatalities",
      ],
    });
  });

  test("a partly filled section is in progress and says what is missing", () => {
    const report = completeReport() as any;
    delete report.sections.energyAndEmissions.ghg.grossScope2LocationBased;
    const c = computeCompleteness(parse(report));
    expect(c.sections.energyAndEmissions).toEqual({
      state: "in_progress",
      filled: 2,
      required: 3,
      percent: 66.7,
      missing: ["sections.energyAndEmissions.ghg.grossScope2LocationBased"],
    });
    expect(c).toMatchObject({ filled: 20, required: 21, percent: 95.2, complete: false });
  });

  test("not-applicable sections count as complete", () => {
    const report = completeReport() as any;
    report.sections.businessConduct = { status: "not_applicable", reason: "No convictions or fines" };
    const c = computeCompleteness(parse(report));
    expect(c.sections.businessConduct).toEqual({ state: "not_applicable", filled: 2, required: 2, percent: 100, missing: [] });
    expect(c.complete).toBe(true);
  });

  test("conditional datapoints: subsidiaries when consolidated, pay by gender from 150 employees", () => {
    const report = completeReport() as any;
    report.sections.basisForPreparation = {
      status: "reported",
      basisForReporting: "consolidated",
      subsidiaries: [{ name: "Tochter GmbH", registeredAddress: "Weg 2, Köln" }],
    };
    const w = report.sections.workforce;
    Object.assign(w, { numberOfEmployees: 150, byContract: { permanent: 140, temporary: 10 } });
    Object.assign(w, { byGender: { male: 80, female: 70 }, byCountry: undefined, byWorkingTime: undefined });
    delete report.sections.remuneration.averageGrossHourlyPay;
    const c = computeCompleteness(parse(report));
    expect(c.sections.basisForPreparation).toMatchObject({ filled: 2, required: 2 });
    expect(c.sections.remuneration.missing).toEqual([
      "sections.remuneration.averageGrossHourlyPay.male",
      "sections.remuneration.averageGrossHourlyPay.female",
    ]);
  });

  test("the stored metrics include the completeness", () => {
    const report = parse(completeReport());
    expect(computeReportMetrics(report).completeness).toEqual(computeCompleteness(report));
  });
});
