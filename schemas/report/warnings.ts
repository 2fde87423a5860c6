/**
 * Plausibility warnings: shown next to the field, never blocking a save (errors are the schemas' issues). Each
 * one names a contradiction a reviewer would query; the thresholds are documented in docs/vsme-data-model.md.
 */
import { formatNumber } from "../common";
import type { ReportWarning } from "./metrics-schema";
import type { ReportContent } from "./report";
import type { ReportSections } from "./sections";

/** The EFRAG template's default for hours worked: 2,000 hours per employee per year (editable). */
export const DEFAULT_HOURS_PER_EMPLOYEE = 2000;
/** Hours worked per employee outside this range are queried (a full-time year is ~1,600–2,200 h). */
export const PLAUSIBLE_HOURS_PER_EMPLOYEE = { min: 500, max: 3000 } as const;
/** Paris-aligned benchmark exclusion thresholds (Delegated Reg. (EU) 2020/1818 art. 12(1)(d)–(f)), share of revenue. */
export const PAB_EXCLUSION_SHARES = { coal: 0.01, oil: 0.1, gas: 0.5 } as const;

/** Hours worked estimated the template's way: hours per employee (default 2,000) × employees. */
export function estimateHoursWorked(employees: number, hoursPerEmployee: number = DEFAULT_HOURS_PER_EMPLOYEE): number {
  return employees * hoursPerEmployee;
}

function reported<K extends keyof ReportSections>(sections: ReportSections, key: K) {
  const section = sections[key] as { status?: string } | undefined;
  return section?.status === "reported" ? (section as Extract<NonNullable<ReportSections[K]>, { status: "reported" }>) : undefined;
}

export function computeWarnings(report: ReportContent): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const warn = (path: string, code: string, message: string) => warnings.push({ path, code, message });
  const { sections } = report;

  const workforce = reported(sections, "workforce");
  const employees = workforce?.numberOfEmployees;
  if (
    workforce?.typeOfNumberOfEmployees === "headcount" &&
    workforce.employeeCountingMethodology === "end_of_period" &&
    employees !== undefined &&
    workforce.employeesAtEndOfPeriod !== undefined &&
    workforce.employeesAtEndOfPeriod !== employees
  ) {
    warn(
      "sections.workforce.employeesAtEndOfPeriod",
      "headcount_end_of_period_mismatch",
      `The head count at the end of the period (${formatNumber(workforce.employeesAtEndOfPeriod)}) differs from the number of employees (${formatNumber(employees)}), which is also an end-of-period head count`,
    );
  }

  const safety = reported(sections, "healthAndSafety");
  if (safety?.totalHoursWorked !== undefined && employees !== undefined && employees > 0 && safety.totalHoursWorked > 0) {
    const perEmployee = safety.totalHoursWorked / employees;
    if (perEmployee < PLAUSIBLE_HOURS_PER_EMPLOYEE.min || perEmployee > PLAUSIBLE_HOURS_PER_EMPLOYEE.max) {
      warn(
        "sections.healthAndSafety.totalHoursWorked",
        "hours_worked_implausible",
        `${formatNumber(Math.round(perEmployee))} hours per employee: check the hours worked (without time records, ${formatNumber(DEFAULT_HOURS_PER_EMPLOYEE)} h × employees = ${formatNumber(estimateHoursWorked(employees))} h)`,
      );
    }
  }

  const b3 = reported(sections, "energyAndEmissions");
  const fuels = b3?.energy?.breakdown?.fuels;
  const scope1 = b3?.ghg?.grossScope1?.value;
  if (scope1 === 0 && (fuels?.nonRenewable ?? 0) > 0) {
    warn(
      "sections.energyAndEmissions.ghg.grossScope1.value",
      "scope1_zero_with_fuels",
      `Scope 1 is 0 although ${formatNumber(fuels!.nonRenewable!)} MWh of non-renewable fuels were burnt`,
    );
  }

  const water = reported(sections, "water");
  if (water?.totalWaterWithdrawal !== undefined && water.waterDischarge !== undefined && water.waterDischarge > water.totalWaterWithdrawal) {
    warn("sections.water.waterDischarge", "discharge_exceeds_withdrawal", "More water discharged than withdrawn: the water consumption comes out negative");
  }

  const c8 = reported(sections, "sectorRevenues");
  const turnover = report.turnover.amount;
  if (c8 && turnover > 0 && c8.excludedFromParisAlignedBenchmarks === false) {
    const over = (["coal", "oil", "gas"] as const).filter((fuel) => (c8[fuel] ?? 0) / turnover >= PAB_EXCLUSION_SHARES[fuel]);
    if (over.length > 0) {
      warn(
        "sections.sectorRevenues.excludedFromParisAlignedBenchmarks",
        "pab_exclusion_thresholds_met",
        `Revenue from ${over.join(", ")} reaches the Paris-aligned benchmark exclusion threshold (coal 1 %, oil 10 %, gas 50 % of revenue): check the answer`,
      );
    }
  }
  return warnings;
}
