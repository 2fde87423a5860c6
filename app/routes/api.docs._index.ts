import type { LoaderFunctionArgs } from "@remix-run/node";
import { swaggerPage } from "../../server/api/swagger-ui";

export const handle = { access: { loader: "public" } };

// Its scripts are files of this origin; the nonce is there for a policy that would demand it.
export const loader = ({ context }: LoaderFunctionArgs) => swaggerPage({ nonce: context.cspNonce });
