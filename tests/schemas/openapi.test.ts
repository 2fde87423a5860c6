import { expect, test } from "bun:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { API_SCHEMAS } from "../../schemas";

test("every public schema converts to a valid OpenAPI 3.1 document", async () => {
  const definitions = Object.values(API_SCHEMAS).map((schema) => ({ type: "schema" as const, schema }));
  const document = new OpenApiGeneratorV31(definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "VSME Guru schemas", version: "0.0.0" },
  });
  const components = document.components?.schemas ?? {};
  for (const name of Object.keys(API_SCHEMAS)) expect(components).toHaveProperty(name);

  // Throws on a malformed document or a dangling $ref.
  await SwaggerParser.validate(structuredClone(document) as never);

  const company = components.Company as { properties: Record<string, unknown>; additionalProperties: boolean };
  expect(company.additionalProperties).toBe(false);
  expect(company.properties.sectorIntensity).toEqual({
    anyOf: [{ $ref: "#/components/schemas/SectorIntensity" }, { type: "null" }],
  });
  const input = components.CompanyInput as { properties: Record<string, unknown> };
  expect(Object.keys(input.properties)).not.toContain("sectorIntensity");
  expect(Object.keys(input.properties)).not.toContain("organizationId");
});
