/**
 * Companies: one per organization. The NACE code is resolved to Rev. 2.1 and the sector CO2 intensity is
 * looked up from reference data on every write — it is never taken from input (the input schema has no such
 * field and rejects it).
 */
import {
  CompanyInputSchema,
  CompanyStoredSchema,
  type SectorIntensity,
} from "../../schemas/company";
import { normalizeCompanyInput } from "../../schemas/company-normalize";
import type { NaceAssignment } from "../../schemas/nace-input";
import { defineCollection, type StoredRecord } from "./core/define-collection";
import type { DataScope } from "./core/scope";
import { isUnavailable } from "./errors";
import type { FactorMatchLevel, SectorIntensityLookup } from "./sector-intensity-lookup";
import { CO2_CODE_SYSTEMS } from "../reference-data/co2-intensity";

export const companiesCollection = defineCollection({
  name: "companies",
  entity: "Company",
  schema: CompanyStoredSchema,
  inputSchema: CompanyInputSchema,
  tenantScoped: true,
  filterable: ["name", "country", "currency"],
  sortable: ["name"],
  indexes: [
    {
      name: "organizationId_unique",
      key: { organizationId: 1 },
      unique: true,
      duplicateMessage: "This organization already has a company profile; edit it instead",
    },
  ],
});

export type CompanyRecord = StoredRecord<typeof companiesCollection>;

/** The company schema knows NACE levels plus "total_economy"; an A*64 range of divisions counts as division. */
const storedMatchLevel: Record<FactorMatchLevel, SectorIntensity["matchedLevel"]> = {
  class: "class",
  group: "group",
  division: "division",
  aggregate: "division",
  section: "section",
  total: "total_economy",
};

async function lookUpIntensity(
  reference: SectorIntensityLookup | undefined,
  nace: NaceAssignment,
  previous: CompanyRecord | undefined,
): Promise<SectorIntensity | null> {
  const keepPrevious = previous?.nace.code === nace.code ? (previous.sectorIntensity ?? null) : null;
  if (!reference) return keepPrevious;
  try {
    const { value: match } = await reference.co2IntensityFor(nace.code, "2.1");
    if (!match) return null;
    return {
      value: match.value,
      unit: match.unit,
      matchedLevel: storedMatchLevel[match.matchedLevel],
      matchedCode: match.matchedCode,
      classification: CO2_CODE_SYSTEMS.naceRev2Aggregate,
      source: match.source,
      year: match.year,
      geography: match.geography,
      lookedUpAt: new Date(),
    };
  } catch (error) {
    // Reference data unreachable and no snapshot: save the profile anyway and keep what we knew.
    if (isUnavailable(error)) return keepPrevious;
    throw error;
  }
}

export function companiesRepository(scope: DataScope, reference?: SectorIntensityLookup) {
  const repository = scope.repository(companiesCollection, {
    async derive(input, { previous }) {
      const fields = normalizeCompanyInput(input);
      return { ...fields, sectorIntensity: await lookUpIntensity(reference, fields.nace, previous) };
    },
  });
  return {
    get: repository.get.bind(repository),
    find: repository.find.bind(repository),
    list: repository.list.bind(repository),
    create: repository.create.bind(repository),
    /**
     * Changes fields of the profile. The stored NACE assignment (with its title) is not input, so a patch
     * that leaves the code alone carries the stored code in input form; the version check stays atomic.
     */
    async update(id: string, patch: Parameters<typeof repository.update>[1], options: { expectedVersion: number }) {
      if (patch && typeof patch === "object" && !Array.isArray(patch) && !Object.hasOwn(patch, "nace")) {
        const current = await repository.get(id);
        patch = { ...patch, nace: { revision: "2.1", code: current.nace.code } };
      }
      return repository.update(id, patch, options);
    },
    delete: repository.delete.bind(repository),
    /** The organization's company profile, or null before it was created. */
    current: () => repository.findOne({}),
  };
}

export type CompaniesRepository = ReturnType<typeof companiesRepository>;
