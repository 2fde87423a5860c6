import { describe, expect, test } from "bun:test";
import { computeCompleteness, computeReportMetrics, INTENSITY_TURNOVER_SCALE, ReportInputSchema, ReportMetricsSchema, type ReportContent } from "../../schemas";
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

  test("renewable share leaves out self-generated electricity the total leaves out (made from counted fuels)", () => {
    const report = completeReport() as any;
    report.sections.energyAndEmissions.energy = {
      totalEnergyConsumption: 500, // electricity 200 + fuels 300; the biogas CHP's 40 MWh are inside the fuels
      breakdown: {
        electricity: { renewable: 100, nonRenewable: 100 },
        selfGeneratedElectricity: { renewable: 40 },
        fuels: { renewable: 60, nonRenewable: 240 },
      },
    };
    expect(metricsOf(report).renewableEnergySharePercent).toBeCloseTo(32, 10); // (100 + 60) / 500
  });

  test("the intensity exported to XBRL is tCO2e per EUR of turnover (B3 para 31)", () => {
    const m = metricsOf(completeReport());
    // (Scope 1 80 + Scope 2 location-based 40) / 2,500,000 EUR = 0.000048 tCO2e per EUR
    expect(m.ghgIntensityLocationBased! / INTENSITY_TURNOVER_SCALE).toBeCloseTo(120 / 2_500_000, 15);
    expect(m.ghgIntensityLocationBased! / INTENSITY_TURNOVER_SCALE).toBeCloseTo(0.000048, 15);
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
    // B1 3 (basis, assets, sites) + B3 3 + B8 7 (+ by country: sites in DE and FR; + leavers, start and end head
    // count: 60 ≥ 50 employees) + B9 3 + B10 4 (no pay gap below 150) + B11 2
    expect(c).toMatchObject({ filled: 26, required: 26, percent: 100, complete: true });
    for (const section of Object.values(c.sections)) expect(section.state).toBe("complete");
  });

  test("an empty draft: every section not started, with its required datapoints listed", () => {
    const { sections: _, ...draft } = completeReport();
    const c = computeCompleteness(parse(draft));
    expect(c).toMatchObject({ filled: 0, required: 22, percent: 0, complete: false });
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
    expect(c).toMatchObject({ filled: 25, required: 26, percent: 96.2, complete: false });
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
    report.sections.basisForPreparation.basisForReporting = "consolidated";
    report.sections.basisForPreparation.subsidiaries = [{ name: "Tochter GmbH", registeredAddress: "Weg 2, Köln" }];
    const w = report.sections.workforce;
    Object.assign(w, { numberOfEmployees: 150, byContract: { permanent: 140, temporary: 10 } });
    Object.assign(w, { byGender: { male: 80, female: 70 }, byCountry: undefined, byWorkingTime: undefined });
    delete report.sections.remuneration.averageGrossHourlyPay;
    const c = computeCompleteness(parse(report));
    expect(c.sections.basisForPreparation).toMatchObject({ filled: 4, required: 4 });
    expect(c.sections.remuneration.missing).toEqual([
      "sections.remuneration.averageGrossHourlyPay.male",
      "sections.remuneration.averageGrossHourlyPay.female",
    ]);
    expect(c.sections.workforce.missing).toEqual(["sections.workforce.byCountry"]);
  });

  test("B1 assets and sites are always required (B1 24(e)(iii) and (vii))", () => {
    const report = completeReport() as any;
    delete report.sections.basisForPreparation.assets;
    delete report.sections.basisForPreparation.sites;
    expect(computeCompleteness(parse(report)).sections.basisForPreparation).toMatchObject({
      state: "in_progress",
      missing: ["sections.basisForPreparation.assets", "sections.basisForPreparation.sites"],
    });
  });

  test("pay gap threshold: head count 149 may omit it, 150 may not; from 7 June 2031 the threshold is 100", () => {
    const at = (headcount: number, end: string) => {
      const report = completeReport() as any;
      const w = report.sections.workforce;
      const female = headcount - 100;
      Object.assign(w, { numberOfEmployees: headcount, byContract: { permanent: headcount, temporary: 0 } });
      Object.assign(w, { byGender: { male: 100, female }, byCountry: undefined, byWorkingTime: undefined });
      delete report.sections.remuneration.averageGrossHourlyPay;
      // Years after next can't be entered yet; the rule reads only the period end, set after validation.
      const content = parse(report);
      content.period = { start: `${end.slice(0, 4)}-01-01`, end };
      return computeCompleteness(content).sections.remuneration.missing;
    };
    const payGap = ["sections.remuneration.averageGrossHourlyPay.male", "sections.remuneration.averageGrossHourlyPay.female"];
    expect(at(149, "2030-12-31")).toEqual([]);
    expect(at(150, "2030-12-31")).toEqual(payGap);
    expect(at(120, "2031-06-06")).toEqual([]);
    expect(at(120, "2031-12-31")).toEqual(payGap);
  });

  test("an FTE total below the threshold is judged on the head count at the end of the period", () => {
    const report = completeReport() as any;
    const w = report.sections.workforce;
    Object.assign(w, { typeOfNumberOfEmployees: "fte", numberOfEmployees: 140, byContract: { permanent: 130, temporary: 10 } });
    Object.assign(w, { byGender: { male: 80, female: 60 }, byCountry: undefined, byWorkingTime: undefined });
    Object.assign(w, { employeesAtStartOfPeriod: 150, employeesAtEndOfPeriod: 160 });
    report.sections.remuneration.employeesCoveredByCollectiveBargaining = 100;
    delete report.sections.remuneration.averageGrossHourlyPay;
    expect(computeCompleteness(parse(report)).sections.remuneration.missing).toEqual([
      "sections.remuneration.averageGrossHourlyPay.male",
      "sections.remuneration.averageGrossHourlyPay.female",
    ]);
  });

  test("training hours and pay gap are not asked for a gender the undertaking does not employ", () => {
    const report = completeReport() as any;
    const w = report.sections.workforce;
    Object.assign(w, { numberOfEmployees: 200, byContract: { permanent: 200, temporary: 0 } });
    Object.assign(w, { byGender: { male: 200, female: 0 }, byCountry: undefined, byWorkingTime: undefined });
    report.sections.remuneration.averageAnnualTrainingHours = { male: 12 };
    delete report.sections.remuneration.averageGrossHourlyPay;
    const c = computeCompleteness(parse(report));
    expect(c.sections.remuneration).toMatchObject({ state: "complete", missing: [] });
  });

  test("turnover rate from 50 employees needs the leavers and an average head count", () => {
    const report = completeReport() as any;
    delete report.sections.workforce.employeesAtStartOfPeriod;
    expect(computeCompleteness(parse(report)).sections.workforce.missing).toEqual([
      "sections.workforce.employeesAtStartOfPeriod",
    ]);
    report.sections.workforce.employeeCountingMethodology = "average"; // the head count is already an average
    expect(computeCompleteness(parse(report)).sections.workforce.missing).toEqual([]);
    const small = completeReport() as any;
    const w = small.sections.workforce;
    Object.assign(w, { numberOfEmployees: 49, byContract: { permanent: 39, temporary: 10 } });
    Object.assign(w, { byGender: { male: 25, female: 24 }, byCountry: [{ country: "DE", numberOfEmployees: 49 }], byWorkingTime: undefined });
    for (const key of ["numberOfEmployeesWhoLeft", "employeesAtStartOfPeriod", "employeesAtEndOfPeriod"]) delete w[key];
    small.sections.remuneration.employeesCoveredByCollectiveBargaining = 40;
    expect(computeCompleteness(parse(small)).sections.workforce).toMatchObject({ state: "complete", required: 8 });
  });

  test("the stored metrics include the completeness", () => {
    const report = parse(completeReport());
    expect(computeReportMetrics(report).completeness).toEqual(computeCompleteness(report));
  });
});
