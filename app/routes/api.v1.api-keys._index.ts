import { createApiKey, listApiKeys } from "../../schemas/api/endpoints/api-keys";
import { apiResource, apiRoute, pageReply, reply } from "../utils/api.server";

export const { loader, action, handle } = apiResource(
  apiRoute(listApiKeys, async ({ auth, repos, query: { limit, cursor } }) => pageReply(auth.apiKeys.list(repos, { limit, cursor }))),
  apiRoute(createApiKey, async ({ auth, repos, body }) => {
    const created = await auth.apiKeys.createParsed(repos, body);
    return reply(created, { status: 201, location: `/api/v1/api-keys/${created.key.id}` });
  }),
);
