import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiResponse } from "../../server/api/openapi-route";

export const handle = { access: { loader: "public" } };

export const loader = ({ request }: LoaderFunctionArgs) => openApiResponse(request);
