import { CompanyInputSchema, CompanyPatchSchema, CompanySchema } from "../../company";
import { defineEndpoint } from "../contract";
import { EXAMPLE_IDS, companyExample } from "../examples";

export const CompanyResourceSchema = CompanySchema;

const companyResponseExample = {
  id: EXAMPLE_IDS.company,
  organizationId: EXAMPLE_IDS.organization,
  createdBy: EXAMPLE_IDS.user,
  updatedBy: EXAMPLE_IDS.user,
  createdAt: "2025-03-01T09:30:00.000Z",
  updatedAt: "2025-03-01T09:30:00.000Z",
  version: 1,
  ...companyExample,
  nace: { revision: "2.1", code: "10.71", title: "Manufacture of bread; manufacture of fresh pastry goods and cakes" },
  sectorIntensity: null,
};

export const getCompany = defineEndpoint({
  operationId: "getCompany",
  method: "get",
  path: "/company",
  tag: "Company",
  summary: "Read the company profile",
  access: "company:read",
  concurrency: "read",
  response: { status: 200, description: "The company profile.", schema: CompanyResourceSchema, example: companyResponseExample },
  errors: [304, 404],
});

export const putCompany = defineEndpoint({
  operationId: "putCompany",
  method: "put",
  path: "/company",
  tag: "Company",
  summary: "Create or replace the company profile",
  description:
    "Creates the profile when the organization has none (no If-Match; answers 201), otherwise replaces it " +
    "(If-Match required). The sector CO2 intensity is looked up by the server from the NACE code.",
  access: "company:write",
  concurrency: "upsert",
  body: CompanyInputSchema,
  bodyExample: companyExample,
  response: { status: 200, description: "The profile as stored (201 when it was created).", schema: CompanyResourceSchema },
  errors: [201, 409, 412, 413, 415, 422, 428],
});

export const patchCompany = defineEndpoint({
  operationId: "patchCompany",
  method: "patch",
  path: "/company",
  tag: "Company",
  summary: "Change fields of the company profile",
  access: "company:write",
  concurrency: "write",
  mergePatch: true,
  body: CompanyPatchSchema,
  bodyExample: { name: "Muster Bäckerei & Café GmbH" },
  response: { status: 200, description: "The profile as stored.", schema: CompanyResourceSchema },
  errors: [404, 409, 412, 413, 415, 422, 428],
});
