/**
 * Adds routes to the real server build for tests of behaviour that no product route exercises yet (loaders that
 * query the primary database or use the services of the load context). They run through the real Remix runtime.
 */
import type { ServerBuild } from "@remix-run/server-runtime";
import { createElement } from "react";

type LoaderArgs = { context: { databases(): Promise<{ primary: import("mongodb").Db }> } };

const countReports = async ({ context }: LoaderArgs) => {
  const { primary } = await context.databases();
  return { reports: await primary.collection("reports").countDocuments({}) };
};

export function withPrimaryQueryRoutes(build: ServerBuild): ServerBuild {
  return withApiRoutes(build, {
    "routes/test-report-count": {
      path: "test-report-count",
      module: { loader: countReports, default: () => createElement("p", null, "reports") },
    },
    "routes/api.test-report-count": {
      path: "api/test-report-count",
      module: { loader: async (args: LoaderArgs) => Response.json(await countReports(args)) },
    },
  });
}

type ExtraRoute = { path: string; module: Record<string, unknown> };

/** Adds loader-only routes (children of root) to a build, with their manifest entries. */
export function withApiRoutes(build: ServerBuild, extra: Record<string, ExtraRoute>): ServerBuild {
  const routes = Object.fromEntries(
    Object.entries(extra).map(([id, route]) => [id, { id, parentId: "root", path: route.path, module: route.module }]),
  );
  const manifestRoutes = Object.fromEntries(
    Object.values(routes).map((route) => [
      route.id,
      {
        id: route.id,
        parentId: route.parentId,
        path: route.path,
        module: build.assets.routes.root!.module,
        hasAction: false,
        hasLoader: true,
        hasClientAction: false,
        hasClientLoader: false,
        hasErrorBoundary: false,
      },
    ]),
  );
  return {
    ...build,
    routes: { ...build.routes, ...(routes as unknown as ServerBuild["routes"]) },
    assets: { ...build.assets, routes: { ...build.assets.routes, ...manifestRoutes } },
  };
}
