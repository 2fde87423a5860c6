/**
 * The facts of the EFRAG VSME taxonomy 2026-05-01 the exchange needs: each reportable concept's period type,
 * data type and label, enumeration domains, axes and their members, hypercubes and axis defaults. Read from the
 * trimmed copy in `reference-data/` (made by `scripts/extract-vsme-taxonomy.ts`; source in its SOURCES.md).
 */
import taxonomyFile from "../../reference-data/vsme-taxonomy-2026-05-01.json";

export type PeriodType = "instant" | "duration";

export interface TaxonomyConcept {
  name: string;
  label: string;
  dataType: string;
  baseType: string;
  periodType: PeriodType;
  numeric: boolean;
  /** "explicit" or "typed" for an axis. */
  axis?: "explicit" | "typed";
  /** Allowed members of an enumeration concept (resolved from a code list when the file names one). */
  domain?: readonly string[];
}

export interface Hypercube {
  table: string;
  primaryItems: readonly string[];
  /** Axis → allowed members. */
  explicit: Readonly<Record<string, readonly string[]>>;
  typed: readonly string[];
}

interface TaxonomyFile {
  entryPoint: string;
  namespaces: Record<string, string>;
  concepts: Record<
    string,
    { label: string; dataType: string; baseType: string; periodType: string; numeric?: boolean; axis?: string; domain?: string | string[] }
  >;
  codeLists: Record<string, string[]>;
  memberLabels: Record<string, string>;
  hypercubes: { table: string; primaryItems: string[]; explicit: Record<string, string | string[]>; typed: string[] }[];
  defaults: Record<string, string>;
}

const file = taxonomyFile as unknown as TaxonomyFile;
const resolveList = (list: string | string[]): readonly string[] =>
  typeof list === "string" ? (file.codeLists[list] ?? []) : list;

export const ENTRY_POINT = file.entryPoint;
/** Prefix → namespace URI of every prefix a VSME fact or member can use. */
export const NAMESPACES: Readonly<Record<string, string>> = file.namespaces;

const concepts = new Map<string, TaxonomyConcept>(
  Object.entries(file.concepts).map(([name, c]) => [
    name,
    {
      name,
      label: c.label,
      dataType: c.dataType,
      baseType: c.baseType,
      periodType: c.periodType as PeriodType,
      numeric: c.numeric === true,
      ...(c.axis ? { axis: c.axis as "explicit" | "typed" } : {}),
      ...(c.domain ? { domain: resolveList(c.domain) } : {}),
    },
  ]),
);

const hypercubes: Hypercube[] = file.hypercubes.map((h) => ({
  table: h.table,
  primaryItems: h.primaryItems,
  explicit: Object.fromEntries(Object.entries(h.explicit).map(([axis, members]) => [axis, resolveList(members)])),
  typed: h.typed,
}));

const memberSets = new Map<string, Set<string>>();
const setOf = (members: readonly string[]) => {
  const key = members.length > 0 ? `${members[0]}|${members.length}` : "";
  let set = memberSets.get(key);
  if (!set) memberSets.set(key, (set = new Set(members)));
  return set;
};

export function concept(name: string): TaxonomyConcept | undefined {
  return concepts.get(name);
}

export function allConcepts(): IterableIterator<TaxonomyConcept> {
  return concepts.values();
}

/** English label of a member (without "[member]"), e.g. "Option A (Basic Module only)". */
export function memberLabel(member: string): string | undefined {
  return file.memberLabels[member];
}

/** Every member of a code list ("country", "nace", "waste"). */
export function codeList(list: "country" | "nace" | "waste"): readonly string[] {
  return file.codeLists[list] ?? [];
}

/** The hypercubes a concept is a primary item of (several for the GHG concepts: current vs base/target year). */
export function hypercubesOf(conceptName: string): Hypercube[] {
  return hypercubes.filter((h) => h.primaryItems.includes(conceptName));
}

/** Default member of an axis: a fact on the default member carries no dimension for that axis. */
export function axisDefault(axis: string): string | undefined {
  return file.defaults[axis];
}

/** True when `dimensions` (axis → member or typed value) is a valid combination for the concept. */
export function dimensionsAllowed(conceptName: string, dimensions: Readonly<Record<string, string>>): boolean {
  const axes = Object.keys(dimensions);
  if (axes.length === 0) return true;
  return hypercubesOf(conceptName).some(
    (h) =>
      axes.every((axis) =>
        h.typed.includes(axis)
          ? dimensions[axis] !== ""
          : h.explicit[axis] !== undefined && setOf(h.explicit[axis]!).has(dimensions[axis]!),
      ),
  );
}

/** True when `member` is in the concept's enumeration domain. */
export function enumerationAllows(conceptName: string, member: string): boolean {
  const domain = concepts.get(conceptName)?.domain;
  return domain !== undefined && setOf(domain).has(member);
}

/** The taxonomy's typed-dimension element (`vsme:TYP`) for every typed axis. */
export const TYPED_DIMENSION_ELEMENT = "vsme:TYP";

const UTR_UNITS: Readonly<Record<string, readonly string[]>> = {
  "dtr-types:energyItemType": ["utr:MWh", "utr:kWh", "utr:GWh", "utr:J", "utr:kJ", "utr:MJ", "utr:GJ", "utr:TJ", "utr:Wh"],
  "dtr-types:massItemType": ["utr:t", "utr:kg", "utr:g"],
  "dtr-types:volumeItemType": ["utr:m3", "utr:l"],
  "dtr-types:areaItemType": ["utr:sqm", "utr:ha", "utr:sqkm"],
  "dtr-types:ghgEmissionsItemType": ["utr:tCO2e", "utr:kgCO2e", "utr:gCO2e"],
};

/**
 * Whether `unit` (a measure, or `numerator/denominator`) may be used with a concept of this data type: ISO 4217
 * currencies for monetary items, Unit Type Registry units of the item type's dimension, tCO2e per currency for
 * emission intensities, `xbrli:pure` for decimals and percentages. Non-numeric concepts take no unit.
 */
export function unitAllowed(c: TaxonomyConcept, unit: string | undefined): boolean {
  if (!c.numeric) return unit === undefined;
  if (unit === undefined) return false;
  const currency = /^iso4217:[A-Z]{3}$/;
  if (c.baseType === "xbrli:monetaryItemType") return currency.test(unit);
  if (c.dataType === "dtr-types:ghgEmissionsPerMonetaryItemType") {
    const [num, den, extra] = unit.split("/");
    return extra === undefined && num === "utr:tCO2e" && den !== undefined && currency.test(den);
  }
  const utr = UTR_UNITS[c.dataType];
  if (utr) return utr.includes(unit);
  return unit === "xbrli:pure";
}
