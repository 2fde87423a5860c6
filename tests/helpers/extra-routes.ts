/**
 * Adds routes to the real server build for tests of behaviour that no product route exercises yet: a page and
 * an API resource route whose loaders query the primary database. They run through the real Remix runtime.
 */
import type { ServerBuild } from "@remix-run/server-runtime";
import { createElement } from "react";

type LoaderArgs = { context: { databases(): Promise<{ primary: import("mongodb").Db }> } };

const countReports = async ({ context }: LoaderArgs) => {
  const { primary } = await context.databases();
  return { reports: await primary.collection("reports").countDocuments({}) };
};

export function withPrimaryQueryRoutes(build: ServerBuild): ServerBuild {
  const routes = {
    "routes/test-report-count": {
      id: "routes/test-report-count",
      parentId: "root",
      path: "test-report-count",
      module: { loader: countReports, default: () => createElement("p", null, "reports") },
    },
    "routes/api.test-report-count": {
      id: "routes/api.test-report-count",
      parentId: "root",
      path: "api/test-report-count",
      module: { loader: async (args: LoaderArgs) => Response.json(await countReports(args)) },
    },
  };
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
