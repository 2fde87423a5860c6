import { describe, expect, test } from "bun:test";
import { checkFacts, readInlineXbrl } from "../../server/exchange/check-structure";
import type { Fact, FilingFrame } from "../../server/exchange/facts";
import { serializeCsv } from "../../server/exchange/serialize-csv";
import { serializeInlineXbrl } from "../../server/exchange/serialize-ixbrl";
import { serializeXbrlJson } from "../../server/exchange/serialize-xbrl-json";
import { readTemplate } from "../../server/exchange/template-reader";
import { oimKey, sameValue, sampleFacts, sampleWorkbook } from "./efrag-reference";

const frame: FilingFrame = {
  entityName: "Company XYZ <&> Söhne",
  identifier: { scheme: "http://standards.iso.org/iso/17442", value: "TestCode1234" },
  period: { start: "2026-01-01", end: "2026-12-31" },
  currency: "EUR",
  year: 2026,
};
const duration = { start: "2026-01-01", end: "2026-12-31" };
const instant = { instant: "2026-12-31" };
const turnover: Fact = { concept: "vsme:Turnover", value: "23500", unit: "iso4217:EUR", decimals: 2, period: duration, dimensions: {} };

describe("checkFacts", () => {
  test("a correct set of facts has no problems", () => {
    expect(
      checkFacts([
        turnover,
        { concept: "vsme:NumberOfEmployees", value: "151", unit: "xbrli:pure", decimals: 2, period: instant, dimensions: {} },
        {
          concept: "vsme:EnergyConsumptionFromFuels",
          value: "10.5",
          unit: "utr:MWh",
          period: duration,
          dimensions: { "vsme:BreakdownOfEnergyConsumptionAxis": "vsme:RenewableEnergyMember" },
        },
        { concept: "vsme:CountryOfSite", value: "country:IT", period: instant, dimensions: { "vsme:IdentifierOfSiteTypedAxis": "1" } },
        { concept: "vsme:UndertakingAppliesCircularEconomyPrinciples", value: "false", period: duration, dimensions: {} },
      ]),
    ).toEqual([]);
  });

  test("finds unknown concepts, wrong period types, units, dimensions, members and duplicates", () => {
    const problems = checkFacts([
      { ...turnover, concept: "vsme:TurnOver" },
      { ...turnover, period: instant },
      { ...turnover, unit: "utr:MWh" },
      { ...turnover, unit: undefined },
      { ...turnover, dimensions: { "vsme:BreakdownOfEnergyConsumptionAxis": "vsme:RenewableEnergyMember" } },
      {
        concept: "vsme:EnergyConsumptionFromFuels",
        value: "1",
        unit: "utr:MWh",
        period: duration,
        dimensions: { "vsme:BreakdownOfEnergyConsumptionAxis": "vsme:AlachlorMember" },
      },
      { concept: "vsme:BasisForReporting", value: "vsme:OptionABasicModuleOnlyMember", period: duration, dimensions: {} },
      { concept: "vsme:UndertakingAppliesCircularEconomyPrinciples", value: "no", period: duration, dimensions: {} },
      { ...turnover, value: "1e5" },
      turnover,
      turnover,
    ]);
    expect(problems).toEqual([
      "vsme:TurnOver: not a reportable concept of the VSME taxonomy",
      "vsme:Turnover: the taxonomy wants a duration period",
      "vsme:Turnover: unit utr:MWh is not allowed for xbrli:monetaryItemType",
      "vsme:Turnover: unit (none) is not allowed for xbrli:monetaryItemType",
      `vsme:Turnover [vsme:RenewableEnergyMember]: dimensions {"vsme:BreakdownOfEnergyConsumptionAxis":"vsme:RenewableEnergyMember"} are not in the concept's hypercube`,
      `vsme:EnergyConsumptionFromFuels [vsme:AlachlorMember]: dimensions {"vsme:BreakdownOfEnergyConsumptionAxis":"vsme:AlachlorMember"} are not in the concept's hypercube`,
      "vsme:BasisForReporting: vsme:OptionABasicModuleOnlyMember is not in the concept's domain",
      'vsme:UndertakingAppliesCircularEconomyPrinciples: "no" is not a boolean',
      'vsme:Turnover: "1e5" is not an XBRL decimal',
      "vsme:Turnover: reported twice in the same context",
      "vsme:Turnover: reported twice in the same context",
    ]);
  });
});

describe("readInlineXbrl", () => {
  const document = (resources: string, body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:iso4217="http://www.xbrl.org/2003/iso4217" xmlns:vsme="https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme"><body><ix:header><ix:references><link:schemaRef xlink:type="simple" xlink:href="x.xsd"/></ix:references><ix:resources>${resources}</ix:resources></ix:header>${body}</body></html>`;
  const context = (id: string) =>
    `<xbrli:context id="${id}"><xbrli:entity><xbrli:identifier scheme="s">X</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2026-01-01</xbrli:startDate><xbrli:endDate>2026-12-31</xbrli:endDate></xbrli:period></xbrli:context>`;
  const unit = `<xbrli:unit id="u1"><xbrli:measure>iso4217:EUR</xbrli:measure></xbrli:unit>`;

  test("reports references to missing contexts and units, duplicate ids and unused resources", () => {
    const { problems } = readInlineXbrl(
      document(
        context("c1") + context("c1") + context("c2") + unit,
        `<ix:nonFraction id="f1" name="vsme:Turnover" contextRef="c9" unitRef="u1" decimals="2" format="ixt:num-dot-decimal">1</ix:nonFraction>` +
          `<ix:nonFraction id="f1" name="vsme:Turnover" contextRef="c1" unitRef="u7" decimals="2" format="ixt:num-dot-decimal">1</ix:nonFraction>`,
      ),
    );
    expect(problems).toEqual([
      "context c1 is defined twice",
      "vsme:Turnover: context c9 does not exist",
      "fact id f1 is used twice",
      "vsme:Turnover: unit u7 does not exist",
      "context c2 is not used",
      "unit u1 is not used",
    ]);
  });

  test("refuses a document that is not well-formed XML", () => {
    expect(readInlineXbrl("<html><body><p>unclosed</body></html>").problems[0]).toStartWith("not well-formed XML");
  });
});

describe("exports of EFRAG's sample facts", () => {
  const { facts } = readTemplate(sampleWorkbook());

  test("inline XBRL: well-formed, every context and unit defined once and used, and it reads back to the same facts", () => {
    const xhtml = serializeInlineXbrl({ frame, sections: [], facts });
    const back = readInlineXbrl(xhtml);
    expect(back.problems).toEqual([]);
    expect(checkFacts(back.facts)).toEqual([]);
    const strip = (f: Fact) => ({ concept: f.concept, value: f.value, unit: f.unit, period: f.period, dimensions: f.dimensions });
    expect(back.facts.map(strip).sort(byKey)).toEqual(facts.map(strip).sort(byKey));
    expect(xhtml).toContain("Company XYZ &lt;&amp;&gt; Söhne");
    expect(xhtml).toContain('<link:schemaRef xlink:type="simple" xlink:href="https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme-all.xsd"/>');
    expect(xhtml).toContain('<xbrli:identifier scheme="http://standards.iso.org/iso/17442">TestCode1234</xbrli:identifier>');
    expect(xhtml).toContain("@media print");
    // Only ix attributes on ix elements (Inline XBRL 1.1 schema): no class or style on the tags themselves.
    expect(xhtml.match(/<ix:non(Numeric|Fraction)\b[^>]*>/g)!.filter((tag) => /\s(class|style)=/.test(tag))).toEqual([]);
  });

  test("xBRL-JSON: the same facts as EFRAG's own xBRL-JSON for the workbook", () => {
    const doc = JSON.parse(serializeXbrlJson(frame, facts));
    expect(doc.documentInfo.documentType).toBe("https://xbrl.org/2021/xbrl-json");
    expect(doc.documentInfo.taxonomy).toEqual(["https://xbrl.efrag.org/taxonomy/vsme/2026-05-01/vsme-all.xsd"]);
    const ours = new Map(Object.values(doc.facts as Record<string, { value: string; dimensions: Record<string, string> }>).map((f) => [oimKey(f), f]));
    for (const fact of sampleFacts()) {
      expect(ours.has(oimKey(fact))).toBe(true);
      expect(sameValue(ours.get(oimKey(fact))!.value, fact.value)).toBe(true);
    }
  });

  test("CSV: one row per fact, UTF-8 with a byte-order mark, plain decimals", () => {
    const csv = serializeCsv(facts);
    expect(csv.startsWith("\uFEFFdisclosure,concept,label,value,")).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows.length).toBe(facts.length + 1);
    const header = rows[0]!;
    const column = (row: string[], name: string) => row[header.indexOf(name)];
    const fuels = rows.find(
      (r) => column(r, "concept") === "vsme:EnergyConsumptionFromFuels" && column(r, "dimensions") === "vsme:BreakdownOfEnergyConsumptionAxis=vsme:RenewableEnergyMember",
    )!;
    expect([column(fuels, "value"), column(fuels, "unit"), column(fuels, "decimals"), column(fuels, "period_start"), column(fuels, "period_end")]).toEqual([
      "6.3750051",
      "utr:MWh",
      "2",
      "2026-01-01",
      "2026-12-31",
    ]);
    const text = rows.find((r) => column(r, "concept") === "vsme:DescriptionOfHowCircularEconomyPrinciplesAreApplied")!;
    expect(column(text, "value")).toBe(facts.find((f) => f.concept === "vsme:DescriptionOfHowCircularEconomyPrinciplesAreApplied")!.value);
  });
});

function byKey(a: Pick<Fact, "concept" | "period" | "dimensions">, b: Pick<Fact, "concept" | "period" | "dimensions">) {
  const k = (f: typeof a) => `${f.concept}|${JSON.stringify(f.period)}|${JSON.stringify(Object.entries(f.dimensions).sort())}`;
  return k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0;
}

/** RFC 4180 reader, enough for the export's own CSV. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}
