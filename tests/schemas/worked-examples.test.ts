/**
 * Worked examples for every metric the complete model adds, computed by hand from tests/fixtures/full-report.ts,
 * each with the source of its formula.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import {
  FUEL_FACTORS,
  ReportInputSchema,
  computeReportMetrics,
  estimateHoursWorked,
  fuelToMwh,
  fuelsToEnergyBreakdown,
  type ReportContent,
} from "../../schemas";
import { fullReportInput } from "../fixtures/full-report";

const content = (): ReportContent => ReportInputSchema.parse(fullReportInput());
const m = computeReportMetrics(content(), { undertaking: { legalForm: "cooperative" } });

describe("worked examples of the metrics of B3–B7 and C3–C9 (by hand, from the full report)", () => {
  test("B3 29: per-source totals (the axis's Total member) = renewable + non-renewable", () => {
    // electricity 300 + 100 = 400; self-generated 50 + 0 = 50; fuels 50 + 450 = 500 MWh
    expect(m.energyBySource).toEqual({ electricity: 400, selfGeneratedElectricity: 50, fuels: 500 });
    // renewable share of the stated total: (300 + 50 + 50) ÷ 1,000 = 40 %
    expect(m.renewableEnergySharePercent).toBeCloseTo(40, 10);
  });

  test("B3 31: intensities per million of the report currency, labelled with it", () => {
    // (100 + 60) ÷ 4.0 M EUR = 40 tCO2e per M EUR; with Scope 3: (160 + 440) ÷ 4 = 150
    expect(m.ghgIntensityLocationBased).toBeCloseTo(40, 10);
    expect(m.ghgIntensityTotalLocationBased).toBeCloseTo(150, 10);
    expect(m.intensityUnit).toBe("tCO2e per million EUR");
  });

  test("B6 36: water consumption = withdrawal − discharge (template cell D311)", () => {
    // 5,000 − 3,800 = 1,200 m³
    expect(m.waterConsumption).toBe(1_200);
  });

  test("B7 38(a)–(b): per code recycled + disposal; hazardous by the List of Waste; masses in tonnes", () => {
    // 20 01 01 paper: 18 + 2 = 20 t; 13 02 05* oils (hazardous): 300 + 100 kg = 0.4 t; 15 01 01: 40 + 5 = 45 m³
    expect(m.waste.byCode).toEqual([
      { code: "200101", hazardous: false, totalMass: 20, totalVolume: null },
      { code: "130205", hazardous: true, totalMass: 0.4, totalVolume: null },
      { code: "150101", hazardous: false, totalMass: null, totalVolume: 45 },
    ]);
    // hazardous 0.4 t + non-hazardous 20 t = 20.4 t (taxonomy calculation note on TotalWasteGeneratedMass)
    expect(m.waste).toMatchObject({ hazardousMass: 0.4, nonHazardousMass: 20, totalMass: 20.4, hazardousVolume: null, nonHazardousVolume: 45, totalVolume: 45 });
  });

  test("B7 38(c): material totals: 850 t + 12,000 kg = 862 t; 30 m³", () => {
    expect(m.materials).toEqual({ totalMass: 862, totalVolume: 30 });
  });

  test("C3 54: base and target year totals, and the template's reduction helper", () => {
    // base 2020: S1 150 + S2 LB 90 = 240; MB 150 + 60 = 210; with S3 500: 740 / 710
    // target 2030: 75 + 45 = 120; 75 + 10 = 85; with S3 400: 520 / 485; reduction (1 − 120 ÷ 240) × 100 = 50 %
    expect(m.ghgTargets).toEqual({
      baseYear: { scope1And2LocationBased: 240, scope1And2MarketBased: 210, totalLocationBased: 740, totalMarketBased: 710 },
      targetYear: { scope1And2LocationBased: 120, scope1And2MarketBased: 85, totalLocationBased: 520, totalMarketBased: 485 },
      reductionPercent: { scope1And2LocationBased: 50 },
    });
  });

  test("C5 59 and C9 65: female ÷ male (taxonomy calculation notes)", () => {
    // managers 6 ÷ 8 = 0.75; board 3 ÷ 4 = 0.75
    expect(m.femaleToMaleManagementRatio).toBe(0.75);
    expect(m.boardGenderDiversityRatio).toBe(0.75);
    const noMen = fullReportInput() as any;
    noMen.sections.governanceDiversity = { status: "reported", hasGovernanceBody: true, femaleMembers: 2, maleMembers: 0 };
    expect(computeReportMetrics(ReportInputSchema.parse(noMen)).boardGenderDiversityRatio).toBeNull();
    const ratioOnly = fullReportInput() as any;
    ratioOnly.sections.governanceDiversity = { status: "reported", hasGovernanceBody: true, genderDiversityRatio: 0.5 };
    expect(computeReportMetrics(ReportInputSchema.parse(ratioOnly)).boardGenderDiversityRatio).toBe(0.5);
  });

  test("C8 63(c): fossil fuel revenue = coal + oil + gas (template)", () => {
    // 0 + 2,000 + 1,000 = 3,000 EUR
    expect(m.fossilFuelRevenue).toBe(3_000);
  });

  test("B8 40, B9 41, B10 42 on the full report", () => {
    // turnover rate 24 ÷ ((140 + 160) ÷ 2) × 100 = 16 %; accidents 4 ÷ 256,000 × 200,000 = 3.125;
    // pay gap (20 − 18.5) ÷ 20 × 100 = 7.5 %; coverage 120 ÷ 160 × 100 = 75 %
    expect(m.employeeTurnoverRatePercent).toBeCloseTo(16, 10);
    expect(m.accidentRatePer200kHours).toBeCloseTo(3.125, 10);
    expect(m.genderPayGapPercent).toBeCloseTo(7.5, 10);
    expect(m.collectiveBargainingCoveragePercent).toBeCloseTo(75, 10);
  });
});

describe("helpers of the EFRAG template", () => {
  test("hours worked: 2,000 h × employees by default, editable", () => {
    expect(estimateHoursWorked(42)).toBe(84_000); // the template's 42 employees × 2,000 h
    expect(estimateHoursWorked(42, 1_720)).toBe(72_240);
  });

  test("fuel → MWh: mass × NCV ÷ 3.6; liquids by density (kg/L), gases by density (kg/m³)", () => {
    // 1,000 L diesel × 0.84 kg/L = 0.84 t × 43 GJ/t = 36.12 GJ ÷ 3.6 = 10.0333… MWh
    const diesel = fuelToMwh("gas_diesel_oil", 1_000, "L");
    expect(diesel.ok && diesel.mwh).toBeCloseTo(10.033333, 5);
    // 1,000 m³ natural gas × 0.7 kg/m³ = 0.7 t × 48 GJ/t = 33.6 GJ = 9.333… MWh
    const gas = fuelToMwh("natural_gas", 1_000, "m3");
    expect(gas.ok && gas.mwh).toBeCloseTo(9.333333, 5);
    // 2 t wood × 15.6 GJ/t = 31.2 GJ = 8.666… MWh, renewable by default
    const wood = fuelToMwh("wood_wood_waste", 2, "t");
    expect(wood).toMatchObject({ ok: true, renewable: true });
    expect(wood.ok && wood.mwh).toBeCloseTo(8.666667, 5);
    expect(fuelToMwh("anthracite", 10, "L")).toEqual({ ok: false, message: "Anthracite is solid: enter it in t, kg" });
    expect(fuelToMwh("unobtainium", 1, "t")).toEqual({ ok: false, message: 'Unknown fuel "unobtainium"' });
    const row = fuelsToEnergyBreakdown([
      { fuel: "gas_diesel_oil", quantity: 1_000, unit: "L" },
      { fuel: "wood_wood_waste", quantity: 2, unit: "t" },
    ]);
    expect(row.ok && row.renewable).toBeCloseTo(8.666667, 5);
    expect(row.ok && row.nonRenewable).toBeCloseTo(10.033333, 5);
  });

  test("the converter's factors are the CSV in reference-data (source in SOURCES.md)", () => {
    const csv = readFileSync(new URL("../../reference-data/fuel-conversion-factors.csv", import.meta.url), "utf8").trim().split("\n").slice(1);
    const rows = csv.map((line) => line.split(",") as [string, string, string, string, string, string, string]);
    expect(FUEL_FACTORS.map((f) => [f.key, f.fuel, f.state, f.ncvGjPerTonne, f.density, f.renewable])).toEqual(
      rows.map(([key, fuel, state, ncv, perL, perM3, renewable]) => [key, fuel, state, Number(ncv), perL ? Number(perL) : perM3 ? Number(perM3) : null, renewable === "yes"]),
    );
    expect(FUEL_FACTORS).toHaveLength(50);
  });
});

describe("code lists", () => {
  test("the browser-side waste and pollutant lists are the generated taxonomy lists", async () => {
    const { WASTE_CODE_ROWS, POLLUTANT_ROWS } = await import("../../schemas/generated/vsme-code-lists");
    const { getWasteCode, POLLUTANTS, WASTE_CODE_COUNT } = await import("../../schemas/report/code-lists");
    expect(WASTE_CODE_COUNT).toBe(WASTE_CODE_ROWS.length);
    for (const [code, hazardous] of WASTE_CODE_ROWS) expect(getWasteCode(code)).toEqual({ code, hazardous });
    expect(POLLUTANTS).toEqual(POLLUTANT_ROWS);
  });
});
