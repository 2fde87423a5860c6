import { describe, expect, test } from "bun:test";
import { catalogueEntries, DISCLOSURES } from "../../schemas/report/catalogue";
import type { DisclosureSpec } from "../../schemas/report/catalogue-types";
import { checkFacts, readInlineXbrl } from "../../server/exchange/check-structure";
import type { Fact } from "../../server/exchange/facts";
import { reportFacts } from "../../server/exchange/report-facts";
import { serializeInlineXbrl } from "../../server/exchange/serialize-ixbrl";
import { developmentSampleReport, fullReport } from "./catalogue-reports";

const strip = (f: Fact) => ({ concept: f.concept, value: f.value, unit: f.unit, period: f.period, dimensions: f.dimensions });
const key = (f: Pick<Fact, "concept" | "period" | "dimensions">) =>
  `${f.concept}|${JSON.stringify(f.period)}|${JSON.stringify(Object.entries(f.dimensions).sort())}`;
const sorted = (facts: Fact[]) => facts.map(strip).sort((a, b) => (key(a) < key(b) ? -1 : 1));

function exportChecked(result: ReturnType<typeof reportFacts>) {
  expect(checkFacts(result.facts)).toEqual([]);
  const xhtml = serializeInlineXbrl(result);
  const back = readInlineXbrl(xhtml);
  expect(back.problems).toEqual([]);
  expect(sorted(back.facts)).toEqual(sorted(result.facts));
  return xhtml;
}

describe("report export", () => {
  test("a report with every datapoint filled tags every catalogue concept, without a structure error", () => {
    const result = reportFacts(fullReport());
    exportChecked(result);
    const exported = new Set(result.facts.map((f) => f.concept));
    const expected = catalogueEntries(DISCLOSURES)
      .filter((e) => e.field.xbrl && e.field.key !== "omittedDisclosures")
      .map((e) => `vsme:${e.field.xbrl!.concept}`);
    expect(expected.filter((c) => !exported.has(c))).toEqual([]);
  });

  test("the development sample report exports without a structure error, with the right units, periods and members", () => {
    const result = reportFacts(developmentSampleReport());
    const xhtml = exportChecked(result);
    const fact = (concept: string, dims: Record<string, string> = {}) =>
      result.facts.find((f) => f.concept === concept && JSON.stringify(f.dimensions) === JSON.stringify(dims));
    expect(fact("vsme:Turnover")).toMatchObject({ value: "2500000", unit: "iso4217:EUR", period: { start: "2024-01-01", end: "2024-12-31" } });
    expect(fact("vsme:NumberOfEmployees")).toMatchObject({ value: "60", unit: "xbrli:pure", period: { instant: "2024-12-31" } });
    expect(fact("vsme:EnergyConsumptionFromElectricity", { "vsme:BreakdownOfEnergyConsumptionAxis": "vsme:RenewableEnergyMember" })?.unit).toBe("utr:MWh");
    expect(fact("vsme:BasisForPreparation")?.value).toBe("vsme:OptionABasicModuleOnlyMember");
    expect(fact("vsme:NaceSectorClassificationCodes")?.value).toBe("nace:NACE_C1071");
    expect(fact("vsme:CountryOfSite", { "vsme:IdentifierOfSiteTypedAxis": "2" })?.value).toBe("country:AT");
    expect(fact("vsme:NumberOfEmployeesForCountryOfEmploymentContract", { "vsme:CountryOfEmploymentContractAxis": "country:DE" })).toBeDefined();
    // 12.5 % is tagged as the fraction 0.125; intensities per currency unit.
    const intensity = fact("vsme:Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased")!;
    expect(intensity.unit).toBe("utr:tCO2e/iso4217:EUR");
    expect(Number(intensity.value)).toBeCloseTo(120 / 2_500_000, 12);
    expect(xhtml).toContain("B3 – Energy and greenhouse gas emissions");
    expect(xhtml).toContain('<span style="-ix-hidden:');
  });

  test("the previous year's values are comparatives in their own contexts", () => {
    const result = reportFacts(developmentSampleReport(1), { previous: developmentSampleReport(0) });
    exportChecked(result);
    const turnovers = result.facts.filter((f) => f.concept === "vsme:Turnover");
    expect(turnovers.map((f) => [f.value, f.period, f.comparative === true])).toEqual([
      ["2500000", { start: "2024-01-01", end: "2024-12-31" }, false],
      ["2300000", { start: "2023-01-01", end: "2023-12-31" }, true],
    ]);
    const xhtml = serializeInlineXbrl(result);
    expect(xhtml).toMatch(/<th class="num">2024<\/th><th class="num">2023<\/th>/);
  });

  test("omitted (24(b)) disclosures are left untagged and the omission is stated", () => {
    const report = developmentSampleReport();
    const basis = report.sections.basisForPreparation!;
    if (basis.status !== "reported") throw new Error("sample B1 must be reported");
    const omitting = { ...report, sections: { ...report.sections, basisForPreparation: { ...basis, omittedDisclosures: ["B3" as const] } } };
    const result = reportFacts(omitting);
    const xhtml = exportChecked(result);
    expect(result.facts.filter((f) => f.disclosure === "B3")).toEqual([]);
    expect(result.facts.find((f) => f.concept === "vsme:ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation")?.value).toBe(
      // The disclosure and its parts, as EFRAG's template lists them when B3 is ticked.
      "vsme:B3-EnergyAndGreenhouseGasEmissionsMember vsme:B3BreakdownOfEnergyConsumptionInMWhMember " +
        "vsme:B3EstimatedGreenhouseGasEmissionsConsideringTheGHGProtocolVersion2004InTCO2eMember " +
        "vsme:B3GreenhouseGasEmissionIntensityPerTurnoverMember vsme:B3TotalEnergyConsumptionInMWhMember",
    );
    expect(xhtml).toContain("B3 is omitted as classified or sensitive information (VSME para 24(b)).");
    expect(xhtml).not.toContain('name="vsme:TotalEnergyConsumption"');
  });

  test("a 'no' answer is exported as a fact: boolean datapoints and applicability questions with a concept", () => {
    const report = developmentSampleReport();
    const remuneration = report.sections.remuneration!;
    if (remuneration.status !== "reported") throw new Error("sample B10 must be reported");
    const no = { ...report, sections: { ...report.sections, remuneration: { ...remuneration, employeesReceivePayEqualOrAboveMinimumWage: false } } };
    const wage = reportFacts(no).facts.find((f) => f.concept === "vsme:EmployeesReceivePayEqualOrAboveMinimumWageDeterminedByNationalLawOrCollectiveAgreement");
    expect(wage?.value).toBe("false");
    expect(serializeInlineXbrl(reportFacts(no))).toContain('format="ixt:fixed-false">No</ix:nonNumeric>');

    // An applicability question backed by a concept: the "no" (a section declared not applicable) is tagged.
    const b11 = DISCLOSURES.find((d) => d.code === "B11")!;
    const withQuestion: DisclosureSpec = {
      ...b11,
      applicability: {
        field: "hadConvictionsOrFines",
        question: "Was the undertaking convicted or fined for corruption or bribery?",
        xbrl: { concept: "UndertakingHasConfirmedHumanRightsIncidentsInItsOwnWorkforce" },
      },
    };
    const notApplicable = { ...report, sections: { ...report.sections, businessConduct: { status: "not_applicable" as const, reason: "No convictions" } } };
    const result = reportFacts(notApplicable, { disclosures: DISCLOSURES.map((d) => (d.code === "B11" ? withQuestion : d)) });
    exportChecked(result);
    expect(result.facts.find((f) => f.disclosure === "B11")).toMatchObject({
      concept: "vsme:UndertakingHasConfirmedHumanRightsIncidentsInItsOwnWorkforce",
      value: "false",
    });
    expect(serializeInlineXbrl(result)).toContain("Not applicable: No convictions");
  });
});
