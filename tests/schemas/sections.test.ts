import { describe, expect, test } from "bun:test";
import { REPORT_SECTION_SCHEMAS, ReportInputSchema } from "../../schemas";
import { completeReport, errorsOf } from "./fixtures";

const S = REPORT_SECTION_SCHEMAS;
// Loosely typed on purpose: tests corrupt valid sections into invalid ones.
const sectionOf = (key: keyof typeof S): any => (completeReport().sections as Record<string, unknown>)[key];

describe("every section", () => {
  test("may be not applicable with a reason, but not without one", () => {
    for (const key of ["energyAndEmissions", "workforce", "healthAndSafety", "remuneration", "businessConduct"] as const) {
      expect(S[key].safeParse({ status: "not_applicable", reason: "No employees in the period" }).success).toBe(true);
      expect(errorsOf(S[key], { status: "not_applicable", reason: "  " })).toEqual({
        reason: ["Explain why this section is not applicable"],
      });
      expect(errorsOf(S[key], { status: "not_applicable", reason: "x", numberOfEmployees: 3 })).toEqual({
        "": ["Unknown field(s) not allowed: numberOfEmployees"],
      });
      expect(errorsOf(S[key], { status: "maybe" })).toEqual({
        status: ['Choose whether this section is "reported" or "not_applicable"'],
      });
    }
  });

  test("B1 basis for preparation is always reported", () => {
    expect(S.basisForPreparation.safeParse({ status: "not_applicable", reason: "x" }).success).toBe(false);
  });
});

describe("B1 basis for preparation", () => {
  test("a consolidated report lists its subsidiaries; an individual one does not", () => {
    expect(errorsOf(S.basisForPreparation, { status: "reported", basisForReporting: "consolidated" })).toEqual({
      subsidiaries: ["List the subsidiaries included in the consolidated report"],
    });
    const subsidiaries = [{ name: "Muster Logistik GmbH", registeredAddress: "Hauptstr. 1, 10115 Berlin" }];
    expect(S.basisForPreparation.safeParse({ status: "reported", basisForReporting: "consolidated", subsidiaries }).success).toBe(true);
    expect(errorsOf(S.basisForPreparation, { status: "reported", basisForReporting: "individual", subsidiaries })).toEqual({
      subsidiaries: ["Subsidiaries are only listed when reporting on a consolidated basis"],
    });
  });

  test("omitted and unchanged disclosures", () => {
    expect(
      errorsOf(S.basisForPreparation, { status: "reported", omittedDisclosures: ["B11", "B11", "B1"], unchangedDisclosures: ["B2"] }),
    ).toEqual({
      "omittedDisclosures.1": ["B11 is listed twice in the omitted disclosures"],
      omittedDisclosures: [
        "B1 (basis for preparation) can't be omitted as a whole; omit only the part that is sensitive (e.g. the list of sites)",
      ],
      linkToPreviousReport: ["Give the link to the previous report that contains the unchanged disclosures"],
    });
    // 2026-05-01 members: a part of a disclosure (only the site list), never a part already covered by its whole.
    expect(errorsOf(S.basisForPreparation, { status: "reported", omittedDisclosures: ["B1.sites", "B8.turnoverRate", "D99.social"] })).toEqual({});
    expect(errorsOf(S.basisForPreparation, { status: "reported", omittedDisclosures: ["B6", "B6.withdrawal"] })).toEqual({
      "omittedDisclosures.1": ["B6.withdrawal is already part of B6"],
    });
    expect(errorsOf(S.basisForPreparation, { status: "reported", omittedDisclosures: ["B1.gps"] })).toEqual({
      "omittedDisclosures.0": ["Choose a VSME disclosure or part of one (e.g. B3, B1.sites)"],
    });
    // Para 16's flag and list agree.
    expect(errorsOf(S.basisForPreparation, { status: "reported", containsUnchangedDisclosures: false, unchangedDisclosures: ["B2"], linkToPreviousReport: "https://example.com/2023" })).toEqual({
      containsUnchangedDisclosures: ["You listed unchanged disclosures: answer yes, or remove them from the list"],
    });
    expect(errorsOf(S.basisForPreparation, { status: "reported", containsUnchangedDisclosures: true })).toEqual({
      unchangedDisclosures: ["List the disclosures that remain unchanged since the previous report"],
    });
    expect(errorsOf(S.basisForPreparation, { status: "reported", linkToPreviousReport: "javascript:alert(1)" })).toEqual({
      linkToPreviousReport: ["Enter a web address starting with https://"],
    });
  });
});

describe("B3 energy and emissions", () => {
  test("the breakdown may not exceed the total; a total with district heating (no row of its own) is accepted", () => {
    const section = sectionOf("energyAndEmissions");
    section.energy.totalEnergyConsumption = 520; // 500 MWh of rows + 20 MWh district heating (template: Σ ≤ total)
    expect(errorsOf(S.energyAndEmissions, section)).toEqual({});
    section.energy.totalEnergyConsumption = 180;
    expect(errorsOf(S.energyAndEmissions, section)).toEqual({
      "energy.breakdown": [
        "Energy from electricity (250), energy from self-generated electricity (50) and energy from fuels (200) add up to 500 MWh, more than the total energy consumption of 180 MWh.",
      ],
    });
  });

  test("decimal MWh that add up only with floating-point noise are accepted", () => {
    const section = {
      status: "reported",
      energy: { totalEnergyConsumption: 0.3, breakdown: { electricity: { renewable: 0.1, nonRenewable: 0.2 } } },
    };
    expect(errorsOf(S.energyAndEmissions, section)).toEqual({});
  });

  test("electricity + fuels is a valid total when the self-generated electricity was made from those fuels", () => {
    // B3 para 29's table has electricity and fuels rows only: a gas CHP's electricity is already in the fuels.
    const chp = {
      status: "reported",
      energy: {
        totalEnergyConsumption: 450,
        breakdown: {
          electricity: { renewable: 150, nonRenewable: 100 },
          selfGeneratedElectricity: { nonRenewable: 60 },
          fuels: { nonRenewable: 200 },
        },
      },
    };
    expect(errorsOf(S.energyAndEmissions, chp)).toEqual({});
    chp.energy.totalEnergyConsumption = 440; // below even electricity + fuels
    expect(errorsOf(S.energyAndEmissions, chp)).toEqual({
      "energy.breakdown": [
        "Energy from electricity (250), energy from self-generated electricity (60) and energy from fuels (200) add up to 510 MWh, more than the total energy consumption of 440 MWh.",
      ],
    });
  });

  test("a breakdown without the fuels row yet saves below the total, and is refused above it", () => {
    const draft = { status: "reported", energy: { totalEnergyConsumption: 500, breakdown: { electricity: { renewable: 150, nonRenewable: 100 } } } };
    expect(errorsOf(S.energyAndEmissions, draft)).toEqual({});
    draft.energy.breakdown.electricity.nonRenewable = 400;
    expect(errorsOf(S.energyAndEmissions, draft)).toEqual({
      "energy.breakdown": ["Energy from electricity (550) add up to 550 MWh, more than the total energy consumption of 500 MWh."],
    });
  });

  test("Scope 3 categories may be partial (Σ ≤ total) but never exceed the Scope 3 total", () => {
    const section = sectionOf("energyAndEmissions");
    section.ghg.grossScope3.categories.businessTravel = 20; // 260 of 300 known by category
    expect(errorsOf(S.energyAndEmissions, section)).toEqual({});
    section.ghg.grossScope3.categories.businessTravel = 65;
    expect(errorsOf(S.energyAndEmissions, section)).toEqual({
      "ghg.grossScope3.categories": [
        "Scope 3 category 1 (200), category 6 (65) and category 7 (40) add up to 305 tCO2e, more than the total Scope 3 of 300 tCO2e.",
      ],
    });
  });

  test("a 'no' to a trigger question can't come with the data it switches off", () => {
    const section = sectionOf("energyAndEmissions");
    section.energy.hasBreakdown = false;
    section.ghg.hasScope3 = false;
    expect(errorsOf(S.energyAndEmissions, section)).toEqual({
      "energy.hasBreakdown": ["You answered that no breakdown is available: remove the breakdown, or answer yes"],
      "ghg.hasScope3": ["You answered that Scope 3 is not disclosed: remove the Scope 3 figures, or answer yes"],
    });
  });

  test("negative emissions, unknown categories and unknown methods are refused where they are", () => {
    const section = sectionOf("energyAndEmissions");
    section.ghg.grossScope1.value = -5;
    section.ghg.grossScope1.dataCollectionMethod = "guessed";
    section.ghg.grossScope3.categories.category16 = 1;
    expect(errorsOf(S.energyAndEmissions, section)).toEqual({
      "ghg.grossScope1.value": ["Can't be negative"],
      "ghg.grossScope1.dataCollectionMethod": ["Choose measured, calculated or estimated"],
      "ghg.grossScope3.categories": ["Unknown field(s) not allowed: category16"],
    });
  });
});

describe("B8 workforce", () => {
  test("contract, gender, country and working-time breakdowns each add up to the total", () => {
    const section = sectionOf("workforce");
    section.byContract.temporary = 12;
    section.byGender.female = 27;
    section.byCountry[1].numberOfEmployees = 14;
    section.byWorkingTime.partTime = 13;
    expect(errorsOf(S.workforce, section)).toEqual({
      byContract: ["Permanent (50) and temporary (12) add up to 62, but the total number of employees is 60."],
      byGender: [
        "Male (30), female (27), other (1) and not reported (1) add up to 59, but the total number of employees is 60.",
      ],
      byCountry: ["DE (45) and FR (14) add up to 59, but the total number of employees is 60."],
      byWorkingTime: ["Full-time (48) and part-time (13) add up to 61, but the total number of employees is 60."],
    });
  });

  test("missing gender categories count as zero", () => {
    const section = sectionOf("workforce");
    section.byGender = { male: 31, female: 29 };
    expect(errorsOf(S.workforce, section)).toEqual({});
  });

  test("head counts are whole numbers; FTE may have decimals", () => {
    const section = sectionOf("workforce");
    section.numberOfEmployees = 59.5;
    section.byContract = { permanent: 49.5, temporary: 10 };
    section.byGender = undefined;
    section.byCountry = undefined;
    section.byWorkingTime = undefined;
    expect(errorsOf(S.workforce, section)).toEqual({
      numberOfEmployees: ["A head count is a whole number (use FTE as the counting basis for fractions)"],
      "byContract.permanent": ["A head count is a whole number (use FTE as the counting basis for fractions)"],
    });
    expect(errorsOf(S.workforce, { ...section, typeOfNumberOfEmployees: "fte" })).toEqual({});
  });

  test("a country appears once", () => {
    const section = sectionOf("workforce");
    section.byCountry = [
      { country: "DE", numberOfEmployees: 30 },
      { country: "DE", numberOfEmployees: 30 },
    ];
    expect(errorsOf(S.workforce, section)).toEqual({ "byCountry.1.country": ["DE is listed twice"] });
  });
});

describe("B9 health and safety", () => {
  test("accidents need hours worked", () => {
    const section = { ...sectionOf("healthAndSafety"), totalHoursWorked: 0 };
    expect(errorsOf(S.healthAndSafety, section)).toEqual({
      totalHoursWorked: ["Hours worked can't be 0 when recordable accidents happened"],
    });
  });

  test("fatalities: the optional split adds up to the number of fatalities", () => {
    const section = { ...sectionOf("healthAndSafety"), numberOfFatalities: 3, fatalitiesBreakdown: { workRelatedInjuries: 2, workRelatedIllHealth: 0 } };
    expect(errorsOf(S.healthAndSafety, section)).toEqual({
      fatalitiesBreakdown: [
        "Deaths from work-related injuries (2) and deaths from work-related ill health (0) add up to 2, but the number of fatalities is 3.",
      ],
    });
  });

  test("fatalities are not capped by the accident count (B9 41(a) and 41(b) are separate counts)", () => {
    // One explosion, two employees killed: one recordable accident, two deaths from a work-related injury.
    const oneAccidentTwoDeaths = {
      status: "reported",
      numberOfRecordableWorkRelatedAccidents: 1,
      totalHoursWorked: 40_000,
      numberOfFatalities: 2,
      fatalitiesBreakdown: { workRelatedInjuries: 2, workRelatedIllHealth: 0 },
    };
    expect(errorsOf(S.healthAndSafety, oneAccidentTwoDeaths)).toEqual({});
    // A death from occupational ill health with no accident in the period.
    const illHealthOnly = { status: "reported", numberOfRecordableWorkRelatedAccidents: 0, numberOfFatalities: 1 };
    expect(errorsOf(S.healthAndSafety, illHealthOnly)).toEqual({});
  });

  test("accident counts are whole numbers", () => {
    expect(errorsOf(S.healthAndSafety, { status: "reported", numberOfRecordableWorkRelatedAccidents: 1.5 })).toEqual({
      numberOfRecordableWorkRelatedAccidents: ["Enter a whole number"],
    });
  });
});

describe("B10 remuneration", () => {
  test("collective bargaining: a number or a percentage, not both; the percentage is 0–100", () => {
    const section = { ...sectionOf("remuneration"), percentageCoveredByCollectiveBargaining: 75 };
    expect(errorsOf(S.remuneration, section)).toEqual({
      percentageCoveredByCollectiveBargaining: [
        "Give either the number of employees covered by collective agreements or the percentage, not both",
      ],
    });
    const { employeesCoveredByCollectiveBargaining: _, ...percentOnly } = section;
    expect(errorsOf(S.remuneration, percentOnly)).toEqual({});
    expect(errorsOf(S.remuneration, { ...percentOnly, percentageCoveredByCollectiveBargaining: 120 })).toEqual({
      percentageCoveredByCollectiveBargaining: ["Enter a percentage between 0 and 100"],
    });
  });

  test("hourly pay is positive, training hours fit in a year, minimum wage is yes/no", () => {
    const section = sectionOf("remuneration");
    section.averageGrossHourlyPay.male = 0;
    section.averageAnnualTrainingHours.female = 9000;
    section.employeesReceivePayEqualOrAboveMinimumWage = "yes";
    expect(errorsOf(S.remuneration, section)).toEqual({
      "averageGrossHourlyPay.male": ["Enter an hourly pay greater than 0"],
      "averageAnnualTrainingHours.female": ["That is more hours than a year has"],
      employeesReceivePayEqualOrAboveMinimumWage: ["Answer yes or no"],
    });
  });

  test("more employees covered than employed is caught at report level, on the covered field", () => {
    const report = completeReport() as any;
    report.sections.remuneration.employeesCoveredByCollectiveBargaining = 61;
    expect(errorsOf(ReportInputSchema, report)).toEqual({
      "sections.remuneration.employeesCoveredByCollectiveBargaining": [
        "More employees covered by collective agreements (61) than employees in total (60)",
      ],
    });
  });
});

describe("B11 business conduct", () => {
  test("convictions are counted, fines are non-negative, other fines need a description", () => {
    const section = sectionOf("businessConduct");
    section.numberOfConvictionsForCorruptionAndBribery = -1;
    section.amountOfFinesForCorruptionAndBribery = -100;
    section.otherFinesAndPenalties = [{ description: "", amount: 10 }, { amount: 5 }];
    expect(errorsOf(S.businessConduct, section)).toEqual({
      numberOfConvictionsForCorruptionAndBribery: ["Can't be negative"],
      amountOfFinesForCorruptionAndBribery: ["Can't be negative"],
      "otherFinesAndPenalties.0.description": ["This can't be empty"],
      "otherFinesAndPenalties.1.description": ["Enter some text"],
    });
  });
});
