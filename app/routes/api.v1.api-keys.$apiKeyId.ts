import { revokeApiKey } from "../../schemas/api/endpoints/api-keys";
import { apiResource, apiRoute, reply } from "../utils/api.server";

export const { loader, action, handle } = apiResource(
  apiRoute(revokeApiKey, async ({ auth, repos, params }) => reply(await auth.apiKeys.revoke(repos, params.apiKeyId))),
);
