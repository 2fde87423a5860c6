import { z } from "zod";
import { ReportingYearSchema, strictObject } from "../../common";
import { NACE_LEVELS } from "../../nace-types";
import {
  ExternalEmissionsPrefillSchema,
  NaceCodeEntrySchema,
  NaceRevisionSchema,
  SectorFactorMatchSchema,
  referenceAnswer,
} from "../../reference";
import { defineEndpoint } from "../contract";

const revisionQuery = NaceRevisionSchema.default("2.1");
const CodeParams = strictObject({
  code: z.string().trim().min(1).max(10).meta({ description: "A NACE code: A, 01, 01.1 or 01.11.", example: "10.71" }),
});

export const NaceSearchAnswerSchema = referenceAnswer(z.array(NaceCodeEntrySchema), {
  id: "NaceSearchAnswer",
  description: "NACE codes matching a search, best first.",
});
export const NaceCodeAnswerSchema = referenceAnswer(NaceCodeEntrySchema, { id: "NaceCodeAnswer", description: "One NACE code." });
export const Co2IntensityAnswerSchema = referenceAnswer(SectorFactorMatchSchema, {
  id: "Co2IntensityAnswer",
  description: "The sector CO2 intensity factor for a NACE code, with the level of the walk where it was found.",
});
export const EmissionsAnswerSchema = referenceAnswer(ExternalEmissionsPrefillSchema.nullable(), {
  id: "EmissionsAnswer",
  description: "The organization's emissions for a year from the shared database (null when there are none).",
});

export const searchNace = defineEndpoint({
  operationId: "searchNace",
  method: "get",
  path: "/reference/nace",
  tag: "Reference data",
  summary: "Search NACE codes",
  description: "Codes starting with, or titles containing, the query; best matches first.",
  access: "reference:read",
  concurrency: "read",
  query: strictObject({
    q: z.string().trim().min(1).max(100).meta({ description: "Code prefix or words of the title.", example: "bread" }),
    revision: revisionQuery,
    level: z.enum(NACE_LEVELS).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  }),
  response: { status: 200, description: "Matching codes.", schema: NaceSearchAnswerSchema },
  errors: [304],
});

export const getNaceCode = defineEndpoint({
  operationId: "getNaceCode",
  method: "get",
  path: "/reference/nace/{code}",
  tag: "Reference data",
  summary: "Read a NACE code",
  access: "reference:read",
  concurrency: "read",
  params: CodeParams,
  query: strictObject({ revision: revisionQuery }),
  response: { status: 200, description: "The code.", schema: NaceCodeAnswerSchema },
  errors: [304, 404],
});

export const getCo2Intensity = defineEndpoint({
  operationId: "getCo2Intensity",
  method: "get",
  path: "/reference/co2-intensity/{code}",
  tag: "Reference data",
  summary: "Sector CO2 intensity for a NACE code",
  description: "Walks class → group → division → A*64 range → section → total economy and says where it matched.",
  access: "reference:read",
  concurrency: "read",
  params: CodeParams,
  query: strictObject({ revision: revisionQuery }),
  response: { status: 200, description: "The factor.", schema: Co2IntensityAnswerSchema },
  errors: [304, 404],
});

export const getExternalEmissions = defineEndpoint({
  operationId: "getExternalEmissions",
  method: "get",
  path: "/reference/emissions",
  tag: "Reference data",
  summary: "The organization's emissions from the shared database",
  description:
    "Scope 1, 2 and 3 emissions the organization's carbon-accounting application computed for a year, to " +
    "pre-fill B3, with their provenance. `stale` is true when served from the last snapshot.",
  access: "reference:read",
  concurrency: "read",
  query: strictObject({ year: z.coerce.number().pipe(ReportingYearSchema) }),
  response: { status: 200, description: "The figures, or value null.", schema: EmissionsAnswerSchema },
  errors: [304],
});
