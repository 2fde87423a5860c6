import { describe, expect, test } from "bun:test";
import type { DisclosureSpec } from "../../schemas/report/catalogue-types";
import { placeFacts } from "../../server/exchange/facts-to-report";
import type { Fact } from "../../server/exchange/facts";

const duration = { start: "2026-01-01", end: "2026-12-31" };
const instant = { instant: "2026-12-31" };

/** A disclosure shaped like the ones the catalogue grows: a typed table whose rows carry their own id, and a set. */
const sitesDisclosure: DisclosureSpec = {
  code: "B1",
  title: "Basis for preparation",
  module: "basic",
  section: "basisForPreparation",
  pillar: "general",
  paragraphs: "24",
  fields: [
    {
      key: "sites",
      label: "Sites",
      paragraph: "24(e)(vii)",
      kind: "table",
      requirement: "always",
      rowAxis: { axis: "vsme:IdentifierOfSiteTypedAxis", typed: true, idColumn: "id" },
      columns: [
        { key: "id", label: "Site id", paragraph: "24", kind: "text", requirement: "always" },
        { key: "city", label: "City", paragraph: "24", kind: "text", requirement: "always", xbrl: { concept: "CityOfSite" } },
      ],
    },
    {
      key: "omitted",
      label: "Omitted disclosures",
      paragraph: "24(b)",
      kind: "enum",
      requirement: "may",
      xbrl: { concept: "ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation", transform: "enum" },
    },
  ],
};

describe("placing facts into a report", () => {
  test("typed rows keep their identifiers in the row's id column, in numeric order", () => {
    const city = (id: string, value: string): Fact => ({
      concept: "vsme:CityOfSite",
      value,
      period: instant,
      dimensions: { "vsme:IdentifierOfSiteTypedAxis": id },
    });
    const placed = placeFacts([city("10", "Milan"), city("2", "Turin")], { disclosures: [sitesDisclosure] });
    expect((placed.report.sections as Record<string, { sites: unknown }>).basisForPreparation!.sites).toEqual([
      { id: "2", city: "Turin" },
      { id: "10", city: "Milan" },
    ]);
  });

  test("a set concept becomes a list even where the field's kind holds one value", () => {
    const placed = placeFacts(
      [
        {
          concept: "vsme:ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation",
          value: "vsme:B6-WaterMember vsme:B6WaterWithdrawalMember",
          period: instant,
          dimensions: {},
        },
      ],
      { disclosures: [sitesDisclosure] },
    );
    expect((placed.report.sections as Record<string, { omitted: unknown }>).basisForPreparation!.omitted).toEqual(["B6"]);
    expect(placed.notPlaced).toEqual([]);
  });

  test("facts no field holds are returned with the reason", () => {
    const placed = placeFacts([{ concept: "vsme:TotalUseOfLand", value: "5", unit: "utr:ha", period: duration, dimensions: {} }], {
      disclosures: [sitesDisclosure],
    });
    expect(placed.notPlaced.map((n) => n.reason)).toEqual(['VSME Guru has no field for "Total use of land" yet']);
  });
});
