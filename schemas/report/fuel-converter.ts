/**
 * Fuel → MWh converter of B3 para 29 (fuels row), as in EFRAG's VSME Digital Template 1.3.0 ("Fuel Converter" and
 * "Fuel Conversion Parameters" sheets): typical net calorific values (NCV) and densities from the CDP Technical
 * Note "Conversion of fuel data to MWh" (2006 IPCC Guidelines), with the template's additional sources for some
 * densities. The table is `reference-data/fuel-conversion-factors.csv` (sources in reference-data/SOURCES.md);
 * a test holds the two equal. Browser-safe.
 *
 *   solid:   MWh = mass [t] × NCV [GJ/t] ÷ 3.6
 *   liquid:  mass [t] = volume [L] × density [kg/L] ÷ 1000
 *   gaseous: mass [t] = volume [m³] × density [kg/m³] ÷ 1000
 * (1 MWh = 3.6 GJ; NCV in TJ/Gg = GJ/t.) Typical values only: a preparer with the supplier's NCV or renewability
 * (guarantees of origin) uses those instead.
 */
export type FuelState = "solid" | "liquid" | "gaseous";
export type FuelUnit = "t" | "kg" | "L" | "m3";

export interface FuelFactor {
  key: string;
  fuel: string;
  state: FuelState;
  /** Net calorific value, GJ per tonne (= TJ/Gg). */
  ncvGjPerTonne: number;
  /** kg per litre for liquids, kg per m³ for gases, null for solids. */
  density: number | null;
  /** The template's typical renewability state. */
  renewable: boolean;
}

// [key, fuel, state, NCV GJ/t, density (kg/L liquids, kg/m³ gases), renewable]
const ROWS: ReadonlyArray<readonly [string, string, FuelState, number, number | null, boolean]> = [
  ["anthracite", "Anthracite", "solid", 26.7, null, false],
  ["aviation_gasoline", "Aviation gasoline", "liquid", 44.3, 0.71, false],
  ["biodiesel", "Biodiesel", "liquid", 27, 0.85, true],
  ["biogasoline", "Biogasoline", "liquid", 27, 0.75, true],
  ["bitumen", "Bitumen", "liquid", 40.2, 1.035, false],
  ["blast_furnace_gas", "Blast furnace gas", "gaseous", 2.47, 1.25, false],
  ["brown_coal_briquettes", "Brown coal briquettes", "solid", 20.7, null, false],
  ["butane_and_isomers", "Butane and isomers", "gaseous", 45.57, 2.5, false],
  ["coke_oven_coke_lignite_coke", "Coke oven coke & lignite coke", "solid", 28.2, null, false],
  ["coke_oven_gas", "Coke oven gas", "gaseous", 38.7, 0.475, false],
  ["coking_coal", "Coking coal", "solid", 28.2, null, false],
  ["crude_oil_and_distillates", "Crude oil and distillates", "liquid", 42.3, 0.8, false],
  ["ethane", "Ethane", "gaseous", 46.4, 1.3, false],
  ["gas_coke", "Gas coke", "gaseous", 28.2, 0.54, false],
  ["gas_diesel_oil", "Gas/Diesel oil", "liquid", 43, 0.84, false],
  ["jet_gasoline", "Jet gasoline", "liquid", 44.3, 0.81, false],
  ["jet_kerosene", "Jet kerosene", "liquid", 44.1, 0.79, false],
  ["kerosene", "Kerosene", "liquid", 43.8, 0.8, false],
  ["landfill_gas", "Landfill gas", "gaseous", 50.4, 0.9, true],
  ["lignite", "Lignite", "solid", 11.9, null, false],
  ["liquefied_petroleum_gases_lpg", "Liquefied Petroleum Gases (LPG)", "liquid", 47.3, 0.54, false],
  ["lubricants", "Lubricants", "liquid", 40.2, 1, false],
  ["methane", "Methane", "gaseous", 50, 0.67, false],
  ["motor_gasoline_petrol", "Motor gasoline/Petrol", "liquid", 44.3, 0.74, false],
  ["municipal_wastes_biomass_fraction", "Municipal wastes (biomass fraction)", "solid", 11.6, null, true],
  ["municipal_wastes_non_biomass_fraction", "Municipal wastes (non-biomass fraction)", "solid", 10, null, false],
  ["naphtha", "Naphtha", "liquid", 44.5, 0.77, false],
  ["natural_gas", "Natural gas", "gaseous", 48, 0.7, false],
  ["natural_gas_liquids_ngl", "Natural gas liquids (NGL)", "liquid", 44.2, 0.47, false],
  ["oil_shale_and_tar_sands", "Oil shale and tar sands", "liquid", 8.9, 0.95, false],
  ["orimulsion", "Orimulsion", "liquid", 27.5, 1.13, false],
  ["oxygen_steel_furnace_gas", "Oxygen steel furnace gas", "gaseous", 7.06, 1.33, false],
  ["paraffin_waxes", "Paraffin waxes", "solid", 40.2, null, false],
  ["patent_fuel", "Patent fuel", "solid", 20.7, null, false],
  ["peat", "Peat", "solid", 9.76, null, false],
  ["petroleum_coke", "Petroleum coke", "solid", 32.5, null, false],
  ["propane", "Propane", "gaseous", 46.32, 1.9, false],
  ["refinery_feedstocks", "Refinery feedstocks", "liquid", 43, 0.825, false],
  ["refinery_gas", "Refinery Gas", "gaseous", 49.5, 0.88, false],
  ["residual_fuel_oil", "Residual fuel oil", "liquid", 40.4, 0.94, false],
  ["shale_oil_liquid", "Shale oil (liquid)", "liquid", 38.1, 1, false],
  ["sludge_gas", "Sludge gas", "gaseous", 50.4, 0.67, true],
  ["sub_bituminous_coal", "Sub-bituminous coal", "solid", 18.9, null, false],
  ["sulphite_lyes_black_liquor", "Sulphite lyes (black liquor)", "liquid", 11.8, 1.2, true],
  ["turpentine", "Turpentine", "liquid", 44.4, 0.87, true],
  ["vegetable_oils", "Vegetable oils", "liquid", 37.8, 0.9, false],
  ["waste_oils", "Waste oils", "liquid", 40.2, 0.8, false],
  ["waste_water_treatment_biogas", "Waste water treatment biogas", "gaseous", 35, 0.9, true],
  ["white_spirit_sbp", "White Spirit & SBP", "liquid", 40.2, 0.75, false],
  ["wood_wood_waste", "Wood/Wood waste", "solid", 15.6, null, true],
];

export const FUEL_FACTORS: readonly FuelFactor[] = ROWS.map(([key, fuel, state, ncvGjPerTonne, density, renewable]) => ({
  key,
  fuel,
  state,
  ncvGjPerTonne,
  density,
  renewable,
}));

const byKey = new Map(FUEL_FACTORS.map((f) => [f.key, f]));
export const getFuelFactor = (key: string): FuelFactor | undefined => byKey.get(key);

export const GJ_PER_MWH = 3.6;

/** The units a fuel can be entered in: mass always, litres for liquids, cubic metres for gases. */
export function fuelUnits(factor: FuelFactor): FuelUnit[] {
  return factor.state === "liquid" ? ["L", "t", "kg"] : factor.state === "gaseous" ? ["m3", "t", "kg"] : ["t", "kg"];
}

export type FuelConversion =
  | { ok: true; mwh: number; tonnes: number; renewable: boolean; factor: FuelFactor }
  | { ok: false; message: string };

/** Energy in MWh of `quantity` of a fuel; a volume unit the fuel's state does not allow is refused. */
export function fuelToMwh(key: string, quantity: number, unit: FuelUnit): FuelConversion {
  const factor = getFuelFactor(key);
  if (!factor) return { ok: false, message: `Unknown fuel ${JSON.stringify(key)}` };
  if (!Number.isFinite(quantity) || quantity < 0) return { ok: false, message: "Enter an amount of 0 or more" };
  if (!fuelUnits(factor).includes(unit)) {
    return { ok: false, message: `${factor.fuel} is ${factor.state}: enter it in ${fuelUnits(factor).join(", ")}` };
  }
  const tonnes =
    unit === "t" ? quantity : unit === "kg" ? quantity / 1000 : (quantity * (factor.density ?? 0)) / 1000;
  return { ok: true, mwh: (tonnes * factor.ncvGjPerTonne) / GJ_PER_MWH, tonnes, renewable: factor.renewable, factor };
}

/** Sums several fuels into the renewable / non-renewable MWh of the B3 fuels row. */
export function fuelsToEnergyBreakdown(
  entries: ReadonlyArray<{ fuel: string; quantity: number; unit: FuelUnit; renewable?: boolean }>,
): { ok: true; renewable: number; nonRenewable: number } | { ok: false; index: number; message: string } {
  let renewable = 0;
  let nonRenewable = 0;
  for (const [index, entry] of entries.entries()) {
    const result = fuelToMwh(entry.fuel, entry.quantity, entry.unit);
    if (!result.ok) return { ok: false, index, message: result.message };
    if (entry.renewable ?? result.renewable) renewable += result.mwh;
    else nonRenewable += result.mwh;
  }
  return { ok: true, renewable, nonRenewable };
}
