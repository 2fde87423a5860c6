import { swaggerPage } from "../../server/api/swagger-ui";

export const handle = { access: { loader: "public" } };

export const loader = () => swaggerPage();
