/** Rules of the disclosures the complete model adds, as a form shows them: field path → message. */
import { describe, expect, test } from "bun:test";
import { REPORT_SECTION_SCHEMAS as S, ReportInputSchema, computeCompleteness, computeReportMetrics, swingWarnings, comparableValues } from "../../schemas";
import { fullReportInput } from "../fixtures/full-report";
import { errorsOf } from "./fixtures";

const full = () => fullReportInput() as any;

describe("the full report", () => {
  test("is valid, complete under Option B and raises no warning", () => {
    const parsed = ReportInputSchema.safeParse(fullReportInput());
    expect(parsed.error?.issues ?? []).toEqual([]);
    const m = computeReportMetrics(parsed.data!, { undertaking: { legalForm: "cooperative" } });
    expect(m.completeness).toMatchObject({ complete: true, percent: 100, blockers: [] });
    expect(computeCompleteness(parsed.data!, { undertaking: { legalForm: "cooperative" } }).missing).toEqual([]);
    expect(m.completeness.modules.comprehensive).toMatchObject({ complete: true });
    expect(m.warnings).toEqual([]);
  });
});

describe("B2, B4–B7", () => {
  test("B2: a matter once, with something ticked; a 'no' without matters", () => {
    expect(
      errorsOf(S.practicesPolicies, {
        status: "reported",
        hasPracticesPoliciesOrInitiatives: false,
        matters: [{ matter: "pollution", policy: true }, { matter: "pollution" }],
      }),
    ).toEqual({
      "matters.1.practice": ["Tick a practice, a policy or a future initiative for this matter, or remove the row"],
      "matters.1.matter": ["pollution is listed twice in the sustainability matters"],
      hasPracticesPoliciesOrInitiatives: ["You answered that there are no practices, policies or initiatives: remove the matters ticked, or answer yes"],
    });
  });

  test("B4: pollutants of the E-PRTR list, an amount per row, one unit", () => {
    expect(
      errorsOf(S.pollution, { status: "reported", hasPollutantReportingObligation: true, emissions: [{ pollutant: "Kryptonite", air: 1 }, { pollutant: "Benzene" }] }),
    ).toEqual({
      "emissions.0.pollutant": ["Choose a pollutant of the E-PRTR list"],
      "emissions.1.air": ["Give the amount emitted to air, water or soil"],
      unit: ["Choose the unit of the amounts (kg or t)"],
    });
  });

  test("B5: sites refer to B1's sites (report level); sealed area within the land used", () => {
    const report = full();
    report.sections.biodiversity.sites = [{ siteId: "XYZ", inSensitiveArea: true, nearSensitiveArea: false }];
    report.sections.biodiversity.landUse.totalSealedArea = 9;
    expect(errorsOf(ReportInputSchema, report)).toEqual({
      "sections.biodiversity.sites.0.siteId": ["Site XYZ is not in the list of sites of B1"],
      "sections.biodiversity.landUse.totalSealedArea": ["The sealed area can't be larger than the total use of land"],
    });
    // A site without an id is identified by its position.
    delete report.sections.basisForPreparation.sites[1].id;
    report.sections.biodiversity.sites = [{ siteId: "2", inSensitiveArea: true, nearSensitiveArea: false }];
    report.sections.biodiversity.landUse.totalSealedArea = 2;
    expect(errorsOf(ReportInputSchema, report)).toEqual({});
  });

  test("B6 and B7: high-stress withdrawal within the total; waste codes of the List of Waste with a unit", () => {
    expect(errorsOf(S.water, { status: "reported", totalWaterWithdrawal: 100, waterWithdrawalInHighWaterStressAreas: 120 })).toEqual({
      waterWithdrawalInHighWaterStressAreas: ["Withdrawal in areas of high water stress can't exceed the total withdrawal"],
    });
    expect(
      errorsOf(S.circularEconomy, {
        status: "reported",
        appliesCircularEconomyPrinciples: false,
        circularEconomyDescription: "We recycle",
        waste: [{ code: "999999", disposalMass: 1, massUnit: "t" }, { code: "200101", disposalMass: 1 }],
      }),
    ).toEqual({
      "waste.0.code": ["Choose an entry (six digits) of the European List of Waste"],
      "waste.1.massUnit": ["Choose kg or t"],
      circularEconomyDescription: ["You answered that no circular economy principles are applied: remove the description, or answer yes"],
    });
  });
});

describe("C1–C9 and 24(b)", () => {
  test("C8: revenues of the listed sectors can't exceed the turnover", () => {
    const report = full();
    report.sections.sectorRevenues.tobacco = 4_000_000;
    expect(errorsOf(ReportInputSchema, report)).toEqual({
      "sections.sectorRevenues": ["Revenues from the listed sectors add up to 4,003,000 EUR, more than the turnover of 4,000,000 EUR"],
    });
  });

  test("C3: the target year follows the base year; C9 counts or ratio, not both", () => {
    expect(errorsOf(S.ghgTargets, { status: "reported", hasGhgReductionTargets: true, baseYear: 2030, targetYear: 2020 })).toEqual({
      targetYear: ["The target year comes after the base year"],
    });
    expect(errorsOf(S.governanceDiversity, { status: "reported", hasGovernanceBody: true, femaleMembers: 1, genderDiversityRatio: 0.5 })).toEqual({
      genderDiversityRatio: ["Give either the numbers of female and male members or the ratio, not both"],
    });
  });

  test("an omitted group holds no values", () => {
    const report = full();
    report.sections.basisForPreparation.omittedDisclosures = ["B1.sites", "C9"];
    delete report.sections.biodiversity; // B5 refers to the sites
    expect(errorsOf(ReportInputSchema, report)).toEqual({
      "sections.basisForPreparation.sites": ["Sites (significant assets and sites owned, leased or managed) is part of B1.sites, which is omitted as classified or sensitive: remove the value, or stop omitting B1.sites"],
      "sections.governanceDiversity.femaleMembers": ["Female members of the governance body is part of C9, which is omitted as classified or sensitive: remove the value, or stop omitting C9"],
      "sections.governanceDiversity.maleMembers": ["Male members of the governance body is part of C9, which is omitted as classified or sensitive: remove the value, or stop omitting C9"],
    });
  });
});

describe("warnings (shown, never blocking)", () => {
  test("head count, hours worked, Scope 1 with fuels, water, Paris-aligned benchmark thresholds", () => {
    const report = full();
    report.sections.workforce.employeesAtEndOfPeriod = 150; // ≠ 160 although the total is an end-of-period head count
    report.sections.workforce.employeesAtStartOfPeriod = 150;
    report.sections.healthAndSafety.totalHoursWorked = 40_000; // 250 h per employee
    report.sections.energyAndEmissions.ghg.grossScope1.value = 0;
    report.sections.water.waterDischarge = 6_000;
    report.sections.sectorRevenues.coal = 50_000; // 1.25 % of turnover
    const parsed = ReportInputSchema.parse(report);
    expect(computeReportMetrics(parsed).warnings.map((w) => [w.path, w.code])).toEqual([
      ["sections.workforce.employeesAtEndOfPeriod", "headcount_end_of_period_mismatch"],
      ["sections.healthAndSafety.totalHoursWorked", "hours_worked_implausible"],
      ["sections.energyAndEmissions.ghg.grossScope1.value", "scope1_zero_with_fuels"],
      ["sections.water.waterDischarge", "discharge_exceeds_withdrawal"],
      ["sections.sectorRevenues.excludedFromParisAlignedBenchmarks", "pab_exclusion_thresholds_met"],
    ]);
    expect(computeReportMetrics(parsed).warnings[1]!.message).toBe(
      "250 hours per employee: check the hours worked (without time records, 2,000 h × employees = 320,000 h)",
    );
  });

  test("comparatives: the previous year's values are kept, and swings beyond ±50 % are queried", () => {
    const lastYear = ReportInputSchema.parse({ ...full(), year: 2023, period: { start: "2023-01-01", end: "2023-12-31" } });
    const previous = { ...lastYear, metrics: computeReportMetrics(lastYear) };
    const report = full();
    report.sections.energyAndEmissions.energy.totalEnergyConsumption = 1_600; // +60 %
    report.sections.water.totalWaterWithdrawal = 6_000; // +20 %: within the threshold
    const m = computeReportMetrics(ReportInputSchema.parse(report), { previous });
    expect(m.comparatives?.year).toBe(2023);
    expect(m.comparatives?.values).toContainEqual({ path: "sections.energyAndEmissions.energy.totalEnergyConsumption", value: 1_000 });
    expect(m.comparatives?.values).toContainEqual({ path: "metrics.waterConsumption", value: 1_200 });
    const swings = m.warnings.filter((w) => w.code === "year_on_year_swing");
    expect(swings.map((w) => w.path)).toContain("sections.energyAndEmissions.energy.totalEnergyConsumption");
    expect(swings.map((w) => w.path)).not.toContain("sections.water.totalWaterWithdrawal");
    expect(swings.find((w) => w.path === "sections.energyAndEmissions.energy.totalEnergyConsumption")?.message).toBe(
      "Total energy consumption changed by +60 % from 2023 (1,000 → 1,600 MWh): check it, or explain the change",
    );
    expect(swingWarnings(comparableValues(report), { year: 2023, values: [] })).toEqual([]);
  });
});
