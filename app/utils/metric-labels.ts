/** How the computed metrics are shown: label, unit and the formula behind each (schemas/report/metrics.ts). */
export const METRICS = [
  { key: "totalGhgScope1And2LocationBased", label: "Scope 1 and 2 emissions (location-based)", unit: "tCO2e", formula: "Gross Scope 1 + gross Scope 2 (location-based)." },
  { key: "totalGhgScope1And2MarketBased", label: "Scope 1 and 2 emissions (market-based)", unit: "tCO2e", formula: "Gross Scope 1 + gross Scope 2 (market-based)." },
  { key: "totalGhgLocationBased", label: "Total emissions incl. Scope 3 (location-based)", unit: "tCO2e", formula: "Scope 1 + Scope 2 (location-based) + Scope 3." },
  { key: "ghgIntensityLocationBased", label: "GHG intensity (Scope 1 and 2, location-based)", unit: "intensity", formula: "Scope 1 and 2 emissions ÷ turnover in millions of the report's currency." },
  { key: "ghgIntensityMarketBased", label: "GHG intensity (Scope 1 and 2, market-based)", unit: "intensity", formula: "Scope 1 and 2 (market-based) emissions ÷ turnover in millions." },
  { key: "renewableEnergySharePercent", label: "Renewable share of energy", unit: "%", formula: "Renewable energy ÷ total energy consumption × 100." },
  { key: "accidentRatePer200kHours", label: "Accident rate", unit: "per 200,000 hours", formula: "Recordable work-related accidents ÷ hours worked × 200,000." },
  { key: "genderPayGapPercent", label: "Gender pay gap", unit: "%", formula: "(Male − female average gross hourly pay) ÷ male average gross hourly pay × 100." },
  { key: "collectiveBargainingCoveragePercent", label: "Collective bargaining coverage", unit: "%", formula: "Employees covered by collective agreements ÷ employees × 100 (or the percentage given)." },
  { key: "employeeTurnoverRatePercent", label: "Employee turnover rate", unit: "%", formula: "Employees who left ÷ average head count (start and end of period) × 100." },
] as const;
