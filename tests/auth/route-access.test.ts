/**
 * The permission walk: every route module of the Remix build declares who may use it
 * (`handle.access`, app/utils/access.ts) — the loader always, the action when there is one — with a known
 * permission, "public" or "signed-in". A route added without a declaration fails here.
 */
import { describe, expect, test } from "bun:test";
import { PERMISSIONS } from "../../schemas/auth";
import { loadRemixBuild } from "../helpers/remix-build";

const ACCESS_VALUES = new Set<string>([...PERMISSIONS, "public", "signed-in"]);

/** Pages reachable without signing in: anything else declared "public" must be added here on purpose. */
const PUBLIC_ROUTES = new Set([
  "root",
  "routes/_index",
  "routes/sign-in.$",
  "routes/sign-out",
  // The API's reference: the OpenAPI document and Swagger UI (its page and its files) hold no tenant data.
  "routes/api.v1.openapi[.]json",
  "routes/api.docs._index",
  "routes/api.docs.$asset",
]);

type RouteModule = { handle?: { access?: { loader?: unknown; action?: unknown } }; action?: unknown; loader?: unknown };

describe("route access declarations", () => {
  test("every route declares its loader's access, and its action's when it has one", async () => {
    const build = await loadRemixBuild();
    const problems: string[] = [];
    const routes = Object.values(build.routes);
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) {
      const module = route.module as RouteModule;
      const access = module.handle?.access;
      if (!access) {
        problems.push(`${route.id}: no handle.access`);
        continue;
      }
      if (typeof access.loader !== "string" || !ACCESS_VALUES.has(access.loader)) {
        problems.push(`${route.id}: handle.access.loader must be a permission, "public" or "signed-in" (got ${JSON.stringify(access.loader)})`);
      }
      if (module.action !== undefined && (typeof access.action !== "string" || !ACCESS_VALUES.has(access.action))) {
        problems.push(`${route.id}: exports an action but handle.access.action is ${JSON.stringify(access.action)}`);
      }
      const declaresPublic = access.loader === "public" || access.action === "public";
      if (declaresPublic && !PUBLIC_ROUTES.has(route.id)) {
        problems.push(`${route.id}: declared public; add it to PUBLIC_ROUTES in this test if that is intended`);
      }
    }
    expect(problems).toEqual([]);
  });
});
