import { EXIT } from "./exit-codes";

/**
 * The scripts take boolean flags only. Anything unknown stops the script before it connects: a mistyped
 * `--allow-prodution` must not silently fall back to the default behaviour.
 */
export function parseFlags<const F extends string>(
  argv: readonly string[],
  known: readonly F[],
  usage: string,
): Record<F, boolean> {
  const flags = Object.fromEntries(known.map((flag) => [flag, false])) as Record<F, boolean>;
  for (const arg of argv) {
    if (arg === "--help" || arg === "-h") {
      console.log(usage);
      process.exit(EXIT.ok);
    }
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    if (name === undefined || !(known as readonly string[]).includes(name)) {
      console.error(`unknown argument: ${arg}\n${usage}`);
      process.exit(EXIT.usage);
    }
    flags[name as F] = true;
  }
  return flags;
}
