/**
 * Reads EFRAG's VSME Digital Template (.xlsx) into facts. The template names its input cells after taxonomy
 * concepts (`Turnover`, `AddressOfSite`), concept + member (`EnergyConsumptionFromFuels_RenewableEnergyMember`),
 * concept + `_unit` (the unit chosen for it) and axes (`IdentifierOfSiteTypedAxis`, `TypeOfWasteAxis`), so nothing
 * here knows a cell address: tables are the concept ranges that share rows with an axis range of the concept's
 * hypercube. Every non-empty cell gets an outcome: imported, or ignored and why.
 */
import { decimalsFor, periodFor, xbrlDecimal, type Fact } from "./facts";
import { unitFor } from "./units";
import { axisDefault, concept, hypercubesOf, memberLabel, unitAllowed, type TaxonomyConcept } from "./taxonomy";
import { WorkbookRejected } from "./xlsx/safe-unzip";
import { Workbook, type Cell, type CellRange, type DefinedName } from "./xlsx/workbook";

export interface CellOutcome {
  /** `'General Information'!E282`. */
  cell: string;
  /** The defined name the cell belongs to. */
  name: string;
  status: "imported" | "ignored";
  reason?: string;
  /** The cell's text as the preparer sees it. */
  shown: string;
}

export interface TemplateFact extends Fact {
  /** The cells the fact was read from (several for a set of check boxes). */
  cells: string[];
}

export interface TemplateReading {
  templateVersion: string;
  entryPoint: string;
  entityName?: string;
  identifier?: { scheme: string; value: string };
  currency?: string;
  period?: { start: string; end: string };
  facts: TemplateFact[];
  outcomes: CellOutcome[];
}

/**
 * How far a defined name is read. The template's largest ranges are 1,000 rows (footnotes) and 10 columns (check
 * box grids); a name spanning a whole sheet (a hostile or broken workbook) is read only this far.
 */
const MAX_ROWS = 2_000;
const MAX_COLUMNS = 60;
const lastRow = (range: CellRange) => Math.min(range.bottom, range.top + MAX_ROWS - 1);
const lastColumn = (range: CellRange) => Math.min(range.right, range.left + MAX_COLUMNS - 1);

/** Template wording that differs from the taxonomy's member labels (from EFRAG's converter configuration, MIT). */
const CELL_VALUE_ALIASES: Readonly<Record<string, string>> = {
  "sustainability report prepared on a consolidated basis": "vsme:ConsolidatedMember",
  "sustainability report prepared on an individual basis": "vsme:IndividualMember",
  "as an average across the reporting period": "vsme:AverageDuringTheReportingPeriodMember",
  "at the end of the reporting period": "vsme:AtTheEndOfTheReportingPeriodMember",
  "other (please specify the legal form in the row below)": "vsme:OtherUndertakingsLegalFormMember",
  asbestos: "vsme:AsbestosMember",
};

const IDENTIFIER_SCHEMES: Readonly<Record<string, string>> = {
  lei: "http://standards.iso.org/iso/17442",
  duns: "https://www.dnb.co.uk/duns-number",
  euid: "https://euid.eu/",
  permid: "https://permid.org/",
};

/** Unit wording of the template ("metric tonnes (t)", "cubic meters (m³)") → Unit Type Registry measure. */
const UNIT_IDS: Readonly<Record<string, string>> = {
  t: "utr:t",
  kg: "utr:kg",
  g: "utr:g",
  m3: "utr:m3",
  "m³": "utr:m3",
  l: "utr:l",
  m2: "utr:sqm",
  "m²": "utr:sqm",
  sqm: "utr:sqm",
  ha: "utr:ha",
  km2: "utr:sqkm",
  "km²": "utr:sqkm",
  mwh: "utr:MWh",
  kwh: "utr:kWh",
  gwh: "utr:GWh",
  tco2e: "utr:tCO2e",
};

function unitFromText(text: string): string | undefined {
  const candidates = [text, ...[...text.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]!)];
  for (const candidate of candidates) {
    const unit = UNIT_IDS[candidate.trim().toLowerCase()];
    if (unit) return unit;
  }
  return undefined;
}

const normalize = (text: string) => text.trim().replace(/\s+\[member\]$/i, "").replace(/\s+/g, " ").toLowerCase();
const letters = (text: string) => text.toLowerCase().replace(/[^a-z]/g, "");

/** Placeholders the template shows for "nothing here" (its formulas write "-"). */
const isPlaceholder = (cell: Cell) => cell.value.kind === "string" && ["-", "–", ""].includes(cell.value.value.trim());

function shown(cell: Cell): string {
  const v = cell.value;
  return v.kind === "boolean" ? (v.value ? "TRUE" : "FALSE") : String(v.value);
}

class ValueError extends Error {}

/** Taxonomy member for a label shown in a cell, among `allowed` members. */
function memberForText(text: string, allowed: readonly string[]): string | undefined {
  const wanted = normalize(text);
  const alias = CELL_VALUE_ALIASES[wanted];
  if (alias && allowed.includes(alias)) return alias;
  if (allowed.length > 0 && allowed[0]!.startsWith("nace:")) {
    // "NACE G - 47.22 Retail sale of meat…" → nace:NACE_G4722
    const match = /([A-U])\s*-\s*(\d{2})(?:\.(\d{1,2}))?/.exec(text);
    if (match) {
      const member = `nace:NACE_${match[1]}${match[2]}${match[3] ?? ""}`;
      return allowed.includes(member) ? member : undefined;
    }
    return undefined;
  }
  if (allowed.length > 0 && allowed[0]!.startsWith("country:") && /^[A-Z]{2}$/.test(text.trim())) {
    const member = `country:${text.trim()}`;
    return allowed.includes(member) ? member : undefined;
  }
  return allowed.find((member) => {
    const label = memberLabel(member);
    return label !== undefined && normalize(label) === wanted;
  });
}

function booleanOf(cell: Cell): boolean {
  const v = cell.value;
  if (v.kind === "boolean") return v.value;
  if (v.kind === "string") {
    const t = v.value.trim().toLowerCase();
    if (["yes", "true", "ja", "oui", "sí", "si"].includes(t)) return true;
    if (["no", "false", "nein", "non"].includes(t)) return false;
  }
  throw new ValueError(`"${shown(cell)}" is not a yes/no answer`);
}

function numberOf(cell: Cell): number {
  const v = cell.value;
  if (v.kind === "number" && Number.isFinite(v.value)) return v.value;
  if (v.kind === "string") {
    const text = v.value.trim().replace(/[\s\u00a0']/g, "");
    if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  }
  throw new ValueError(`"${shown(cell)}" is not a number`);
}

export function readTemplate(data: Uint8Array): TemplateReading {
  const workbook = Workbook.open(data);
  const names = workbook.definedNames;
  const single = (name: string): Cell | undefined => {
    const range = names.get(name)?.range;
    if (!range) return undefined;
    const cell = workbook.cell(range.sheet, range.top, range.left);
    return cell && !isPlaceholder(cell) && cell.value.kind !== "error" ? cell : undefined;
  };
  const text = (name: string) => {
    const cell = single(name);
    return cell ? shown(cell).trim() : undefined;
  };

  const entryPoint = text("template_reporting_schemaRef") ?? "";
  if (!/^https:\/\/xbrl\.efrag\.org\/taxonomy\/vsme\//.test(entryPoint)) {
    throw new WorkbookRejected(
      "This workbook is not an EFRAG VSME Digital Template (it names no VSME taxonomy entry point)",
      "not_xlsx",
    );
  }
  const dateOf = (name: string): string | undefined => {
    const cell = single(name);
    if (!cell) return undefined;
    if (cell.value.kind === "number") return workbook.dateFromSerial(cell.value.value);
    const t = shown(cell).trim();
    return /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : undefined;
  };
  const start = dateOf("template_reporting_period_startdate");
  const end = dateOf("template_reporting_period_enddate");
  const period = start && end && start < end ? { start, end } : undefined;
  const currency = text("template_currency")?.match(/\b[A-Z]{3}\b/)?.[0];
  const schemeText = text("template_reporting_entity_identifier_scheme")?.replace(/\s/g, "").toLowerCase();
  const idValue = text("template_reporting_entity_identifier");
  const identifier = schemeText && idValue && IDENTIFIER_SCHEMES[schemeText] ? { scheme: IDENTIFIER_SCHEMES[schemeText]!, value: idValue } : undefined;

  const outcomes = new Map<string, CellOutcome>();
  const record = (cell: Cell, name: string, status: CellOutcome["status"], reason?: string) => {
    const previous = outcomes.get(cell.ref);
    // A cell shared by two concepts (mass and volume variants of a waste column) is imported if either takes it.
    if (previous?.status === "imported") return;
    outcomes.set(cell.ref, { cell: cell.ref, name, status, ...(reason ? { reason } : {}), shown: shown(cell) });
  };
  const facts: TemplateFact[] = [];

  // Classify the names.
  const conceptRanges: { concept: TaxonomyConcept; preset: Record<string, string>; name: DefinedName }[] = [];
  const unitRanges = new Map<string, CellRange>();
  const axisRanges: { axis: string; range: CellRange }[] = [];
  const memberYears = new Map<string, string>();
  const structural = new Set(hypercubesOf("").map((h) => h.table));
  const unknown: DefinedName[] = [];
  const AXIS_ALIASES: Record<string, string> = {
    // EFRAG's template names the biodiversity table's site column differently from the taxonomy axis.
    IdentifierOfSitesInBiodiversitySensitiveAreasTypedAxis: "vsme:IdentifierOfSiteTypedAxis",
  };
  for (const dn of names.values()) {
    if (/^(template_|enum_|footnote_|_xlnm\.)/.test(dn.name)) continue;
    const direct = concept(`vsme:${dn.name}`);
    const aliasAxis = AXIS_ALIASES[dn.name];
    if (aliasAxis || direct?.axis) {
      if (dn.range) axisRanges.push({ axis: aliasAxis ?? direct!.name, range: dn.range });
      continue;
    }
    if (direct) {
      conceptRanges.push({ concept: direct, preset: {}, name: dn });
      continue;
    }
    if (memberLabel(`vsme:${dn.name}`) !== undefined) {
      // BaselineYearMember / TargetYearMember: the year of the facts on that member.
      const cell = single(dn.name);
      if (cell) memberYears.set(`vsme:${dn.name}`, shown(cell).trim());
      continue;
    }
    const split = dn.name.lastIndexOf("_");
    if (split > 0) {
      const base = concept(`vsme:${dn.name.slice(0, split)}`);
      const suffix = dn.name.slice(split + 1);
      if (base && suffix === "unit") {
        if (dn.range) unitRanges.set(base.name, dn.range);
        continue;
      }
      const member = `vsme:${suffix}`;
      if (base && memberLabel(member) !== undefined) {
        const axis = hypercubesOf(base.name)
          .flatMap((h) => Object.entries(h.explicit))
          .find(([, members]) => members.includes(member))?.[0];
        if (axis) {
          conceptRanges.push({ concept: base, preset: axisDefault(axis) === member ? {} : { [axis]: member }, name: dn });
          continue;
        }
      }
    }
    if (/Table$|Hypercube$/.test(dn.name) || structural.has(`vsme:${dn.name}`)) continue;
    unknown.push(dn);
  }

  for (const dn of unknown) {
    const range = dn.range;
    if (!range) continue;
    for (let r = range.top; r <= lastRow(range); r++) {
      for (let c = range.left; c <= lastColumn(range); c++) {
        const cell = workbook.cell(range.sheet, r, c);
        if (cell && !isPlaceholder(cell)) record(cell, dn.name, "ignored", `"${dn.name}" is not a concept of the VSME taxonomy`);
      }
    }
  }

  const unitCell = (c: TaxonomyConcept, row: number) => {
    const range = unitRanges.get(c.name);
    if (!range) return undefined;
    return workbook.cell(range.sheet, range.bottom > range.top ? row : range.top, range.left);
  };

  const emit = (c: TaxonomyConcept, name: string, cell: Cell, dimensions: Record<string, string>, row: number) => {
    if (cell.value.kind === "error") {
      record(cell, name, "ignored", `The cell shows the formula error ${cell.value.value}`);
      return;
    }
    try {
      let value: string;
      let unit: string | undefined;
      let decimals: number | undefined;
      if (c.numeric) {
        const n = numberOf(cell);
        const unitText = unitCell(c, row);
        unit = unitText && !isPlaceholder(unitText) ? unitFromText(shown(unitText)) : unitFor(c, currency);
        if (unitText && !isPlaceholder(unitText) && !unit) {
          record(cell, name, "ignored", `The unit "${shown(unitText)}" is not supported`);
          return;
        }
        if (!unit || !unitAllowed(c, unit)) {
          // Mass and volume variants share the waste/material columns: the row's unit picks the concept.
          record(cell, name, "ignored", unit ? `The unit ${unit} does not fit ${c.label}` : "No currency is set for the report");
          return;
        }
        value = xbrlDecimal(n);
        decimals = decimalsFor(c.dataType, n);
      } else if (c.baseType === "xbrli:booleanItemType") {
        value = String(booleanOf(cell));
      } else if (c.domain) {
        const member = memberForText(shown(cell), c.domain);
        if (!member) throw new ValueError(`"${shown(cell)}" is not one of the taxonomy's values for ${c.label}`);
        value = member;
      } else if (c.baseType === "xbrli:gYearItemType") {
        const year = cell.value.kind === "number" ? cell.value.value : Number(shown(cell));
        if (!Number.isInteger(year) || year < 1900 || year > 2200) throw new ValueError(`"${shown(cell)}" is not a year`);
        value = String(year);
      } else if (c.baseType === "xbrli:dateItemType") {
        const date = cell.value.kind === "number" ? workbook.dateFromSerial(cell.value.value) : shown(cell).trim();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ValueError(`"${shown(cell)}" is not a date`);
        value = date;
      } else {
        value = shown(cell).replace(/\r\n?/g, "\n");
      }
      if (!period) {
        record(cell, name, "ignored", "The template has no valid reporting period");
        return;
      }
      let factPeriod = periodFor(c.periodType, period);
      const scope = dimensions["vsme:ReportingScopesAxis"];
      if (scope) {
        const year = memberYears.get(scope);
        if (!year || !/^\d{4}$/.test(year)) {
          record(cell, name, "ignored", `No ${memberLabel(scope)?.toLowerCase() ?? "year"} is given for this value`);
          return;
        }
        factPeriod = { start: `${year}-01-01`, end: `${year}-12-31` };
      }
      facts.push({
        concept: c.name,
        value,
        ...(unit ? { unit } : {}),
        ...(decimals !== undefined ? { decimals } : {}),
        period: factPeriod,
        dimensions,
        cells: [cell.ref],
      });
      record(cell, name, "imported");
    } catch (error) {
      if (!(error instanceof ValueError)) throw error;
      record(cell, name, "ignored", error.message);
    }
  };

  for (const { concept: c, preset, name } of conceptRanges) {
    const range = name.range;
    if (!range) continue;
    const cubes = hypercubesOf(c.name);
    const cubeAxes = new Set(cubes.flatMap((h) => [...Object.keys(h.explicit), ...h.typed]));
    const axisRange = axisRanges.find(
      (a) =>
        cubeAxes.has(a.axis) &&
        !(a.axis in preset) &&
        a.range.sheet === range.sheet &&
        a.range.top <= range.bottom &&
        range.top <= a.range.bottom &&
        range.bottom > range.top,
    );
    if (axisRange) {
      const axisConcept = concept(axisRange.axis);
      const allowed = cubes.flatMap((h) => h.explicit[axisRange.axis] ?? []);
      for (let row = Math.max(range.top, axisRange.range.top); row <= Math.min(lastRow(range), lastRow(axisRange.range)); row++) {
        const key = workbook.cell(axisRange.range.sheet, row, axisRange.range.left);
        const cell = workbook.cell(range.sheet, row, range.left);
        if (!key || isPlaceholder(key) || !cell || isPlaceholder(cell)) continue;
        let member: string | undefined;
        if (axisConcept?.axis === "typed") member = shown(key).trim();
        else member = memberForText(shown(key), allowed);
        if (!member) {
          record(cell, name.name, "ignored", `"${shown(key)}" (${key.ref}) is not a value of ${axisConcept?.label ?? axisRange.axis}`);
          continue;
        }
        emit(c, name.name, cell, { ...preset, [axisRange.axis]: member }, row);
      }
      continue;
    }
    const multi = range.bottom > range.top || range.right > range.left;
    if (multi && c.dataType === "enum2:enumerationSetItemType" && c.domain) {
      const members: string[] = [];
      const cells: Cell[] = [];
      const vertical = range.bottom > range.top;
      for (let r = range.top; r <= lastRow(range); r++) {
        for (let col = range.left; col <= lastColumn(range); col++) {
          const cell = workbook.cell(range.sheet, r, col);
          if (!cell || isPlaceholder(cell)) continue;
          if (cell.value.kind === "error") {
            record(cell, name.name, "ignored", `The cell shows the formula error ${cell.value.value}`);
            continue;
          }
          if (cell.value.kind === "boolean") {
            // A grid of check boxes: the label beside (column) or above (row) names the member.
            if (!cell.value.value) continue;
            const labelCell = vertical ? workbook.cell(range.sheet, r, col - 1) : workbook.cell(range.sheet, r - 1, col);
            const label = labelCell ? letters(shown(labelCell)) : "";
            const member = c.domain.find((m) => {
              const l = letters(memberLabel(m) ?? "");
              return label !== "" && (l === label || (label.startsWith("other") && l.startsWith("other")));
            });
            if (member) {
              members.push(member);
              cells.push(cell);
            } else record(cell, name.name, "ignored", `The box "${labelCell ? shown(labelCell) : "?"}" matches no taxonomy value`);
            continue;
          }
          const member = memberForText(shown(cell), c.domain);
          if (member) {
            if (!members.includes(member)) members.push(member);
            cells.push(cell);
          } else record(cell, name.name, "ignored", `"${shown(cell)}" is not one of the taxonomy's values for ${c.label}`);
        }
      }
      if (members.length > 0 && period) {
        // A set has no order; sorted members make equal sets compare equal.
        facts.push({ concept: c.name, value: members.sort().join(" "), period: periodFor(c.periodType, period), dimensions: { ...preset }, cells: cells.map((x) => x.ref) });
        for (const cell of cells) record(cell, name.name, "imported");
      }
      continue;
    }
    const cell = workbook.cell(range.sheet, range.top, range.left);
    if (!cell || isPlaceholder(cell)) continue;
    emit(c, name.name, cell, { ...preset }, range.top);
  }

  // A value the workbook must not carry twice (e.g. a hand-edited duplicate name) keeps its first cell.
  const seen = new Set<string>();
  const unique = facts.filter((f) => {
    const key = `${f.concept}|${JSON.stringify(f.period)}|${Object.entries(f.dimensions).sort().join(",")}|${f.unit ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  return {
    templateVersion: text("template_reporting_template_version") ?? "",
    entryPoint,
    ...(text("template_reporting_entity_name") ? { entityName: text("template_reporting_entity_name")! } : {}),
    ...(identifier ? { identifier } : {}),
    ...(currency ? { currency } : {}),
    ...(period ? { period } : {}),
    facts: unique,
    outcomes: [...outcomes.values()],
  };
}
