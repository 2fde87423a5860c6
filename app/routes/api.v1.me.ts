import { getMe } from "../../schemas/api/endpoints/me";
import { apiResource, apiRoute, reply } from "../utils/api.server";

export const { loader, action, handle } = apiResource(
  apiRoute(getMe, async ({ identity, repos }) => {
    const company = await repos.companies.current();
    return reply({
      userId: identity.via === "session" ? identity.userId : null,
      organization: { id: identity.organizationId, name: company?.name ?? null },
      role: identity.role,
      permissions: [...identity.permissions],
      authenticatedBy: identity.via,
      apiKey: identity.via === "api-key" && identity.apiKeyId ? { id: identity.apiKeyId } : null,
    });
  }),
);
