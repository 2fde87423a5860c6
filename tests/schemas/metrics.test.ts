import { describe, expect, test } from "bun:test";
import { computeCompleteness, computeReportMetrics, INTENSITY_TURNOVER_SCALE, ReportInputSchema, ReportMetricsSchema, summarizeCompleteness, type ReportContent } from "../../schemas";
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
    const { intensityUnit: _unit, completeness: _c, warnings, waste, ...m } = metricsOf(draft);
    const leaves = (value: unknown): unknown[] =>
      value !== null && typeof value === "object" ? Object.values(value).flatMap(leaves) : [value];
    expect(new Set(leaves(m))).toEqual(new Set([null]));
    expect(waste.byCode).toEqual([]);
    expect(warnings).toEqual([]);
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

  test("renewable share needs the stated total: a partial breakdown never reads as 100 % renewable", () => {
    const report = completeReport() as any;
    delete report.sections.energyAndEmissions.energy.totalEnergyConsumption;
    expect(metricsOf(report).renewableEnergySharePercent).toBeNull();
    // Only the renewable electricity known so far, against a total that holds more: 150 of 500 MWh, not 100 %.
    const partial = completeReport() as any;
    partial.sections.energyAndEmissions.energy.breakdown = { electricity: { renewable: 150 } };
    expect(metricsOf(partial).renewableEnergySharePercent).toBeCloseTo(30, 10);
  });
});

describe("completeness", () => {
  test("the complete Option A fixture has every required datapoint; Comprehensive disclosures are not required", () => {
    const c = computeCompleteness(parse(completeReport()));
    // B1 5 + 3 in workforce (basis, assets, sites, the para 16 and 25 questions; employees, basis, method) · B2 1 ·
    // B3 6 (total, breakdown question + a value, S1, S2 LB, Scope 3 as answered yes) · B4 1 · B5 1 · B6 4 · B7 4 ·
    // B8 9 (contract 2, gender 2, the country question + rows, leavers + start/end: 60 ≥ 50) · B9 3 · B10 4 · B11 1
    expect(c).toMatchObject({ filled: 42, required: 42, percent: 100, complete: true, missing: [], blockers: [] });
    expect(c.modules).toEqual({ basic: { filled: 42, required: 42, percent: 100, complete: true }, comprehensive: null });
    for (const d of c.disclosures) expect(`${d.code} ${d.state}`).toBe(`${d.code} ${d.module === "comprehensive" ? "not_required" : "complete"}`);
  });

  test("Option B with no Comprehensive data is < 100 % and names the missing C datapoints", () => {
    const report = { ...completeReport(), module: "basic_comprehensive" };
    const c = computeCompleteness(parse(report));
    expect(c.complete).toBe(false);
    expect(c.percent).toBeLessThan(100);
    expect(c.modules.basic.complete).toBe(true);
    expect(c.modules.comprehensive).toMatchObject({ filled: 0, complete: false });
    const missingC = c.missing.filter((m) => m.disclosure.startsWith("C"));
    expect(missingC.map((m) => m.paragraph)).toEqual([
      "C1 47(a)", "C1 47(b)", "C1 47(c)", "C1 47(d)",
      "C3 54", "C3 55",
      "C4 57",
      "C6 61(a)", "C6 61(c)",
      "C7 62(a)", "C7 62(c)",
      "C8 63", "C8 64",
      "C9 65",
    ]);
    expect(missingC[0]).toEqual({
      path: "sections.strategy.productsAndServices",
      label: "Significant groups of products and services offered",
      paragraph: "C1 47(a)",
      disclosure: "C1",
    });
  });

  test("an empty draft: every section not started, with its required datapoints listed", () => {
    const { sections: _, ...draft } = completeReport();
    const c = computeCompleteness(parse(draft));
    expect(c).toMatchObject({ filled: 0, percent: 0, complete: false });
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
    // Water and waste are "always" in the Basic module (B6 35, B7 37–38).
    expect(c.sections.water.missing).toEqual([
      "sections.water.totalWaterWithdrawal",
      "sections.water.waterWithdrawalInHighWaterStressAreas",
      "sections.water.hasSignificantWaterConsumption",
    ]);
    expect(c.sections.circularEconomy.missing).toContain("sections.circularEconomy.waste");
  });

  test("a partly filled section is in progress and says what is missing", () => {
    const report = completeReport() as any;
    delete report.sections.energyAndEmissions.ghg.grossScope2LocationBased;
    const c = computeCompleteness(parse(report));
    expect(c.sections.energyAndEmissions).toEqual({
      state: "in_progress",
      filled: 5,
      required: 6,
      percent: 83.3,
      missing: ["sections.energyAndEmissions.ghg.grossScope2LocationBased.value"],
    });
    expect(c.missing).toEqual([
      {
        path: "sections.energyAndEmissions.ghg.grossScope2LocationBased.value",
        label: "Gross location-based Scope 2 GHG emissions",
        paragraph: "B3 30",
        disclosure: "B3",
      },
    ]);
    expect(c).toMatchObject({ filled: 41, required: 42, complete: false });
  });

  test("an 'always' disclosure marked not applicable blocks completeness; an 'if applicable' one counts as its 'no'", () => {
    const b3 = completeReport() as any;
    b3.sections.energyAndEmissions = { status: "not_applicable", reason: "We are an office" };
    const c = computeCompleteness(parse(b3));
    expect(c.complete).toBe(false);
    expect(c.blockers).toEqual([
      {
        path: "sections.energyAndEmissions.status",
        message:
          "B3 (Energy and greenhouse gas emissions) is always reported in the Basic module and can't be marked not applicable: report its datapoints (zeros where that is the truth)",
      },
    ]);
    expect(c.sections.energyAndEmissions.state).toBe("in_progress");

    const b11 = completeReport() as any;
    b11.sections.businessConduct = { status: "not_applicable", reason: "No convictions or fines" };
    const d = computeCompleteness(parse(b11));
    expect(d.sections.businessConduct).toEqual({ state: "not_applicable", filled: 0, required: 0, percent: 100, missing: [] });
    expect(d.complete).toBe(true);
  });

  test("a 'yes' to a trigger question asks for its block; a 'no' records the answer and asks nothing more", () => {
    const report = completeReport() as any;
    report.sections.pollution = { status: "reported", hasPollutantReportingObligation: true };
    expect(computeCompleteness(parse(report)).sections.pollution.missing).toEqual(["sections.pollution.publiclyAvailable"]);
    report.sections.pollution.publiclyAvailable = false;
    expect(computeCompleteness(parse(report)).sections.pollution.missing).toEqual(["sections.pollution.emissions"]);
    report.sections.pollution.emissions = [{ pollutant: "AmmoniaNH3", air: 120 }];
    report.sections.pollution.unit = "kg";
    expect(computeCompleteness(parse(report)).sections.pollution).toMatchObject({ state: "complete", required: 4 });
    report.sections.pollution = { status: "reported", hasPollutantReportingObligation: true, publiclyAvailable: true };
    expect(computeCompleteness(parse(report)).sections.pollution.missing).toEqual(["sections.pollution.publicDisclosureUrl"]);

    delete report.sections.pollution;
    expect(computeCompleteness(parse(report)).sections.pollution).toMatchObject({
      state: "not_started",
      missing: ["sections.pollution.hasPollutantReportingObligation"],
    });
  });

  test("a group omitted as classified or sensitive (24(b)) drops out: the whole disclosure, or only a part", () => {
    const report = completeReport() as any;
    delete report.sections.water;
    delete report.sections.basisForPreparation.sites;
    report.sections.basisForPreparation.omittedDisclosures = ["B6", "B1.sites"];
    const c = computeCompleteness(parse(report));
    expect(c.complete).toBe(true);
    expect(c.sections.water.state).toBe("omitted");
    expect(c.disclosures.find((d) => d.code === "B6")?.state).toBe("omitted");
    expect(c.sections.basisForPreparation.missing).toEqual([]);
  });

  test("the cooperative block applies to cooperatives (B2 para 15)", () => {
    const report = completeReport() as any;
    report.sections.practicesPolicies = { status: "reported", hasPracticesPoliciesOrInitiatives: false };
    const c = computeCompleteness(parse(report), { undertaking: { legalForm: "cooperative" } });
    expect(c.sections.practicesPolicies.missing).toEqual([
      "sections.practicesPolicies.cooperative.participationInGovernance",
      "sections.practicesPolicies.cooperative.investmentInSocialEconomyEntities",
      "sections.practicesPolicies.cooperative.profitDistributionLimits",
    ]);
    expect(computeCompleteness(parse(report), { undertaking: { legalForm: "partnership" } }).sections.practicesPolicies.missing).toEqual([]);
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
    expect(c.sections.basisForPreparation).toMatchObject({ filled: 6, required: 6 });
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
    Object.assign(w, { byGender: { male: 200, female: 0 }, byCountry: undefined, byWorkingTime: undefined, employsInMoreThanOneCountry: false });
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
    // B1's three employee fields + contract 2 + gender 2 + the country question and rows
    expect(computeCompleteness(parse(small)).sections.workforce).toMatchObject({ state: "complete", required: 9 });
  });

  test("the stored metrics include the completeness as counts and states, without the missing lists", () => {
    const report = parse({ ...completeReport(), module: "basic_comprehensive" });
    const full = computeCompleteness(report);
    expect(full.missing.length).toBeGreaterThan(0);
    const stored = computeReportMetrics(report).completeness;
    expect(stored).toEqual(summarizeCompleteness(full));
    expect(stored).toMatchObject({ filled: full.filled, required: full.required, percent: full.percent, complete: false });
    expect(stored.sections.strategy).toEqual({ state: full.sections.strategy.state, filled: full.sections.strategy.filled, required: full.sections.strategy.required, percent: full.sections.strategy.percent });
    expect(stored.disclosures.map((d) => d.code)).toEqual(full.disclosures.map((d) => d.code));
    expect(JSON.stringify(stored)).not.toContain("missing");
  });
});
