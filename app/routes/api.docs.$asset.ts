import type { LoaderFunctionArgs } from "@remix-run/node";
import { swaggerAsset } from "../../server/api/swagger-ui";

export const handle = { access: { loader: "public" } };

export const loader = ({ params }: LoaderFunctionArgs) =>
  swaggerAsset(params.asset ?? "") ?? new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain" } });
