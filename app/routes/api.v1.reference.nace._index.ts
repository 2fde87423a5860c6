import { searchNace } from "../../schemas/api/endpoints/reference";
import { apiResource, apiRoute, reply } from "../utils/api.server";

export const { loader, action, handle } = apiResource(
  apiRoute(searchNace, async ({ services, query: { q, revision, level, limit } }) =>
    reply(await (await services()).reference.searchNace(q, { revision, level, limit })),
  ),
);
