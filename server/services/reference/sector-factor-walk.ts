/**
 * Finding the CO2 intensity factor for a NACE code. Eurostat's air-emission intensities (env_ac_aeint_r2)
 * are keyed by NACE Rev. 2 codes at A*64 granularity: sections ("K"), single divisions with their section
 * letter ("J61", "A01"), ranges of divisions ("C10-C12") and "TOTAL". The walk goes from the most specific
 * code to the least:
 *
 *   class 10.51 → group 10.5 → division 10 (as "10" or "C10") → the A*64 range containing it ("C10-C12")
 *   → section C → TOTAL
 *
 * Section letters in the factor keys are NACE Rev. 2 letters. A Rev. 2.1 code is walked with the Rev. 2
 * division of the same number (division numbers are stable between the revisions where it matters for A*64;
 * the section letters are not — Rev. 2.1 moved finance from K to L), and class/group keys are only used when
 * the code means the same in both revisions (same title). The result says which level and key matched.
 */
import type { NaceRevision } from "../../../schemas/nace-types";
import {
  FACTOR_MATCH_LEVELS,
  type FactorMatchLevel,
  type SectorFactorAnswer,
} from "../../repositories/sector-intensity-lookup";
import type { ExternalCo2Intensity, ExternalNaceCode } from "./external-shapes";

export { FACTOR_MATCH_LEVELS, type FactorMatchLevel };

/** A factor found by the walk: what a company profile keeps, plus where the walk started. */
export interface SectorFactorMatch extends SectorFactorAnswer {
  title?: string;
  /** The NACE code and revision the walk started from. */
  requested: { code: string; revision: NaceRevision };
}

/** Preferred geographies, best first; any other geography ranks after these. */
const geographyPreference = ["EU27_2020", "EU27", "EU28"];

function normaliseTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export interface NaceTables {
  byRevision: Record<NaceRevision, ReadonlyMap<string, ExternalNaceCode>>;
}

export function buildNaceTables(codes: readonly ExternalNaceCode[]): NaceTables {
  const byRevision: Record<NaceRevision, Map<string, ExternalNaceCode>> = { "2": new Map(), "2.1": new Map() };
  for (const entry of codes) byRevision[entry.revision].set(entry.code, entry);
  return { byRevision };
}

function lineage(table: ReadonlyMap<string, ExternalNaceCode>, code: string): ExternalNaceCode[] {
  const chain: ExternalNaceCode[] = [];
  let current = table.get(code);
  while (current && chain.length < 5) {
    chain.push(current);
    current = current.parent === null ? undefined : table.get(current.parent);
  }
  return chain;
}

function sameMeaningInRev2(tables: NaceTables, entry: ExternalNaceCode): boolean {
  if (entry.revision === "2") return true;
  const rev2 = tables.byRevision["2"].get(entry.code);
  return rev2 !== undefined && rev2.level === entry.level && normaliseTitle(rev2.title) === normaliseTitle(entry.title);
}

const rangePattern = /^([A-Z])(\d{2})[-_]([A-Z])?(\d{2})$/;

function aggregateContains(key: string, section: string, division: number): boolean {
  const match = rangePattern.exec(key);
  if (!match) return false;
  const [, firstSection, from, lastSection, to] = match;
  if (firstSection !== section || (lastSection !== undefined && lastSection !== section)) return false;
  return Number(from) <= division && division <= Number(to);
}

function pickGeography(candidates: readonly ExternalCo2Intensity[]): ExternalCo2Intensity | undefined {
  const rank = (factor: ExternalCo2Intensity) => {
    const position = geographyPreference.indexOf(factor.geography);
    return position === -1 ? geographyPreference.length : position;
  };
  return [...candidates].sort((a, b) => rank(a) - rank(b) || b.dataYear - a.dataYear)[0];
}

/** The candidate keys to try, most specific first. */
export function factorKeysFor(
  tables: NaceTables,
  code: string,
  revision: NaceRevision,
): { level: FactorMatchLevel; keys: string[] }[] {
  const chain = lineage(tables.byRevision[revision], code);
  const steps: { level: FactorMatchLevel; keys: string[] }[] = [];
  const classEntry = chain.find((entry) => entry.level === "class");
  const groupEntry = chain.find((entry) => entry.level === "group");
  const divisionEntry = chain.find((entry) => entry.level === "division");
  if (classEntry && sameMeaningInRev2(tables, classEntry)) steps.push({ level: "class", keys: [classEntry.code] });
  if (groupEntry && sameMeaningInRev2(tables, groupEntry)) steps.push({ level: "group", keys: [groupEntry.code] });

  // Rev. 2 section letter of the division with this number (see the note at the top).
  const divisionCode = divisionEntry?.code;
  const rev2Division = divisionCode === undefined ? undefined : tables.byRevision["2"].get(divisionCode);
  const rev2Section = rev2Division?.parent ?? (revision === "2" ? chain.find((e) => e.level === "section")?.code : undefined);
  if (divisionCode !== undefined) {
    steps.push({ level: "division", keys: rev2Section ? [`${rev2Section}${divisionCode}`, divisionCode] : [divisionCode] });
    if (rev2Section) steps.push({ level: "aggregate", keys: [`range:${rev2Section}:${Number(divisionCode)}`] });
  }
  if (rev2Section) steps.push({ level: "section", keys: [rev2Section] });
  else if (chain.length === 1 && chain[0]?.level === "section" && revision === "2") {
    steps.push({ level: "section", keys: [chain[0].code] });
  }
  steps.push({ level: "total", keys: ["TOTAL"] });
  return steps;
}

/** Walks from `code` up to TOTAL; null only when not even a TOTAL factor exists. */
export function findSectorFactor(
  tables: NaceTables,
  factors: readonly ExternalCo2Intensity[],
  code: string,
  revision: NaceRevision,
): SectorFactorMatch | null {
  const byKey = new Map<string, ExternalCo2Intensity[]>();
  for (const factor of factors) byKey.set(factor.sectorCode, [...(byKey.get(factor.sectorCode) ?? []), factor]);

  for (const step of factorKeysFor(tables, code, revision)) {
    for (const key of step.keys) {
      let candidates: ExternalCo2Intensity[] = [];
      if (key.startsWith("range:")) {
        const [, section, division] = key.split(":");
        for (const [factorKey, rows] of byKey) {
          if (section && aggregateContains(factorKey, section, Number(division))) candidates.push(...rows);
        }
      } else {
        candidates = byKey.get(key) ?? [];
      }
      const factor = pickGeography(candidates);
      if (factor) {
        return {
          value: factor.value,
          unit: factor.unit,
          matchedLevel: step.level,
          matchedCode: factor.sectorCode,
          title: factor.title,
          geography: factor.geography,
          year: factor.dataYear,
          source: factor.source,
          requested: { code, revision },
        };
      }
    }
  }
  return null;
}
