/**
 * Inline XBRL 1.1 (XHTML) of a report: a readable document in the standard's order whose figures are tagged
 * against the VSME taxonomy. Enumerations are tagged in the hidden header (their value is a member URI) and shown
 * as labels; every other fact is tagged where it is shown. Prints on A4 with one disclosure per page.
 */
import { contextKey, isInstant, type Fact, type FilingFrame } from "./facts";
import { conceptLabel, dimensionsText, memberText } from "./labels";
import { ENTRY_POINT, NAMESPACES, TYPED_DIMENSION_ELEMENT, concept } from "./taxonomy";
import { escapeXml } from "./xml-text";

export interface DocumentSection {
  code: string;
  title: string;
  /** Plain-text statements shown under the heading, e.g. the 24(b) omissions of this disclosure. */
  notes?: readonly string[];
}

export interface InlineDocument {
  frame: FilingFrame;
  /** Disclosures in the standard's order; facts are shown under the one their `disclosure` names. */
  sections: readonly DocumentSection[];
  facts: readonly Fact[];
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1b1f24;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:2px solid #2f6f4f;padding-bottom:.2rem;margin-top:2rem}
.frame{color:#4a5560;margin:0 0 1.5rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}th:first-child{width:38%}th:nth-child(2){width:20%}th,td{border-bottom:1px solid #d5dbe0;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}th.num{text-align:right}
.text{white-space:pre-wrap}.note{background:#f4f6f8;border-left:4px solid #8a97a3;padding:.4rem .7rem;margin:.6rem 0}
.empty{color:#6b7580;font-style:italic}
@page{size:A4;margin:18mm 16mm}
@media print{body{margin:0;max-width:none;font-size:10pt}section.disclosure{break-before:page;page-break-before:always}section.disclosure:first-of-type{break-before:auto;page-break-before:auto}tr{break-inside:avoid;page-break-inside:avoid}}
`;

const IXT = "http://www.xbrl.org/inlineXBRL/transformation/2020-02-12";
const FIXED_FORMATS = { true: "ixt:fixed-true", false: "ixt:fixed-false" } as const;

/** Member QName → its URI form (`namespace#localName`), the value an enumeration fact holds. */
function memberUri(qname: string): string {
  const [prefix, local] = qname.split(":");
  const ns = NAMESPACES[prefix!];
  return ns ? `${ns}#${local}` : qname;
}

function unitXml(id: string, unit: string): string {
  const [num, den] = unit.split("/");
  if (den === undefined) return `<xbrli:unit id="${id}"><xbrli:measure>${escapeXml(num!)}</xbrli:measure></xbrli:unit>`;
  return `<xbrli:unit id="${id}"><xbrli:divide><xbrli:unitNumerator><xbrli:measure>${escapeXml(num!)}</xbrli:measure></xbrli:unitNumerator><xbrli:unitDenominator><xbrli:measure>${escapeXml(den)}</xbrli:measure></xbrli:unitDenominator></xbrli:divide></xbrli:unit>`;
}

function contextXml(id: string, fact: Fact, frame: FilingFrame): string {
  const period = isInstant(fact.period)
    ? `<xbrli:instant>${fact.period.instant}</xbrli:instant>`
    : `<xbrli:startDate>${fact.period.start}</xbrli:startDate><xbrli:endDate>${fact.period.end}</xbrli:endDate>`;
  const members = Object.entries(fact.dimensions)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([axis, member]) =>
      concept(axis)?.axis === "typed"
        ? `<xbrldi:typedMember dimension="${escapeXml(axis)}"><${TYPED_DIMENSION_ELEMENT}>${escapeXml(member)}</${TYPED_DIMENSION_ELEMENT}></xbrldi:typedMember>`
        : `<xbrldi:explicitMember dimension="${escapeXml(axis)}">${escapeXml(member)}</xbrldi:explicitMember>`,
    )
    .join("");
  return (
    `<xbrli:context id="${id}"><xbrli:entity><xbrli:identifier scheme="${escapeXml(frame.identifier.scheme)}">` +
    `${escapeXml(frame.identifier.value)}</xbrli:identifier></xbrli:entity><xbrli:period>${period}</xbrli:period>` +
    (members ? `<xbrli:scenario>${members}</xbrli:scenario>` : "") +
    `</xbrli:context>`
  );
}

const displayNumber = new Intl.NumberFormat("en-US", { maximumFractionDigits: 20, useGrouping: true });

/** What the reader sees for a plain decimal: grouped digits, sign outside the tag. */
function shownNumber(value: string): { sign: boolean; text: string } {
  const negative = value.startsWith("-");
  const digits = negative ? value.slice(1) : value;
  const [int, frac] = digits.split(".");
  const grouped = displayNumber.format(BigInt(int!)) + (frac ? `.${frac}` : "");
  return { sign: negative, text: grouped };
}

const UNIT_TEXT: Record<string, string> = {
  "utr:MWh": "MWh",
  "utr:tCO2e": "tCO2e",
  "utr:t": "t",
  "utr:kg": "kg",
  "utr:m3": "m³",
  "utr:sqm": "m²",
  "utr:ha": "ha",
  "xbrli:pure": "",
};
function unitText(unit: string | undefined, dataType: string | undefined): string {
  if (!unit) return "";
  if (dataType === "dtr-types:percentItemType") return "(fraction: 0.25 = 25 %)";
  const [num, den] = unit.split("/");
  const part = (m: string) => UNIT_TEXT[m] ?? m.replace(/^[a-z0-9]+:/, "");
  return den ? `${part(num!)} per ${part(den)}` : part(num!);
}

export function serializeInlineXbrl(doc: InlineDocument): string {
  const contexts = new Map<string, string>();
  const contextXmls: string[] = [];
  const units = new Map<string, string>();
  const unitXmls: string[] = [];
  const contextOf = (fact: Fact) => {
    const key = contextKey(fact);
    let id = contexts.get(key);
    if (!id) {
      id = `c${contexts.size + 1}`;
      contexts.set(key, id);
      contextXmls.push(contextXml(id, fact, doc.frame));
    }
    return id;
  };
  const unitOf = (unit: string) => {
    let id = units.get(unit);
    if (!id) {
      id = `u${units.size + 1}`;
      units.set(unit, id);
      unitXmls.push(unitXml(id, unit));
    }
    return id;
  };

  const hidden: string[] = [];
  let factNumber = 0;
  /** The tagged (or, for enumerations, hidden-tagged) presentation of one fact. */
  const tagged = (fact: Fact): string => {
    const id = `f${++factNumber}`;
    const c = concept(fact.concept);
    const contextRef = contextOf(fact);
    const name = escapeXml(fact.concept);
    if (c?.numeric) {
      const { sign, text } = shownNumber(fact.value);
      const unitRef = unitOf(fact.unit ?? "xbrli:pure");
      const decimals = fact.decimals === undefined ? "INF" : String(fact.decimals);
      return (
        (sign ? "-" : "") +
        `<ix:nonFraction id="${id}" name="${name}" contextRef="${contextRef}" unitRef="${unitRef}" decimals="${decimals}"` +
        `${sign ? ' sign="-"' : ""} format="ixt:num-dot-decimal">${text}</ix:nonFraction>` +
        (fact.unit ? ` <span class="unit">${escapeXml(unitText(fact.unit, c.dataType))}</span>` : "")
      );
    }
    if (c?.baseType === "xbrli:booleanItemType") {
      const yes = fact.value === "true";
      return `<ix:nonNumeric id="${id}" name="${name}" contextRef="${contextRef}" format="${yes ? FIXED_FORMATS.true : FIXED_FORMATS.false}">${yes ? "Yes" : "No"}</ix:nonNumeric>`;
    }
    if (c?.domain) {
      const uris = fact.value.split(/\s+/).filter(Boolean).map(memberUri).join(" ");
      hidden.push(`<ix:nonNumeric id="${id}" name="${name}" contextRef="${contextRef}">${escapeXml(uris)}</ix:nonNumeric>`);
      const shown = fact.value.split(/\s+/).filter(Boolean).map(memberText).join(", ");
      return `<span style="-ix-hidden:${id}">${escapeXml(shown)}</span>`;
    }
    const escape = c?.dataType === "dtr-types:textBlockItemType" ? ' escape="true"' : "";
    // Inline XBRL allows no un-namespaced attributes (such as class) on ix elements: the styling sits on a span.
    return `<span class="text"><ix:nonNumeric id="${id}" name="${name}" contextRef="${contextRef}"${escape}>${escapeXml(fact.value)}</ix:nonNumeric></span>`;
  };

  const previousYear = doc.frame.year - 1;
  const hasComparatives = doc.facts.some((f) => f.comparative);
  const byDisclosure = new Map<string, Fact[]>();
  for (const fact of doc.facts) {
    const key = fact.disclosure ?? "";
    const list = byDisclosure.get(key);
    if (list) list.push(fact);
    else byDisclosure.set(key, [fact]);
  }

  const sectionHtml: string[] = [];
  const sections = [...doc.sections];
  if (byDisclosure.has("")) sections.push({ code: "", title: "Other information" });
  for (const section of sections) {
    const facts = byDisclosure.get(section.code) ?? [];
    // Current and comparative values of the same datapoint share a row.
    const rows = new Map<string, { label: string; breakdown: string; current?: Fact; previous?: Fact }>();
    for (const fact of facts) {
      const breakdown = dimensionsText(fact);
      const key = `${fact.concept}|${breakdown}`;
      const row = rows.get(key) ?? { label: conceptLabel(fact), breakdown };
      if (fact.comparative) row.previous = fact;
      else row.current = fact;
      rows.set(key, row);
    }
    const cell = (fact: Fact | undefined) => {
      if (!fact) return `<td class="empty"></td>`;
      const numeric = concept(fact.concept)?.numeric === true;
      return `<td${numeric ? ' class="num"' : ""}>${tagged(fact)}</td>`;
    };
    const body = [...rows.values()]
      .map(
        (row) =>
          `<tr><td>${escapeXml(row.label)}</td><td>${escapeXml(row.breakdown)}</td>${cell(row.current)}` +
          `${hasComparatives ? cell(row.previous) : ""}</tr>`,
      )
      .join("\n");
    const notes = (section.notes ?? []).map((n) => `<p class="note">${escapeXml(n)}</p>`).join("");
    const table =
      rows.size > 0
        ? `<table><thead><tr><th>Datapoint</th><th>Breakdown</th><th class="num">${doc.frame.year}</th>` +
          `${hasComparatives ? `<th class="num">${previousYear}</th>` : ""}</tr></thead><tbody>\n${body}\n</tbody></table>`
        : notes
          ? ""
          : `<p class="empty">Nothing reported.</p>`;
    const heading = section.code ? `${escapeXml(section.code)} – ${escapeXml(section.title)}` : escapeXml(section.title);
    sectionHtml.push(`<section class="disclosure" id="${escapeXml(section.code || "other")}"><h2>${heading}</h2>${notes}${table}</section>`);
  }

  const { frame } = doc;
  const namespaceAttrs = Object.entries(NAMESPACES)
    .filter(([prefix]) => prefix !== "xbrli")
    .map(([prefix, uri]) => ` xmlns:${prefix}="${escapeXml(uri)}"`)
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" xmlns:ixt="${IXT}"` +
    ` xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"` +
    ` xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:xbrldi="http://xbrl.org/2006/xbrldi"${namespaceAttrs}` +
    ` xml:lang="${escapeXml(frame.language ?? "en")}">\n` +
    `<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>` +
    `<title>${escapeXml(`${frame.entityName} – VSME sustainability report ${frame.year}`)}</title><style>${STYLE}</style></head>\n<body>\n` +
    `<div style="display:none"><ix:header>${hidden.length > 0 ? `<ix:hidden>${hidden.join("")}</ix:hidden>` : ""}` +
    `<ix:references><link:schemaRef xlink:type="simple" xlink:href="${escapeXml(ENTRY_POINT)}"/></ix:references>` +
    `<ix:resources>${contextXmls.join("")}${unitXmls.join("")}</ix:resources></ix:header></div>\n` +
    `<header><h1>${escapeXml(frame.entityName)}</h1><p class="frame">VSME sustainability report ${frame.year} · ` +
    `reporting period ${escapeXml(frame.period.start)} to ${escapeXml(frame.period.end)} · amounts in ${escapeXml(frame.currency)} · ` +
    `prepared under the EFRAG Voluntary Sustainability Reporting Standard for non-listed SMEs (VSME)</p></header>\n` +
    `<main>\n${sectionHtml.join("\n")}\n</main>\n</body>\n</html>\n`
  );
}
