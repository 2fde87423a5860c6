/** B8 workforce, B9 health and safety, B10 remuneration, collective bargaining and training (VSME paras 39–42). */
import { z } from "zod";
import { count, CountryCodeSchema, nonNegativeQuantity, percentage, strictObject } from "../common";
import { addIssue, checkBreakdown } from "./rules";
import { notApplicableSection, SECTION_STATUS_MESSAGE } from "./section-status";

// ---------------------------------------------------------------------------------------------------------
// B8 — Workforce: general characteristics

/** `TypeOfNumberOfEmployees`: head count or full-time equivalents. */
export const EMPLOYEE_COUNTING_BASES = ["headcount", "fte"] as const;
/** `EmployeeCountingMethodology`: at the end of the period or averaged over it. */
export const EMPLOYEE_COUNTING_METHODS = ["end_of_period", "average"] as const;

/** Employee numbers: decimals allowed (FTE); whole numbers are enforced when the basis is head count. */
const employees = () => nonNegativeQuantity();

export const EmployeesByCountrySchema = strictObject({
  country: CountryCodeSchema,
  numberOfEmployees: employees(),
}).meta({ id: "EmployeesByCountry", description: "Employees by country of employment contract (B8 39 c)." });

export const WorkforceReportedSchema = strictObject({
  status: z.literal("reported"),
  typeOfNumberOfEmployees: z
    .enum(EMPLOYEE_COUNTING_BASES, { error: "Choose head count or full-time equivalents" })
    .optional(),
  employeeCountingMethodology: z
    .enum(EMPLOYEE_COUNTING_METHODS, { error: "Choose at the end of the period or average over the period" })
    .optional(),
  /** Total employees on the chosen basis; every breakdown adds up to it. */
  numberOfEmployees: employees().optional(),
  byContract: strictObject({
    permanent: employees().optional(),
    temporary: employees().optional(),
  }).optional(),
  byGender: strictObject({
    male: employees().optional(),
    female: employees().optional(),
    other: employees().optional(),
    notReported: employees().optional(),
  }).optional(),
  /** Trigger of 39(c): does the undertaking employ people in more than one country? */
  employsInMoreThanOneCountry: z.boolean({ error: "Answer yes or no" }).optional(),
  /** If the undertaking employs people in more than one country. */
  byCountry: z.array(EmployeesByCountrySchema).max(249).optional(),
  byWorkingTime: strictObject({
    fullTime: employees().optional(),
    partTime: employees().optional(),
  }).optional(),
  /** People who left during the period (always a head count), for the turnover rate. */
  numberOfEmployeesWhoLeft: count().optional(),
  /** Head count at the start and end of the period: their mean is the average used for the turnover rate. */
  employeesAtStartOfPeriod: count().optional(),
  employeesAtEndOfPeriod: count().optional(),
})
  .superRefine((s, ctx) => {
    const total = s.numberOfEmployees;
    if (s.typeOfNumberOfEmployees === "headcount") {
      const wholeNumber = (path: ReadonlyArray<string | number>, value: number | undefined) => {
        if (value !== undefined && !Number.isInteger(value)) {
          addIssue(ctx, path, "A head count is a whole number (use FTE as the counting basis for fractions)");
        }
      };
      wholeNumber(["numberOfEmployees"], total);
      for (const key of ["permanent", "temporary"] as const) wholeNumber(["byContract", key], s.byContract?.[key]);
      for (const key of ["male", "female", "other", "notReported"] as const) {
        wholeNumber(["byGender", key], s.byGender?.[key]);
      }
      for (const key of ["fullTime", "partTime"] as const) wholeNumber(["byWorkingTime", key], s.byWorkingTime?.[key]);
      s.byCountry?.forEach((row, i) => wholeNumber(["byCountry", i, "numberOfEmployees"], row.numberOfEmployees));
    }

    if (s.employsInMoreThanOneCountry === false && (s.byCountry?.length ?? 0) > 1) {
      addIssue(ctx, ["employsInMoreThanOneCountry"], "You listed employees in several countries: answer yes, or keep one country");
    }
    const seen = new Set<string>();
    s.byCountry?.forEach((row, i) => {
      if (seen.has(row.country)) addIssue(ctx, ["byCountry", i, "country"], `${row.country} is listed twice`);
      seen.add(row.country);
    });

    if (total === undefined) return;
    const totalRef = { label: "the total number of employees", value: total };
    // Unit omitted on purpose: "… add up to 62, but the total number of employees is 60."
    const { permanent, temporary } = s.byContract ?? {};
    if (permanent !== undefined && temporary !== undefined) {
      checkBreakdown(ctx, ["byContract"], [["permanent", permanent], ["temporary", temporary]], totalRef);
    }
    const g = s.byGender;
    if (g?.male !== undefined && g.female !== undefined) {
      checkBreakdown(
        ctx,
        ["byGender"],
        [
          ["male", g.male],
          ["female", g.female],
          ["other", g.other ?? 0],
          ["not reported", g.notReported ?? 0],
        ],
        totalRef,
      );
    }
    if (s.byCountry && s.byCountry.length > 0) {
      checkBreakdown(
        ctx,
        ["byCountry"],
        s.byCountry.map((row) => [row.country, row.numberOfEmployees] as const),
        totalRef,
      );
    }
    const { fullTime, partTime } = s.byWorkingTime ?? {};
    if (fullTime !== undefined && partTime !== undefined) {
      checkBreakdown(ctx, ["byWorkingTime"], [["full-time", fullTime], ["part-time", partTime]], totalRef);
    }
  })
  .meta({ id: "WorkforceReported", description: "B8 — Workforce general characteristics, reported." });

export const WorkforceSectionSchema = z
  .discriminatedUnion(
    "status",
    [WorkforceReportedSchema, notApplicableSection("WorkforceNotApplicable", "B8 — Workforce")],
    { error: SECTION_STATUS_MESSAGE },
  )
  .meta({ id: "WorkforceSection", description: "B8 — Workforce: general characteristics." });
export type WorkforceSection = z.infer<typeof WorkforceSectionSchema>;
export type WorkforceReported = z.infer<typeof WorkforceReportedSchema>;

// ---------------------------------------------------------------------------------------------------------
// B9 — Health and safety

export const HealthAndSafetyReportedSchema = strictObject({
  status: z.literal("reported"),
  numberOfRecordableWorkRelatedAccidents: count().optional(),
  /** Hours worked by all employees in the period (the accident rate's denominator). */
  totalHoursWorked: nonNegativeQuantity().optional(),
  /** Deaths from work-related injuries and work-related ill health. */
  numberOfFatalities: count().optional(),
  /** Optional split of the fatalities (not a VSME datapoint); when given it adds up to numberOfFatalities. */
  fatalitiesBreakdown: strictObject({
    workRelatedInjuries: count(),
    workRelatedIllHealth: count(),
  }).optional(),
})
  .superRefine((s, ctx) => {
    const accidents = s.numberOfRecordableWorkRelatedAccidents;
    if (accidents !== undefined && accidents > 0 && s.totalHoursWorked === 0) {
      addIssue(ctx, ["totalHoursWorked"], "Hours worked can't be 0 when recordable accidents happened");
    }
    const b = s.fatalitiesBreakdown;
    if (b && s.numberOfFatalities !== undefined) {
      checkBreakdown(
        ctx,
        ["fatalitiesBreakdown"],
        [["deaths from work-related injuries", b.workRelatedInjuries], ["deaths from work-related ill health", b.workRelatedIllHealth]],
        { label: "the number of fatalities", value: s.numberOfFatalities },
      );
    }
    // No rule ties fatalities to recordable accidents: B9 41(a) and 41(b) are separate counts, one accident can
    // kill several people, and a death from ill health (or in this period from an earlier accident) has no
    // accident in the period at all.
  })
  .meta({ id: "HealthAndSafetyReported", description: "B9 — Health and safety, reported." });

export const HealthAndSafetySectionSchema = z
  .discriminatedUnion(
    "status",
    [HealthAndSafetyReportedSchema, notApplicableSection("HealthAndSafetyNotApplicable", "B9 — Health and safety")],
    { error: SECTION_STATUS_MESSAGE },
  )
  .meta({ id: "HealthAndSafetySection", description: "B9 — Health and safety." });
export type HealthAndSafetySection = z.infer<typeof HealthAndSafetySectionSchema>;

// ---------------------------------------------------------------------------------------------------------
// B10 — Remuneration, collective bargaining and training

const HOURS_IN_A_YEAR = 8784; // leap year
const hourlyPay = () =>
  z.number({ error: "Enter a number" }).positive({ error: "Enter an hourly pay greater than 0" });
const trainingHours = () =>
  nonNegativeQuantity().max(HOURS_IN_A_YEAR, { error: "That is more hours than a year has" });

export const RemunerationReportedSchema = strictObject({
  status: z.literal("reported"),
  employeesReceivePayEqualOrAboveMinimumWage: z.boolean({ error: "Answer yes or no" }).optional(),
  /** Average gross hourly pay by gender, in the report's currency: inputs of the gender pay gap. */
  averageGrossHourlyPay: strictObject({
    male: hourlyPay().optional(),
    female: hourlyPay().optional(),
  }).optional(),
  /**
   * Give the number of employees covered (on the B8 counting basis), or — if only that is known — the
   * percentage. Not both.
   */
  employeesCoveredByCollectiveBargaining: employees().optional(),
  percentageCoveredByCollectiveBargaining: percentage().optional(),
  averageAnnualTrainingHours: strictObject({
    male: trainingHours().optional(),
    female: trainingHours().optional(),
    other: trainingHours().optional(),
    notReported: trainingHours().optional(),
  }).optional(),
})
  .superRefine((s, ctx) => {
    if (s.employeesCoveredByCollectiveBargaining !== undefined && s.percentageCoveredByCollectiveBargaining !== undefined) {
      addIssue(
        ctx,
        ["percentageCoveredByCollectiveBargaining"],
        "Give either the number of employees covered by collective agreements or the percentage, not both",
      );
    }
  })
  .meta({ id: "RemunerationReported", description: "B10 — Remuneration, collective bargaining and training, reported." });

export const RemunerationSectionSchema = z
  .discriminatedUnion(
    "status",
    [RemunerationReportedSchema, notApplicableSection("RemunerationNotApplicable", "B10 — Remuneration")],
    { error: SECTION_STATUS_MESSAGE },
  )
  .meta({ id: "RemunerationSection", description: "B10 — Remuneration, collective bargaining and training." });
export type RemunerationSection = z.infer<typeof RemunerationSectionSchema>;
