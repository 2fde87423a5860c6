/**
 * A typed client for the VSME Guru API: openapi-fetch over the types openapi-typescript generates from
 * openapi.json (`npm run openapi` regenerates both). What partners can copy; the API tests use it too.
 *
 *   const api = createVsmeClient({ baseUrl: "https://app.vsme.guru", apiKey: process.env.VSME_API_KEY! });
 *   const { data, error } = await api.GET("/api/v1/reports", { params: { query: { limit: 20 } } });
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./openapi-types";

export type VsmeClient = Client<paths>;
export type { paths, components } from "./openapi-types";

export function createVsmeClient(options: {
  baseUrl: string;
  /** An organization API key (`vsme_…`) or a Clerk session token. */
  apiKey: string;
  fetch?: (request: Request) => Promise<Response>;
}): VsmeClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { Authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
