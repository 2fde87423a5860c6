/** B3 — Energy and greenhouse-gas emissions (VSME paras 29–31; Scope 3 per paras 50–53). */
import { z } from "zod";
import { formatNumber, nonNegativeQuantity, strictObject, sumsMatch } from "../common";
import { addIssue, breakdownSentence, sumPresent } from "./rules";
import { dataQualityFields, notApplicableSection, SECTION_STATUS_MESSAGE } from "./section-status";

/** The 15 Scope 3 categories of the GHG Protocol Corporate Value Chain (Scope 3) Standard, in order. */
export const SCOPE3_CATEGORIES = [
  { key: "purchasedGoodsAndServices", number: 1, label: "Purchased goods and services" },
  { key: "capitalGoods", number: 2, label: "Capital goods" },
  { key: "fuelAndEnergyRelatedActivities", number: 3, label: "Fuel- and energy-related activities" },
  { key: "upstreamTransportationAndDistribution", number: 4, label: "Upstream transportation and distribution" },
  { key: "wasteGeneratedInOperations", number: 5, label: "Waste generated in operations" },
  { key: "businessTravel", number: 6, label: "Business travel" },
  { key: "employeeCommuting", number: 7, label: "Employee commuting" },
  { key: "upstreamLeasedAssets", number: 8, label: "Upstream leased assets" },
  { key: "downstreamTransportationAndDistribution", number: 9, label: "Downstream transportation and distribution" },
  { key: "processingOfSoldProducts", number: 10, label: "Processing of sold products" },
  { key: "useOfSoldProducts", number: 11, label: "Use of sold products" },
  { key: "endOfLifeTreatmentOfSoldProducts", number: 12, label: "End-of-life treatment of sold products" },
  { key: "downstreamLeasedAssets", number: 13, label: "Downstream leased assets" },
  { key: "franchises", number: 14, label: "Franchises" },
  { key: "investments", number: 15, label: "Investments" },
] as const;
export type Scope3CategoryKey = (typeof SCOPE3_CATEGORIES)[number]["key"];

const tco2e = () => nonNegativeQuantity();
const mwh = () => nonNegativeQuantity();

export const EnergySourceBreakdownSchema = strictObject({
  renewable: mwh().optional(),
  nonRenewable: mwh().optional(),
}).meta({ id: "EnergySourceBreakdown", description: "Energy from one source, in MWh, split renewable / non-renewable." });

export const ENERGY_SOURCES = ["electricity", "selfGeneratedElectricity", "fuels"] as const;
export type EnergySource = (typeof ENERGY_SOURCES)[number];
const ENERGY_SOURCE_LABELS: Record<EnergySource, string> = {
  electricity: "electricity",
  selfGeneratedElectricity: "self-generated electricity",
  fuels: "fuels",
};

export const EnergySchema = strictObject({
  /**
   * MWh. At least the sum of the breakdown: the total may include energy the breakdown has no row for (district
   * heating, steam, cooling), so the EFRAG template only checks Σ breakdown ≤ total.
   */
  totalEnergyConsumption: mwh().optional(),
  /** Trigger of the para 29 table: has the undertaking the information for a breakdown? */
  hasBreakdown: z.boolean({ error: "Answer yes or no" }).optional(),
  /**
   * If the undertaking has the information: energy by source (electricity as billed by utilities, electricity
   * it generated and used itself, fuels), each renewable / non-renewable, in MWh.
   */
  breakdown: strictObject({
    electricity: EnergySourceBreakdownSchema.optional(),
    selfGeneratedElectricity: EnergySourceBreakdownSchema.optional(),
    fuels: EnergySourceBreakdownSchema.optional(),
  }).optional(),
  ...dataQualityFields,
}).meta({ id: "Energy", description: "B3 energy consumption in MWh." });
export type Energy = z.infer<typeof EnergySchema>;

/** One emissions figure in tCO2e with how it was obtained. */
export const GhgFigureSchema = strictObject({
  value: tco2e(),
  ...dataQualityFields,
}).meta({ id: "GhgFigure", description: "Emissions in tonnes of CO2 equivalent, with data collection method and uncertainty." });

export const Scope3Schema = strictObject({
  /** Total Scope 3 in tCO2e; at least the sum of the categories given (they may cover only part of it). */
  value: tco2e().optional(),
  categories: strictObject(
    Object.fromEntries(SCOPE3_CATEGORIES.map((c) => [c.key, tco2e().optional()])) as Record<
      Scope3CategoryKey,
      z.ZodOptional<z.ZodNumber>
    >,
  ).optional(),
  ...dataQualityFields,
}).meta({ id: "Scope3", description: "Optional Scope 3 emissions, total and by GHG Protocol category (tCO2e)." });

export const GhgEmissionsSchema = strictObject({
  /** Trigger of paras 50–53: does the undertaking disclose Scope 3 emissions? */
  hasScope3: z.boolean({ error: "Answer yes or no" }).optional(),
  grossScope1: GhgFigureSchema.optional(),
  grossScope2LocationBased: GhgFigureSchema.optional(),
  grossScope2MarketBased: GhgFigureSchema.optional(),
  grossScope3: Scope3Schema.optional(),
}).meta({ id: "GhgEmissions", description: "B3 gross GHG emissions (GHG Protocol), tCO2e." });

type EnergyBreakdown = NonNullable<Energy["breakdown"]>;
const rowTotal = (row: z.infer<typeof EnergySourceBreakdownSchema> | undefined) =>
  sumPresent([row?.renewable, row?.nonRenewable]);

/**
 * Which rows of the breakdown make up the stated total. VSME B3 para 29's table has two rows, electricity (as
 * billed) and fuels; the taxonomy adds self-generated electricity. Electricity generated from the undertaking's
 * own fuels is already in the fuels row, so a total of electricity + fuels is as legitimate as one that adds
 * self-generated electricity (solar panels, …). "with_self_generated" when the total includes it (or nothing
 * tells the two apart), "without_self_generated" when only electricity + fuels match the total.
 */
export function energyTotalComposition(
  total: number,
  breakdown: EnergyBreakdown,
): "with_self_generated" | "without_self_generated" {
  const withoutSelf = (rowTotal(breakdown.electricity) ?? 0) + (rowTotal(breakdown.fuels) ?? 0);
  const self = rowTotal(breakdown.selfGeneratedElectricity);
  if (self !== undefined && self > 0 && !sumsMatch(withoutSelf + self, total) && sumsMatch(withoutSelf, total)) {
    return "without_self_generated";
  }
  return "with_self_generated";
}

/**
 * Σ breakdown ≤ total (EFRAG template: `SUM(breakdown) > TotalEnergyConsumption` is the error): the total may hold
 * district heating, steam or cooling, which have no row. Self-generated electricity made from the undertaking's own
 * fuels is already in the fuels row, so a breakdown that fits the total without it is accepted too.
 */
function checkEnergyBreakdown(ctx: z.RefinementCtx, total: number, breakdown: EnergyBreakdown) {
  const parts = ENERGY_SOURCES.flatMap((source) => {
    const value = rowTotal(breakdown[source]);
    return value === undefined ? [] : [[`energy from ${ENERGY_SOURCE_LABELS[source]}`, value] as const];
  });
  if (parts.length === 0) return;
  const sum = parts.reduce((acc, [, v]) => acc + v, 0);
  const withoutSelf = sum - (rowTotal(breakdown.selfGeneratedElectricity) ?? 0);
  if (sum <= total || sumsMatch(sum, total) || withoutSelf <= total || sumsMatch(withoutSelf, total)) return;
  addIssue(ctx, ["energy", "breakdown"], `${breakdownSentence(parts)} add up to ${formatNumber(sum)} MWh, more than the total energy consumption of ${formatNumber(total)} MWh.`);
}

export const EnergyAndEmissionsReportedSchema = strictObject({
  status: z.literal("reported"),
  energy: EnergySchema.optional(),
  ghg: GhgEmissionsSchema.optional(),
})
  .superRefine((section, ctx) => {
    const energy = section.energy;
    if (energy?.totalEnergyConsumption !== undefined && energy.breakdown) {
      checkEnergyBreakdown(ctx, energy.totalEnergyConsumption, energy.breakdown);
    }
    if (energy?.hasBreakdown === false && energy.breakdown && ENERGY_SOURCES.some((source) => rowTotal(energy.breakdown?.[source]) !== undefined)) {
      addIssue(ctx, ["energy", "hasBreakdown"], "You answered that no breakdown is available: remove the breakdown, or answer yes");
    }
    const ghg = section.ghg;
    const scope3 = ghg?.grossScope3;
    if (ghg?.hasScope3 === false && scope3 && (scope3.value !== undefined || Object.values(scope3.categories ?? {}).some((v) => v !== undefined))) {
      addIssue(ctx, ["ghg", "hasScope3"], "You answered that Scope 3 is not disclosed: remove the Scope 3 figures, or answer yes");
    }
    if (scope3?.value !== undefined && scope3.categories) {
      // Categories may be partial (a top-down total with the categories known so far): Σ ≤ total.
      const parts = SCOPE3_CATEGORIES.flatMap((c) => {
        const v = scope3.categories?.[c.key];
        return v === undefined ? [] : [[`category ${c.number}`, v] as const];
      });
      const sum = parts.reduce((acc, [, v]) => acc + v, 0);
      if (parts.length > 0 && sum > scope3.value && !sumsMatch(sum, scope3.value)) {
        addIssue(
          ctx,
          ["ghg", "grossScope3", "categories"],
          `${breakdownSentence(parts.map(([label, v], i) => [i === 0 ? `Scope 3 ${label}` : label, v] as const))} add up to ${formatNumber(sum)} tCO2e, more than the total Scope 3 of ${formatNumber(scope3.value)} tCO2e.`,
        );
      }
    }
  })
  .meta({ id: "EnergyAndEmissionsReported", description: "B3 — Energy and GHG emissions, reported." });

export const EnergyAndEmissionsSectionSchema = z
  .discriminatedUnion(
    "status",
    [
      EnergyAndEmissionsReportedSchema,
      notApplicableSection("EnergyAndEmissionsNotApplicable", "B3 — Energy and GHG emissions"),
    ],
    { error: SECTION_STATUS_MESSAGE },
  )
  .meta({ id: "EnergyAndEmissionsSection", description: "B3 — Energy and GHG emissions." });
export type EnergyAndEmissionsSection = z.infer<typeof EnergyAndEmissionsSectionSchema>;
