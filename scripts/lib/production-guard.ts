/**
 * Scripts that write refuse a production database unless told twice: APP_ENV=production (the operator
 * chose the production configuration) AND --allow-production (they meant this particular run). A database
 * named like a production one counts as production whatever APP_ENV says, so a development shell pointed at
 * the production cluster by mistake is refused too.
 */
import { PROFILES, type AppEnv } from "../../server/config/profiles";
import { EXIT } from "./exit-codes";

export const ALLOW_PRODUCTION_FLAG = "--allow-production";

const PRODUCTION_DATABASE_NAMES = new Set<string>([
  PROFILES.production.primaryDatabaseName,
  PROFILES.production.externalDatabaseName,
]);

export type GuardDecision = { allowed: true } | { allowed: false; reason: string };

export function productionWriteGuard(options: {
  appEnv: AppEnv;
  allowProduction: boolean;
  /** Names of the databases the script is about to write to. */
  targetDatabases: readonly string[];
  /** What the script does, for the message ("apply migrations"). */
  action: string;
}): GuardDecision {
  const productionNames = options.targetDatabases.filter((name) => PRODUCTION_DATABASE_NAMES.has(name));
  const production = options.appEnv === "production" || productionNames.length > 0;
  if (!production) return { allowed: true };
  const target = options.targetDatabases.map((name) => `"${name}"`).join(", ");
  if (options.appEnv !== "production") {
    return {
      allowed: false,
      reason:
        `Refusing to ${options.action}: ${productionNames.map((name) => `"${name}"`).join(", ")} is a production database ` +
        `but APP_ENV=${options.appEnv}. To write to production, run with APP_ENV=production and ${ALLOW_PRODUCTION_FLAG}.`,
    };
  }
  if (!options.allowProduction) {
    return {
      allowed: false,
      reason:
        `Refusing to ${options.action} on the production database ${target} (APP_ENV=production). ` +
        `Re-run with ${ALLOW_PRODUCTION_FLAG} if you mean it.`,
    };
  }
  return { allowed: true };
}

/** For scripts that may never write outside development and test, whatever the flags. */
export function developmentOnlyGuard(options: { appEnv: AppEnv; targetDatabases: readonly string[]; action: string }): GuardDecision {
  if (options.appEnv !== "development" && options.appEnv !== "test") {
    return { allowed: false, reason: `Refusing to ${options.action}: only allowed with APP_ENV=development or test (APP_ENV=${options.appEnv}).` };
  }
  const productionNames = options.targetDatabases.filter((name) => PRODUCTION_DATABASE_NAMES.has(name));
  if (productionNames.length > 0) {
    return {
      allowed: false,
      reason: `Refusing to ${options.action}: ${productionNames.map((name) => `"${name}"`).join(", ")} is a production database name.`,
    };
  }
  return { allowed: true };
}

/** Prints the reason and exits with EXIT.refused unless the decision allows the write. */
export function exitUnlessAllowed(decision: GuardDecision): void {
  if (decision.allowed) return;
  console.error(decision.reason);
  process.exit(EXIT.refused);
}
