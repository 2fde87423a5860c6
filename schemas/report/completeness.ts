/**
 * Honest completeness, walked from the datapoint catalogue: per module chosen (Option A / B), per disclosure,
 * per section and overall, with the list of what is missing (path, label, paragraph).
 *
 * A datapoint counts when the catalogue marks it "always", or "if-applicable" once its condition holds: the yes
 * to its trigger question, or a condition the report shows (consolidated → subsidiaries, 50 employees → turnover
 * rate …, see CONDITIONS). "May" datapoints and derived values never count; trigger questions always do (so a
 * "no" is recorded). Comprehensive disclosures count only under Option B. A group omitted as classified or
 * sensitive (24(b)) drops out. A section stored as not applicable counts as its trigger answered "no" — and, for
 * a disclosure VSME makes "always", blocks submission.
 */
import { catalogueEntries, DISCLOSURES, fieldPath } from "./catalogue";
import type { DisclosureSpec, FieldSpec } from "./catalogue-types";
import { groupCovers } from "./disclosure-groups";
import type { CompletenessSummary, DatapointRef, DisclosureCompleteness, ReportCompleteness, SectionCompleteness } from "./metrics-schema";
import type { ReportContent } from "./report";
import { REPORT_SECTION_KEYS, type ReportSectionKey } from "./sections";

/** B8 para 40: the turnover rate is disclosed "if the undertaking employs 50 or more employees". */
export const TURNOVER_RATE_REQUIRED_FROM_EMPLOYEES = 50;
/**
 * B10 42(b): the pay gap "may be omitted when its headcount is below 150 employees", a threshold that falls to 100
 * from 7 June 2031 (applied here to periods ending on or after that day).
 */
export const PAY_GAP_REQUIRED_FROM_HEADCOUNT = 150;
export const PAY_GAP_REQUIRED_FROM_HEADCOUNT_FROM_2031 = 100;
export const PAY_GAP_LOWER_THRESHOLD_FROM = "2031-06-07";

export function payGapHeadcountThreshold(periodEnd: string): number {
  return periodEnd >= PAY_GAP_LOWER_THRESHOLD_FROM ? PAY_GAP_REQUIRED_FROM_HEADCOUNT_FROM_2031 : PAY_GAP_REQUIRED_FROM_HEADCOUNT;
}

/** What completeness needs besides the content: the company facts the report states. */
export interface CompletenessContext {
  undertaking?: { legalForm?: string } | undefined;
}

type Section = Record<string, unknown> & { status?: string };

export function getPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const present = (value: unknown) =>
  value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) && value !== "";

function reportedSection(report: ReportContent, key: string): Section | undefined {
  const section = (report.sections as Record<string, Section | undefined>)[key];
  return section?.status === "reported" ? section : undefined;
}

/**
 * Head count for VSME's size conditions: the total when it is a head count, else the end-of-period head count
 * (the turnover-rate input), else the FTE total — a lower bound of the head count, so a condition met on it is met.
 */
export function knownHeadcount(report: ReportContent): number | undefined {
  const w = reportedSection(report, "workforce") as
    | { typeOfNumberOfEmployees?: string; numberOfEmployees?: number; employeesAtEndOfPeriod?: number }
    | undefined;
  if (!w) return undefined;
  if (w.typeOfNumberOfEmployees === "headcount" && w.numberOfEmployees !== undefined) return w.numberOfEmployees;
  return w.employeesAtEndOfPeriod ?? w.numberOfEmployees;
}

/** A gender is "present" unless the B8 breakdown says there are none of it (unknown counts as present). */
function hasEmployeesOfGender(report: ReportContent, gender: "male" | "female"): boolean {
  const count = getPath(reportedSection(report, "workforce"), `byGender.${gender}`) as number | undefined;
  return count === undefined || count > 0;
}

interface Walk {
  report: ReportContent;
  context: CompletenessContext;
}
const at = (walk: Walk, path: string) => getPath(walk.report, path);
const isYes = (walk: Walk, path: string) => at(walk, path) === true;

function averageIsTheTotal(walk: Walk) {
  return (
    at(walk, "sections.workforce.typeOfNumberOfEmployees") === "headcount" &&
    at(walk, "sections.workforce.employeeCountingMethodology") === "average"
  );
}
const turnoverRateApplies = (walk: Walk) => (knownHeadcount(walk.report) ?? 0) >= TURNOVER_RATE_REQUIRED_FROM_EMPLOYEES;
const payGapApplies = (walk: Walk) =>
  hasEmployeesOfGender(walk.report, "male") &&
  hasEmployeesOfGender(walk.report, "female") &&
  (knownHeadcount(walk.report) ?? 0) >= payGapHeadcountThreshold(walk.report.period.end);

/**
 * Conditions the report shows, by path: they decide whether an "always" or "if-applicable" datapoint is
 * required (false = not required). Paragraph references in docs/vsme-data-model.md.
 */
const CONDITIONS: Record<string, (walk: Walk) => boolean> = {
  "sections.basisForPreparation.subsidiaries": (w) => at(w, "sections.basisForPreparation.basisForReporting") === "consolidated",
  "sections.basisForPreparation.unchangedDisclosures": (w) =>
    isYes(w, "sections.basisForPreparation.containsUnchangedDisclosures") || present(at(w, "sections.basisForPreparation.unchangedDisclosures")),
  "sections.basisForPreparation.linkToPreviousReport": (w) =>
    isYes(w, "sections.basisForPreparation.containsUnchangedDisclosures") || present(at(w, "sections.basisForPreparation.unchangedDisclosures")),
  "sections.practicesPolicies.cooperative.participationInGovernance": (w) => w.context.undertaking?.legalForm === "cooperative",
  "sections.practicesPolicies.cooperative.investmentInSocialEconomyEntities": (w) => w.context.undertaking?.legalForm === "cooperative",
  "sections.practicesPolicies.cooperative.profitDistributionLimits": (w) => w.context.undertaking?.legalForm === "cooperative",
  // The para 29 table: a "yes" asks for a breakdown, one value at least (the template's rule).
  "sections.energyAndEmissions.energy.breakdown.electricity.renewable": (w) => isYes(w, "sections.energyAndEmissions.energy.hasBreakdown"),
  "sections.energyAndEmissions.energy.breakdown.electricity.nonRenewable": () => false,
  "sections.energyAndEmissions.energy.breakdown.selfGeneratedElectricity.renewable": () => false,
  "sections.energyAndEmissions.energy.breakdown.selfGeneratedElectricity.nonRenewable": () => false,
  "sections.energyAndEmissions.energy.breakdown.fuels.renewable": () => false,
  "sections.energyAndEmissions.energy.breakdown.fuels.nonRenewable": () => false,
  "sections.pollution.unit": (w) => present(at(w, "sections.pollution.emissions")),
  "sections.pollution.emissions": (w) =>
    isYes(w, "sections.pollution.hasPollutantReportingObligation") && at(w, "sections.pollution.publiclyAvailable") === false,
  "sections.biodiversity.areaUnit": (w) =>
    ((at(w, "sections.biodiversity.sites") as Array<{ area?: number }> | undefined) ?? []).some((s) => s.area !== undefined) ||
    Object.values((at(w, "sections.biodiversity.landUse") as object | undefined) ?? {}).some((v) => v !== undefined),
  // B8 39(c): the trigger, or — for reports stored before it — sites in more than one country.
  "sections.workforce.byCountry": (w) => {
    const answer = at(w, "sections.workforce.employsInMoreThanOneCountry");
    if (answer !== undefined) return answer === true;
    const sites = (at(w, "sections.basisForPreparation.sites") as Array<{ country: string }> | undefined) ?? [];
    return new Set(sites.map((s) => s.country)).size > 1;
  },
  // Other / not reported gender: absent means none (the template's sum check counts them as 0).
  "sections.workforce.byGender.other": () => false,
  "sections.workforce.byGender.notReported": () => false,
  "sections.workforce.numberOfEmployeesWhoLeft": turnoverRateApplies,
  "sections.workforce.employeesAtStartOfPeriod": (w) => turnoverRateApplies(w) && !averageIsTheTotal(w),
  "sections.workforce.employeesAtEndOfPeriod": (w) => turnoverRateApplies(w) && !averageIsTheTotal(w),
  "sections.remuneration.averageGrossHourlyPay.male": payGapApplies,
  "sections.remuneration.averageGrossHourlyPay.female": payGapApplies,
  // 42(c): the number covered or the percentage — one datapoint (see ALTERNATIVES).
  "sections.remuneration.percentageCoveredByCollectiveBargaining": () => false,
  // 42(d): an average per employee of a gender the undertaking does not employ does not exist.
  "sections.remuneration.averageAnnualTrainingHours.male": (w) => hasEmployeesOfGender(w.report, "male"),
  "sections.remuneration.averageAnnualTrainingHours.female": (w) => hasEmployeesOfGender(w.report, "female"),
  "sections.policiesDescription.description": (w) => isYes(w, "sections.practicesPolicies.hasPracticesPoliciesOrInitiatives"),
  "sections.policiesDescription.mostSeniorAccountable": (w) => isYes(w, "sections.practicesPolicies.hasPracticesPoliciesOrInitiatives"),
  "sections.policiesDescription.targetDescription": (w) => isYes(w, "sections.practicesPolicies.hasTargets"),
  "sections.ghgTargets.transitionPlanAdoptionDate": (w) =>
    isYes(w, "sections.ghgTargets.inHighClimateImpactSector") && at(w, "sections.ghgTargets.hasTransitionPlan") === false,
  "sections.humanRightsPolicies.otherPolicyContent": (w) =>
    ((at(w, "sections.humanRightsPolicies.policyCovers") as string[] | undefined) ?? []).includes("other"),
  "sections.humanRightsIncidents.otherIncidentTopic": (w) =>
    ((at(w, "sections.humanRightsIncidents.incidentTopics") as string[] | undefined) ?? []).includes("other"),
  // C8 63: a "yes" asks for the revenues of the listed sectors — one amount at least (see ALTERNATIVES).
  "sections.sectorRevenues.tobacco": () => false,
  "sections.sectorRevenues.coal": () => false,
  "sections.sectorRevenues.oil": () => false,
  "sections.sectorRevenues.gas": () => false,
  "sections.sectorRevenues.chemicals": () => false,
  // C9: the two counts, or the ratio alone (see ALTERNATIVES).
  "sections.governanceDiversity.maleMembers": (w) => isYes(w, "sections.governanceDiversity.hasGovernanceBody") && at(w, "sections.governanceDiversity.genderDiversityRatio") === undefined,
};

/** A datapoint that one of several inputs fills (paths from the report root). */
const ALTERNATIVES: Record<string, readonly string[]> = {
  "sections.energyAndEmissions.energy.breakdown.electricity.renewable": ["electricity", "selfGeneratedElectricity", "fuels"].flatMap((s) =>
    ["renewable", "nonRenewable"].map((k) => `sections.energyAndEmissions.energy.breakdown.${s}.${k}`),
  ),
  "sections.energyAndEmissions.ghg.grossScope3.value": ["sections.energyAndEmissions.ghg.grossScope3.value", "sections.energyAndEmissions.ghg.grossScope3.categories"],
  "sections.workforce.employeesAtStartOfPeriod": ["sections.workforce.employeesAtStartOfPeriod"],
  "sections.remuneration.employeesCoveredByCollectiveBargaining": [
    "sections.remuneration.employeesCoveredByCollectiveBargaining",
    "sections.remuneration.percentageCoveredByCollectiveBargaining",
  ],
  "sections.sectorRevenues.controversialWeapons": ["controversialWeapons", "tobacco", "coal", "oil", "gas", "chemicals"].map((k) => `sections.sectorRevenues.${k}`),
  "sections.governanceDiversity.femaleMembers": ["sections.governanceDiversity.femaleMembers", "sections.governanceDiversity.genderDiversityRatio"],
  "sections.pollution.emissions": ["sections.pollution.emissions"],
};

const DATAPOINT_LABELS: Record<string, string> = {
  "sections.energyAndEmissions.energy.breakdown.electricity.renewable": "Energy consumption breakdown (at least one value)",
  "sections.sectorRevenues.controversialWeapons": "Revenues from the listed sectors (at least one amount)",
  "sections.remuneration.employeesCoveredByCollectiveBargaining": "Employees covered by collective agreements (number or percentage)",
};

function isRequired(walk: Walk, disclosure: DisclosureSpec, field: FieldSpec, path: string): boolean {
  if (field.requirement === "may" || field.derived) return false;
  const condition = CONDITIONS[path];
  if (condition) return condition(walk);
  if (field.requirement === "always") return true;
  const sectionPath = `sections.${field.section ?? disclosure.section}`;
  if (field.trigger) return isYes(walk, `${sectionPath}.${field.trigger}`);
  if (disclosure.applicability) return isYes(walk, `${sectionPath}.${disclosure.applicability.field}`);
  return false;
}

function isFilled(walk: Walk, path: string): boolean {
  return (ALTERNATIVES[path] ?? [path]).some((p) => {
    const value = at(walk, p);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return Object.values(value).some((v) => v !== undefined);
    return present(value);
  });
}

const percentOf = (filled: number, required: number) => (required === 0 ? 100 : Math.round((filled / required) * 1000) / 10);

/** True when a 24(b) omission covers the field (its group or its whole disclosure). */
function omittedBy(omitted: readonly string[], disclosure: DisclosureSpec, field: FieldSpec): boolean {
  const group = field.group ?? disclosure.code;
  return omitted.some((key) => groupCovers(key, group));
}

export function omittedGroups(report: ReportContent): readonly string[] {
  return (getPath(report, "sections.basisForPreparation.omittedDisclosures") as string[] | undefined) ?? [];
}

/** Fields a completeness walk visits: inputs in sections (company facts and report-level fields are validated elsewhere). */
const walked = (field: FieldSpec) => !field.derived && (field.root ?? "section") === "section";

interface Datapoint {
  /** The section the value lives in (B1's employee count is in `workforce`). */
  section: ReportSectionKey;
  filled: boolean;
  ref: DatapointRef;
}

const sectionOf = (report: ReportContent, key: string) => (report.sections as Record<string, Section | undefined>)[key];

function tally(points: readonly Datapoint[]) {
  const filled = points.filter((p) => p.filled).length;
  return { filled, required: points.length, percent: percentOf(filled, points.length) };
}

export function computeCompleteness(report: ReportContent, context: CompletenessContext = {}): ReportCompleteness {
  const walk: Walk = { report, context };
  const optionB = report.module === "basic_comprehensive";
  const omitted = omittedGroups(report);
  const blockers: ReportCompleteness["blockers"] = [];
  const points: Datapoint[] = [];
  const disclosures: DisclosureCompleteness[] = [];
  const sectionStates = new Map<string, DisclosureCompleteness["state"]>();

  for (const disclosure of DISCLOSURES) {
    const section = sectionOf(report, disclosure.section);
    const legacyNotApplicable = section?.status === "not_applicable";
    let state: DisclosureCompleteness["state"] | undefined;
    if (disclosure.module === "comprehensive" && !optionB) state = "not_required";
    else if (omitted.includes(disclosure.code)) state = "omitted";
    // Stored before the trigger question existed: "not applicable" is the trigger's "no".
    else if (legacyNotApplicable && disclosure.applicability) state = "not_applicable";
    else if (legacyNotApplicable) {
      blockers.push({
        path: `sections.${disclosure.section}.status`,
        message: `${disclosure.code} (${disclosure.title}) is always reported in the Basic module and can't be marked not applicable: report its datapoints (zeros where that is the truth)`,
      });
    }
    const own: Datapoint[] = [];
    if (!state) {
      for (const field of disclosure.fields) {
        if (!walked(field) || omittedBy(omitted, disclosure, field)) continue;
        const path = fieldPath(disclosure, field);
        if (!isRequired(walk, disclosure, field, path)) continue;
        own.push({
          section: (field.section ?? disclosure.section) as ReportSectionKey,
          filled: !legacyNotApplicable && isFilled(walk, path),
          ref: { path, label: DATAPOINT_LABELS[path] ?? field.label, paragraph: `${disclosure.code} ${field.paragraph}`, disclosure: disclosure.code },
        });
      }
      const complete = own.every((p) => p.filled) && !legacyNotApplicable;
      state = complete ? "complete" : section === undefined ? "not_started" : "in_progress";
    }
    points.push(...own);
    sectionStates.set(disclosure.section, state);
    disclosures.push({
      code: disclosure.code,
      title: disclosure.title,
      module: disclosure.module,
      state,
      ...tally(own),
      missing: own.filter((p) => !p.filled).map((p) => p.ref),
    });
  }

  const sections = Object.fromEntries(
    REPORT_SECTION_KEYS.map((key) => {
      const own = points.filter((p) => p.section === key);
      const missing = own.filter((p) => !p.filled);
      let state = sectionStates.get(key) ?? "complete";
      if (state === "complete" || state === "in_progress" || state === "not_started") {
        const section = sectionOf(report, key);
        state = missing.length === 0 && section?.status !== "not_applicable" ? "complete" : section === undefined ? "not_started" : "in_progress";
      }
      return [key, { state, ...tally(own), missing: missing.map((p) => p.ref.path) }];
    }),
  ) as ReportCompleteness["sections"];

  const moduleTally = (module: "basic" | "comprehensive") => {
    const own = points.filter((p) => DISCLOSURE_MODULE.get(p.ref.disclosure) === module);
    const t = tally(own);
    return { ...t, complete: t.filled === t.required && blockers.length === 0 };
  };
  const overall = tally(points);
  const missing = points.filter((p) => !p.filled).map((p) => p.ref);
  return {
    ...overall,
    complete: missing.length === 0 && blockers.length === 0,
    sections,
    disclosures,
    modules: { basic: moduleTally("basic"), comprehensive: optionB ? moduleTally("comprehensive") : null },
    missing,
    blockers,
  };
}

const DISCLOSURE_MODULE = new Map(DISCLOSURES.map((d) => [d.code, d.module]));

/** The catalogue entry of a path, for messages (label and paragraph). */
export function datapointRef(path: string): DatapointRef | undefined {
  const entry = catalogueEntries().find((e) => e.path === path);
  return entry && { path, label: entry.field.label, paragraph: `${entry.disclosure.code} ${entry.field.paragraph}`, disclosure: entry.disclosure.code };
}

export function computeSectionCompleteness(key: ReportSectionKey, report: ReportContent, context: CompletenessContext = {}): SectionCompleteness {
  return computeCompleteness(report, context).sections[key];
}

/** The counts and states of a completeness, as a report stores them (the missing lists dropped). */
export function summarizeCompleteness(completeness: ReportCompleteness): CompletenessSummary {
  const counts = ({ filled, required, percent }: { filled: number; required: number; percent: number }) => ({ filled, required, percent });
  return {
    ...counts(completeness),
    complete: completeness.complete,
    sections: Object.fromEntries(
      Object.entries(completeness.sections).map(([key, section]) => [key, { state: section.state, ...counts(section) }]),
    ) as CompletenessSummary["sections"],
    disclosures: completeness.disclosures.map((d) => ({ code: d.code, state: d.state, ...counts(d) })),
    modules: completeness.modules,
    blockers: completeness.blockers,
  };
}

/** A stored report's full completeness (with what is missing), from its content and the company facts it states. */
export function completenessOfReport(report: ReportContent & { undertaking?: { legalForm?: string } | undefined }): ReportCompleteness {
  return computeCompleteness(report, { undertaking: report.undertaking });
}
