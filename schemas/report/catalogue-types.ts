/**
 * The shape of the VSME datapoint catalogue: every disclosure (B1…B11, C1…C9, D99) with its datapoints in the
 * standard's order, their labels, help, paragraph, unit, applicability and XBRL concept. Forms are generated
 * from it, completeness walks it, the XBRL/CSV exports and the Digital Template import map through it.
 * Types only: the catalogue itself (`DISCLOSURES`) lives beside the section schemas. A leaf module, safe for the
 * browser.
 */

/**
 * How a value is entered and stored. `table` holds rows of `columns` (sites, subsidiaries, waste codes…).
 * `geolocation` is `{ latitude, longitude }` (XBRL: "latitude, longitude"); `pollutant` a key of the E-PRTR list and
 * `wasteCode` a six-digit List of Waste code (both listed by `code-lists.ts`); `disclosureGroups` a list of
 * `DISCLOSURE_GROUPS` keys ("B3", "B1.sites" …); `year` a four-digit year.
 */
export type FieldKind =
  | "number"
  | "integer"
  | "percent"
  | "money"
  | "text"
  | "longText"
  | "boolean"
  | "enum"
  | "multiEnum"
  | "date"
  | "country"
  | "nace"
  | "url"
  | "table"
  | "year"
  | "geolocation"
  | "pollutant"
  | "wasteCode"
  | "disclosureGroups";

/** VSME wording: "shall" (always), "if applicable" (after a yes to the trigger question), "may" (optional). */
export type Requirement = "always" | "if-applicable" | "may";

export interface XbrlRef {
  /** Taxonomy concept local name, 2026-05-01 (namespace prefix `vsme:`). */
  concept: string;
  /** Explicit axis → member (both with `vsme:` prefix). */
  dimensions?: Readonly<Record<string, string>>;
  /**
   * How the stored value becomes the XBRL value. percentToFraction: 12.5 (%) → 0.125 (`percentItemType`).
   * perMillionToPerUnit: intensities are stored per million currency units, XBRL wants per unit (÷ 10^6).
   * enum: the value is one of the field's option values; its `xbrlMember` is the fact value (a `country`
   * field's member is `country:<code>`, a `nace` field's `nace:NACE_<section letter><digits>`).
   */
  transform?: "percentToFraction" | "perMillionToPerUnit" | "enum" | "geolocation";
  /**
   * For a table column whose concept is one fact for the whole table (an enumeration set of the rows' values,
   * e.g. the B2 sustainability matters): "set".
   */
  fromRows?: "set";
  /** C3: the fact's period is the calendar year given by this field of the section, not the report's period. */
  periodFrom?: "baseYear" | "targetYear";
}

/**
 * The axis each row of a `table` field is reported on. Typed axes carry a row identifier (the row's `idColumn`
 * value, else its 1-based position); explicit axes carry the member named by the row's `memberColumn`.
 */
export interface RowAxisSpec {
  axis: string;
  typed: boolean;
  idColumn?: string;
  memberColumn?: string;
}

export interface FieldOption {
  value: string;
  label: string;
  /** Taxonomy member for enumerations, e.g. `vsme:LimitedLiabilityCompanyMember`. */
  xbrlMember?: string;
}

export interface FieldSpec {
  /** Dotted path inside the disclosure's section object (`energy.totalEnergyConsumption`). */
  key: string;
  label: string;
  help?: string;
  /** Paragraph of the standard, e.g. "29(a)". */
  paragraph: string;
  kind: FieldKind;
  /** Display unit: "MWh", "tCO2e", "m3", "ha", "t", "%", "hours", "persons", or "currency" (the report's). */
  unit?: string;
  /**
   * When the preparer chooses the unit (kg or t, ha or m²): the key of the enum field holding it — a column of the
   * same row, else a field of the section. `unit` is then the family's XBRL default ("t", "ha").
   */
  unitFrom?: string;
  options?: readonly FieldOption[];
  /** For `nace` and `country`: a list of codes rather than one. */
  multiple?: boolean;
  requirement: Requirement;
  /** For `table`: the columns of one row (their keys are relative to the row). */
  columns?: readonly FieldSpec[];
  xbrl?: XbrlRef;
  /** True when the server computes it (never an input). */
  derived?: boolean;
  /**
   * Where `key` starts. Default "section": `report.sections[<the disclosure's section>]` (or `section` below).
   * "report": the report root (`module`, `turnover.amount`); "metrics": the server-computed `report.metrics`;
   * "undertaking": the company facts snapshotted into the report (`report.undertaking`).
   */
  root?: "section" | "report" | "metrics" | "undertaking";
  /** For root "section": the section holding the value when it is not the disclosure's own. */
  section?: string;
  /** For derived fields: the formula and where it comes from (paragraph, taxonomy note, template cell). */
  formula?: string;
  /** Why an input has no XBRL concept (a helper input of a derived datapoint, a D99 narrative, data quality). */
  withoutXbrl?: string;
  /** The condition under which an "if-applicable" datapoint is required, in words. */
  appliesWhen?: string;
  /** For `table`: how each row is reported in XBRL. */
  rowAxis?: RowAxisSpec;
  /** Key (in the same section) of the yes/no question whose "yes" makes this "if-applicable" field required. */
  trigger?: string;
  /** True for a yes/no trigger question of the template (recorded and exported, a "no" too). */
  isTrigger?: boolean;
  /**
   * The 24(b) omission group the field belongs to (`DISCLOSURE_GROUPS` key, e.g. "B1.sites"); default the
   * disclosure's code. Omitting the group (or its disclosure) empties the field and drops it from completeness.
   */
  group?: string;
}

export interface ApplicabilitySpec {
  /** Dotted path of the yes/no answer inside the section (e.g. `hasPollutantReportingObligation`). */
  field: string;
  question: string;
  help?: string;
  /** XBRL concept that records the answer (a "no" is exported too), when the taxonomy has one. */
  xbrl?: XbrlRef;
}

/** Datapoints that may be omitted together as classified or sensitive (para 24(b)). */
export interface OmissionGroupSpec {
  key: string;
  label: string;
  /** Field keys the group covers. */
  fields: readonly string[];
  /** Taxonomy member of the omitted-disclosures list. */
  xbrlMember?: string;
}

export interface DisclosureSpec {
  /** "B1" … "B11", "C1" … "C9", "D99". */
  code: string;
  title: string;
  /** Option A = basic only; comprehensive disclosures apply with Option B. */
  module: "basic" | "comprehensive";
  /** Key under `report.sections`. */
  section: string;
  pillar: "general" | "environmental" | "social" | "governance";
  /** Paragraph range, e.g. "29–31". */
  paragraphs: string;
  applicability?: ApplicabilitySpec;
  omissionGroups?: readonly OmissionGroupSpec[];
  fields: readonly FieldSpec[];
}
