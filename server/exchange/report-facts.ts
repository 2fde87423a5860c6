/**
 * A report as XBRL facts, driven by the datapoint catalogue: every field with an `xbrl` concept becomes a fact
 * (tables one fact per row and column, on the row's axis), with the period type, unit and enumeration members
 * the taxonomy and the field's options say. Nothing here is written per concept. Omitted (24(b)) disclosures
 * are left out and said so; a "no" to an applicability question is a fact where the taxonomy has a concept.
 */
import { catalogueEntries, DISCLOSURES } from "../../schemas/report/catalogue";
import { getWasteCode } from "../../schemas/report/code-lists";
import { DISCLOSURE_GROUPS, groupCovers } from "../../schemas/report/disclosure-groups";
import type { DisclosureSpec, FieldSpec } from "../../schemas/report/catalogue-types";
import type { Report } from "../../schemas/report/report";
import type { UndertakingSnapshot } from "../../schemas/report/undertaking";
import { decimalsFor, IDENTIFIER_SCHEME_URIS, periodFor, xbrlDecimal, type Fact, type FilingFrame } from "./facts";
import type { DocumentSection } from "./serialize-ixbrl";
import { axisDefault, codeList, concept, memberLabel, type TaxonomyConcept } from "./taxonomy";
import { unitFor } from "./units";

export type ReportForExport = Pick<Report, "year" | "period" | "module" | "turnover" | "sections" | "metrics"> & {
  undertaking?: UndertakingSnapshot | undefined;
};

export interface ReportFacts {
  frame: FilingFrame;
  facts: Fact[];
  sections: DocumentSection[];
}

/** The C3 base and target years give the period of the emissions on those axis members (EFRAG's convention). */
const SCOPE_YEAR_CONCEPTS: Readonly<Record<string, string>> = {
  "vsme:BaselineYearMember": "vsme:GreenhouseGasEmissionReductionTargetBaseYear",
  "vsme:TargetYearMember": "vsme:GreenhouseGasEmissionReductionTargetYear",
};

/** For identifiers no XBRL scheme covers (national register numbers). */
export const NATIONAL_IDENTIFIER_SCHEME = "https://vsme.guru/ns/national-register-number";

function get(root: unknown, dotted: string): unknown {
  let node = root;
  for (const part of dotted.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const naceMembers = new Map<string, string>();
/** `10.71` → `nace:NACE_C1071`, `47` → `nace:NACE_G47` (the section letter is the taxonomy's). */
export function naceMember(code: string): string | undefined {
  if (naceMembers.size === 0) {
    for (const member of codeList("nace")) naceMembers.set(member.slice("nace:NACE_".length + 1), member);
  }
  return naceMembers.get(code.replace(".", ""));
}

/**
 * The members for a value of an enumeration field: its option's member, a country or NACE code's member, or —
 * for the lists of disclosures — the disclosure's member and those of its parts ("B6" → "B6 - Water",
 * "B6 - Water Withdrawal", "B6 - Water Consumption"), as EFRAG's template lists them when a disclosure is ticked.
 */
export function membersFor(field: FieldSpec, value: string, c: TaxonomyConcept): string[] {
  if (field.kind === "disclosureGroups") {
    return DISCLOSURE_GROUPS.filter((g) => groupCovers(value, g.key)).map((g) => `vsme:${g.member}`);
  }
  if (field.kind === "pollutant") return [`vsme:${value}Member`];
  if (field.kind === "wasteCode") {
    const member = getWasteCode(value) ? codeList("waste").find((m) => m.startsWith(`waste:W-${value}-`)) : undefined;
    return member ? [member] : [];
  }
  const option = field.options?.find((o) => o.value === value);
  if (option?.xbrlMember) return [option.xbrlMember];
  if (field.kind === "country") return [`country:${value}`];
  if (field.kind === "nace") {
    const member = naceMember(value);
    return member ? [member] : [];
  }
  return (c.domain ?? []).filter((m) => {
    const label = memberLabel(m);
    return label === value || label?.startsWith(`${value} - `);
  });
}

/** The XBRL value of a field's stored value, or undefined when there is nothing to tag. */
function xbrlValue(
  field: FieldSpec,
  c: TaxonomyConcept,
  raw: unknown,
  currency: string,
  chosenUnit?: unknown,
): Pick<Fact, "value" | "unit" | "decimals"> | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (c.numeric) {
    if (typeof raw !== "number" || !Number.isFinite(raw)) return undefined;
    const transform = field.xbrl?.transform;
    const n = transform === "percentToFraction" ? raw / 100 : transform === "perMillionToPerUnit" ? raw / 1e6 : raw;
    const unit = unitFor(c, currency, typeof chosenUnit === "string" ? chosenUnit : field.unit);
    return unit ? { value: xbrlDecimal(n), unit, decimals: decimalsFor(c.dataType, n) } : undefined;
  }
  if (c.baseType === "xbrli:booleanItemType") return typeof raw === "boolean" ? { value: String(raw) } : undefined;
  if (c.domain) {
    const values = (Array.isArray(raw) ? raw : [raw]).map(String);
    const members = values.flatMap((v) => membersFor(field, v, c));
    if (members.length === 0) return undefined;
    return { value: [...new Set(members)].sort().join(" ") };
  }
  if (raw instanceof Date) return { value: raw.toISOString().slice(0, 10) };
  if (field.xbrl?.transform === "geolocation") {
    const { latitude, longitude } = raw as { latitude?: number; longitude?: number };
    return typeof latitude === "number" && typeof longitude === "number" ? { value: `${latitude}, ${longitude}` } : undefined;
  }
  return { value: String(raw).replace(/\r\n?/g, "\n") };
}

function withoutDefaults(dimensions: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [axis, member] of Object.entries(dimensions ?? {})) if (axisDefault(axis) !== member) out[axis] = member;
  return out;
}

/** Disclosure codes (and omission-group keys/members) the report omits as classified or sensitive. */
function omissions(report: ReportForExport): Set<string> {
  const listed = (report.sections as Record<string, unknown>).basisForPreparation;
  const values = get(listed, "omittedDisclosures");
  return new Set(Array.isArray(values) ? values.map(String) : []);
}

/** The facts of one report (the current one, or the previous year's as comparatives). */
function factsOf(report: ReportForExport, disclosures: readonly DisclosureSpec[], comparative: boolean): Fact[] {
  const facts: Fact[] = [];
  const currency = report.turnover.currency;
  const omitted = omissions(report);
  const roots: Record<string, unknown> = { report, metrics: report.metrics, undertaking: report.undertaking };
  const sectionOf = (name: string) => (report.sections as Record<string, { status?: string } | undefined>)[name];

  for (const disclosure of disclosures) {
    const groupFields = new Set(
      (disclosure.omissionGroups ?? [])
        .filter((g) => omitted.has(g.key) || (g.xbrlMember !== undefined && omitted.has(g.xbrlMember)))
        .flatMap((g) => g.fields),
    );
    const whollyOmitted = omitted.has(disclosure.code);
    for (const entry of catalogueEntries([disclosure])) {
      const { field, table } = entry;
      if (table || !(field.xbrl || field.columns?.some((col) => col.xbrl))) continue;
      if ((whollyOmitted && field.key !== "omittedDisclosures") || groupFields.has(field.key)) continue;
      const root = field.root ?? "section";
      const sectionName = field.section ?? disclosure.section;
      const section = root === "section" ? sectionOf(sectionName) : undefined;
      if (root === "section" && section?.status !== "reported") continue;
      const base = root === "section" ? section : roots[root];
      const raw = get(base, field.key);
      // A unit the preparer chose (kg or t, ha or m²) sits in the row or the section (FieldSpec.unitFrom).
      const unitOf = (spec: FieldSpec, row?: Record<string, unknown>) =>
        spec.unitFrom ? (row?.[spec.unitFrom] ?? get(base, spec.unitFrom)) : undefined;
      const push = (spec: FieldSpec, value: unknown, dimensions: Record<string, string>, row?: Record<string, unknown>) => {
        if (!spec.xbrl) return;
        const c = concept(`vsme:${spec.xbrl.concept}`);
        if (!c) return;
        const tagged = xbrlValue(spec, c, value, currency, unitOf(spec, row));
        if (!tagged) return;
        facts.push({
          concept: c.name,
          ...tagged,
          period: periodFor(c.periodType, report.period),
          dimensions: { ...withoutDefaults(spec.xbrl.dimensions), ...dimensions },
          disclosure: disclosure.code,
          label: spec.label,
          ...(comparative ? { comparative: true } : {}),
        });
      };
      if (field.kind === "table" && Array.isArray(raw)) {
        // A column whose concept is one fact for the whole table: the set of the rows' values.
        for (const column of field.columns ?? []) {
          if (column.xbrl?.fromRows === "set") push(column, raw.map((row: Record<string, unknown>) => row[column.key]), {});
        }
      }
      if (field.kind === "table") {
        if (!Array.isArray(raw) || !field.rowAxis) continue;
        const axis = field.rowAxis;
        raw.forEach((row: Record<string, unknown>, index) => {
          let member: string | undefined;
          if (axis.typed) member = String(axis.idColumn ? (row[axis.idColumn] ?? index + 1) : index + 1);
          else {
            const keyColumn = field.columns?.find((col) => col.key === axis.memberColumn);
            const axisConcept = keyColumn?.xbrl ? concept(`vsme:${keyColumn.xbrl.concept}`) : undefined;
            const key = row[axis.memberColumn ?? ""];
            if (keyColumn && key !== undefined) {
              member =
                keyColumn.kind === "country"
                  ? `country:${String(key)}`
                  : keyColumn.kind === "pollutant" || keyColumn.kind === "wasteCode"
                    ? membersFor(keyColumn, String(key), {} as TaxonomyConcept)[0]
                    : keyColumn.options?.find((o) => o.value === key)?.xbrlMember ??
                      (axisConcept ? membersFor(keyColumn, String(key), axisConcept)[0] : undefined);
            }
          }
          if (!member) return;
          for (const column of field.columns ?? []) {
            if (column.key === axis.memberColumn && !axis.typed) continue;
            if (column.xbrl?.fromRows) continue;
            push(column, get(row, column.key), { [axis.axis]: member }, row);
          }
        });
        continue;
      }
      push(field, raw, {});
    }
    // A "no" to the applicability question is a fact too, where the taxonomy has a concept for it.
    const applicability = disclosure.applicability;
    if (applicability?.xbrl && !whollyOmitted) {
      const section = sectionOf(disclosure.section);
      const answer = section?.status === "not_applicable" ? false : get(section, applicability.field);
      const c = concept(`vsme:${applicability.xbrl.concept}`);
      const already = facts.some((f) => f.concept === c?.name && !f.comparative === !comparative);
      if (c && typeof answer === "boolean" && !already) {
        facts.push({
          concept: c.name,
          value: String(answer),
          period: periodFor(c.periodType, report.period),
          dimensions: withoutDefaults(applicability.xbrl.dimensions),
          disclosure: disclosure.code,
          label: applicability.question,
          ...(comparative ? { comparative: true } : {}),
        });
      }
    }
  }

  // Emissions on the base/target-year members are for that year.
  for (const fact of facts) {
    const scope = fact.dimensions["vsme:ReportingScopesAxis"];
    const yearConcept = scope ? SCOPE_YEAR_CONCEPTS[scope] : undefined;
    const year = yearConcept ? facts.find((f) => f.concept === yearConcept)?.value : undefined;
    if (year && /^\d{4}$/.test(year)) fact.period = { start: `${year}-01-01`, end: `${year}-12-31` };
  }
  return facts;
}

export function identifierScheme(identifier: UndertakingSnapshot["identifier"]): string {
  if (identifier.scheme === "LEI") return IDENTIFIER_SCHEME_URIS.LEI;
  if (identifier.scheme === "EUID") return IDENTIFIER_SCHEME_URIS.EUID;
  return NATIONAL_IDENTIFIER_SCHEME;
}

/**
 * The filing of a report: frame, facts (the previous year's as comparatives, in their own contexts) and the
 * document's disclosure sections with the omission and not-applicable statements.
 */
export function reportFacts(
  report: ReportForExport,
  options: { previous?: ReportForExport | undefined; company?: { name: string; identifier: UndertakingSnapshot["identifier"] }; disclosures?: readonly DisclosureSpec[] } = {},
): ReportFacts {
  const disclosures = options.disclosures ?? DISCLOSURES;
  const who = report.undertaking ?? options.company;
  if (!who) throw new Error("The report has no company facts (undertaking) to file under");
  const frame: FilingFrame = {
    entityName: who.name,
    identifier: { scheme: identifierScheme(who.identifier), value: who.identifier.value },
    period: report.period,
    currency: report.turnover.currency,
    year: report.year,
  };
  const facts = factsOf(report, disclosures, false);
  if (options.previous) facts.push(...factsOf(options.previous, disclosures, true));

  const omitted = omissions(report);
  const sections: DocumentSection[] = disclosures.map((d) => {
    const notes: string[] = [];
    if (omitted.has(d.code)) {
      notes.push(`${d.code} is omitted as classified or sensitive information (VSME para 24(b)).`);
    }
    for (const group of d.omissionGroups ?? []) {
      if (omitted.has(group.key) || (group.xbrlMember !== undefined && omitted.has(group.xbrlMember))) {
        notes.push(`${group.label}: omitted as classified or sensitive information (VSME para 24(b)).`);
      }
    }
    const section = (report.sections as Record<string, { status?: string; reason?: string } | undefined>)[d.section];
    if (section?.status === "not_applicable") {
      notes.push(`Not applicable${section.reason ? `: ${section.reason}` : "."}`);
    }
    return { code: d.code, title: d.title, notes };
  });
  return { frame, facts, sections };
}
