import { getCo2Intensity } from "../../schemas/api/endpoints/reference";
import { apiResource, apiRoute, notFound, reply } from "../utils/api.server";

export const { loader, action, handle } = apiResource(
  apiRoute(getCo2Intensity, async ({ services, params, query }) => {
    const answer = await (await services()).reference.co2IntensityFor(params.code, query.revision);
    if (!answer.value) throw notFound(`No CO2 intensity factor for NACE Rev. ${query.revision} code ${params.code}.`);
    return reply({ ...answer, value: answer.value });
  }),
);
