/**
 * The inverse of report-facts: XBRL facts (from a Digital Template) placed into a report and the company facts
 * it states, through the datapoint catalogue. A fact no field holds, or that VSME Guru computes itself, is
 * returned as not placed, with the reason.
 */
import { catalogueEntries, DISCLOSURES, type CatalogueEntry } from "../../schemas/report/catalogue";
import { getWasteCode } from "../../schemas/report/code-lists";
import type { DisclosureSpec, FieldSpec } from "../../schemas/report/catalogue-types";
import type { Fact } from "./facts";
import { membersFor } from "./report-facts";
import { axisDefault, concept, memberLabel, type TaxonomyConcept } from "./taxonomy";
import { convertUnit, unitFor } from "./units";

export interface PlacedValue {
  /** Path from the report root (`sections.workforce.numberOfEmployees`, `undertaking.legalForm`, `turnover.amount`). */
  path: string;
  fact: Fact;
}

export interface Placement {
  /** Report root fields and sections (with status "reported" for every section that received a value). */
  report: Record<string, unknown>;
  /** Company facts (`legalForm`, `otherLegalForm`, `country`, `naceCodes`). */
  undertaking: Record<string, unknown>;
  placed: PlacedValue[];
  notPlaced: { fact: Fact; reason: string }[];
}

const dimsKey = (dims: Readonly<Record<string, string>> | undefined) =>
  JSON.stringify(
    Object.entries(dims ?? {})
      .filter(([axis, member]) => axisDefault(axis) !== member)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );

function set(root: Record<string, unknown>, dotted: string, value: unknown) {
  const parts = dotted.split(".");
  let node = root;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    node = (next && typeof next === "object" ? next : (node[part] = {})) as Record<string, unknown>;
  }
  node[parts.at(-1)!] = value;
}

class NotPlaceable extends Error {}

/** The catalogue's unit choices (FieldSpec.unitFrom options) by UTR measure. */
const CHOSEN_UNITS: Readonly<Record<string, string>> = { "utr:kg": "kg", "utr:t": "t", "utr:ha": "ha", "utr:sqm": "m2" };

/** The stored value of a field for a fact's XBRL value; `unit` is the unit the preparer's choice holds, if any. */
function storedValue(field: FieldSpec, c: TaxonomyConcept, fact: Fact, currency: string | undefined, unit?: string): unknown {
  if (c.numeric) {
    let n = Number(fact.value);
    const expected = unitFor(c, currency, unit ?? field.unit);
    if (fact.unit && expected && fact.unit !== expected) {
      const converted = convertUnit(n, fact.unit, expected);
      if (converted === undefined) throw new NotPlaceable(`The unit ${fact.unit} can't be converted to ${expected}, the unit VSME Guru stores`);
      n = converted;
    }
    if (field.xbrl?.transform === "percentToFraction") n *= 100;
    if (field.xbrl?.transform === "perMillionToPerUnit") n *= 1e6;
    return Number(n.toPrecision(15));
  }
  if (c.baseType === "xbrli:booleanItemType") return fact.value === "true";
  if (c.domain) {
    const values = fact.value.split(/\s+/).filter(Boolean).map((member) => {
      const value = valueForMember(field, member, c);
      if (value === undefined) throw new NotPlaceable(`${memberLabel(member) ?? member} is not a choice of "${field.label}"`);
      return value;
    });
    const unique = [...new Set(values)];
    // A set concept is a list whatever the field's kind; one member of an enumeration is one value.
    return c.dataType === "enum2:enumerationSetItemType" || field.kind === "multiEnum" || field.multiple ? unique : unique[0];
  }
  if (field.kind === "integer" || field.kind === "number" || field.kind === "year") return Number(fact.value);
  return fact.value;
}

/** The option value (or country / NACE code, or disclosure code) a member stands for in a field. */
function valueForMember(field: FieldSpec, member: string, c: TaxonomyConcept): string | undefined {
  const option = field.options?.find((o) => o.xbrlMember === member);
  if (option) return option.value;
  if (field.kind === "country" && member.startsWith("country:")) return member.slice("country:".length);
  if (field.kind === "pollutant" && member.startsWith("vsme:") && member.endsWith("Member")) return member.slice(5, -"Member".length);
  if (field.kind === "wasteCode") {
    const code = /^waste:W-(\d{6})-/.exec(member)?.[1];
    return code && getWasteCode(code) ? code : undefined;
  }
  if (field.kind === "nace" && member.startsWith("nace:NACE_")) {
    const digits = member.slice("nace:NACE_".length + 1);
    return digits.length === 4 ? `${digits.slice(0, 2)}.${digits.slice(2)}` : undefined;
  }
  if (!field.options) {
    // Lists of disclosures: "B6 - Water Withdrawal" is part of B6.
    const code = /^([BC]\d{1,2}) - /.exec(memberLabel(member) ?? "")?.[1];
    if (code && membersFor(field, code, c).length > 0) return code;
  }
  return undefined;
}

export function placeFacts(
  facts: readonly Fact[],
  options: { currency?: string | undefined; disclosures?: readonly DisclosureSpec[] } = {},
): Placement {
  const entries = catalogueEntries(options.disclosures ?? DISCLOSURES);
  const plain = new Map<string, CatalogueEntry>();
  const columns = new Map<string, { table: CatalogueEntry; column: FieldSpec }>();
  const derived = new Map<string, CatalogueEntry>();
  for (const entry of entries) {
    const xbrl = entry.field.xbrl;
    if (!xbrl) continue;
    const name = `vsme:${xbrl.concept}`;
    if (entry.table) {
      const table = entries.find((e) => e.field === entry.table)!;
      if (table.field.rowAxis) columns.set(`${name}|${table.field.rowAxis.axis}`, { table, column: entry.field });
      continue;
    }
    if (entry.field.derived) derived.set(name, entry);
    else plain.set(`${name}|${dimsKey(xbrl.dimensions)}`, entry);
  }

  const report: Record<string, unknown> = {};
  const undertaking: Record<string, unknown> = {};
  const placed: PlacedValue[] = [];
  const notPlaced: { fact: Fact; reason: string }[] = [];
  const rows = new Map<string, { table: CatalogueEntry; members: Map<string, Record<string, unknown>>; facts: Map<string, Fact[]> }>();

  const target = (entry: CatalogueEntry): [Record<string, unknown>, string] => {
    const root = entry.field.root ?? "section";
    if (root === "undertaking") return [undertaking, entry.field.key];
    if (root === "report") return [report, entry.field.key];
    const section = entry.field.section ?? entry.disclosure.section;
    const sections = (report.sections ??= {}) as Record<string, Record<string, unknown>>;
    sections[section] ??= { status: "reported" };
    return [sections[section]!, entry.field.key];
  };

  for (const fact of facts) {
    const c = concept(fact.concept);
    if (!c) {
      notPlaced.push({ fact, reason: `${fact.concept} is not a VSME concept` });
      continue;
    }
    try {
      const entry = plain.get(`${fact.concept}|${dimsKey(fact.dimensions)}`);
      if (entry) {
        const [base, key] = target(entry);
        set(base, key, storedValue(entry.field, c, fact, options.currency, chooseUnit(entry.field, base, fact)));
        if (entry.field.key === "turnover.amount" && fact.unit?.startsWith("iso4217:")) set(report, "turnover.currency", fact.unit.slice(8));
        placed.push({ path: entry.path, fact });
        continue;
      }
      const axis = Object.keys(fact.dimensions).find((a) => columns.has(`${fact.concept}|${a}`));
      if (axis) {
        const { table, column } = columns.get(`${fact.concept}|${axis}`)!;
        const group = rows.get(table.path) ?? { table, members: new Map(), facts: new Map() };
        rows.set(table.path, group);
        const member = fact.dimensions[axis]!;
        const row = group.members.get(member) ?? {};
        const rowAxis = table.field.rowAxis!;
        // A typed row identifier is the row's own id (B5 sites name the B1 site they are by it).
        if (rowAxis.typed && rowAxis.idColumn) row[rowAxis.idColumn] = member;
        if (!rowAxis.typed && rowAxis.memberColumn) {
          const keyColumn = table.field.columns?.find((col) => col.key === rowAxis.memberColumn);
          const value = keyColumn ? valueForMember(keyColumn, member, c) ?? (member.startsWith("country:") ? member.slice(8) : undefined) : undefined;
          if (value === undefined) throw new NotPlaceable(`${memberLabel(member) ?? member} is not a row VSME Guru can hold`);
          row[rowAxis.memberColumn] = value;
        }
        // The unit the preparer chose sits in the row (waste, materials) or in the section (pollutants).
        const inRow = table.field.columns?.some((col) => col.key === column.unitFrom);
        const [tableBase] = target(table);
        row[column.key] = storedValue(column, c, fact, options.currency, chooseUnit(column, inRow ? row : tableBase, fact));
        group.members.set(member, row);
        group.facts.set(member, [...(group.facts.get(member) ?? []), fact]);
        continue;
      }
      const computed = derived.get(fact.concept);
      if (computed) {
        notPlaced.push({ fact, reason: `VSME Guru computes "${computed.field.label}" from its inputs${computed.field.formula ? `: ${computed.field.formula}` : ""}` });
        continue;
      }
      notPlaced.push({ fact, reason: `VSME Guru has no field for "${c.label}" yet` });
    } catch (error) {
      if (!(error instanceof NotPlaceable)) throw error;
      notPlaced.push({ fact, reason: error.message });
    }
  }

  /**
   * For a field whose unit the preparer chooses (FieldSpec.unitFrom): keep the fact's own unit when the holder has
   * none yet (recording it there), else convert to the holder's.
   */
  function chooseUnit(field: FieldSpec, holder: Record<string, unknown>, fact: Fact): string | undefined {
    if (!field.unitFrom) return undefined;
    const current = holder[field.unitFrom];
    if (typeof current === "string") return current;
    const chosen = fact.unit ? CHOSEN_UNITS[fact.unit] : undefined;
    if (chosen) holder[field.unitFrom] = chosen;
    return chosen;
  }

  for (const [path, group] of rows) {
    // Typed rows keep their identifiers' order (1, 2, 10 — not "1", "10", "2").
    const members = [...group.members.keys()].sort((a, b) => (Number(a) - Number(b)) || (a < b ? -1 : a > b ? 1 : 0));
    const [base, key] = target(group.table);
    set(base, key, members.map((m) => group.members.get(m)!));
    for (const m of members) for (const fact of group.facts.get(m)!) placed.push({ path: `${path}[${members.indexOf(m)}]`, fact });
  }
  return { report, undertaking, placed, notPlaced };
}
