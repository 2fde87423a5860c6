/**
 * Starts the real app server in-process on a free port, with a configuration built from an env object exactly
 * as production builds it from process.env. Log records are kept in memory for assertions.
 */
import type { ServerBuild } from "@remix-run/server-runtime";
import { loadConfig, type Config } from "../../server/config/env";
import { createAppServer, type AppServer } from "../../server/http/app-server";
import { createLogger, type LogRecord } from "../../server/observability/logger";
import { loadRemixBuild, TEST_BUILD } from "./remix-build";

export type TestApp = AppServer & { readonly config: Config; readonly logs: LogRecord[]; readonly lines: string[] };

export async function startTestApp(
  env: Record<string, string | undefined>,
  options: { extendBuild?: (build: ServerBuild) => ServerBuild } = {},
): Promise<TestApp> {
  const config = loadConfig({ APP_ENV: "test", ...env });
  const logs: LogRecord[] = [];
  const lines: string[] = [];
  const logger = createLogger({
    level: "debug",
    base: { app: "vsme-guru", env: config.appEnv },
    sink: (record, line) => {
      logs.push(record);
      lines.push(line);
      if (process.env.TEST_LOG === "1") console.log(line);
    },
  });
  const realBuild = await loadRemixBuild();
  const build = options.extendBuild ? options.extendBuild(realBuild) : realBuild;
  const app = await createAppServer({ config, build, logger, port: 0, assetsDir: TEST_BUILD.assetsDir });
  return { ...app, config, logs, lines };
}

/** An env pointing both databases at `url`, with database names unique to the calling test file. */
export function databaseEnv(url: string, names: { primary: string; external: string }): Record<string, string> {
  return { PRIMARY_DATABASE_URL: url, PRIMARY_DATABASE_NAME: names.primary, SCOPE321_DATABASE_URL: url, EXTERNAL_DATABASE_NAME: names.external };
}
