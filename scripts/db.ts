/**
 * Runs the embedded MongoDB-compatible server in the foreground:
 *   npm run db -- --port <n> [--memory] [--data-dir <dir>] [--enable-test-commands]
 * Prints the connection string once it accepts connections; SIGTERM/SIGINT stop it cleanly.
 */
import { resolve } from "node:path";
import { DataDirectoryInUseError, startEmbeddedMongo } from "../server/embedded-mongo";
import { addressInUseMessage, isAddressInUse } from "../server/http/address-in-use";

const DEFAULT_DATA_DIR = ".data/embedded-mongo";
const DEFAULT_PORT = 27017;

function parseArgs(argv: string[]): { port: number; memory: boolean; dataDir: string; enableTestCommands: boolean } {
  let port = DEFAULT_PORT;
  let memory = false;
  let dataDir = DEFAULT_DATA_DIR;
  let enableTestCommands = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--port") port = Number(value());
    else if (flag === "--memory") memory = true;
    else if (flag === "--enable-test-commands") enableTestCommands = true;
    else if (flag === "--data-dir") dataDir = value() ?? DEFAULT_DATA_DIR;
    else if (flag === "--help" || flag === "-h") {
      console.log("usage: npm run db -- [--port <n>] [--memory] [--data-dir <dir>] [--enable-test-commands]");
      process.exit(0);
    } else {
      console.error(`unknown argument: ${arg}`);
      process.exit(2);
    }
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error("--port must be an integer between 0 and 65535");
    process.exit(2);
  }
  return { port, memory, dataDir: resolve(dataDir), enableTestCommands };
}

const args = parseArgs(process.argv.slice(2));
async function start() {
  try {
    const base = { port: args.port, enableTestCommands: args.enableTestCommands };
    return await startEmbeddedMongo(args.memory ? { ...base, memory: true } : { ...base, dataDir: args.dataDir });
  } catch (error) {
    // Expected situations (another server owns the directory or the port): one line that says what to do.
    if (isAddressInUse(error)) {
      console.error(addressInUseMessage("npm run db", "127.0.0.1", args.port));
      process.exit(1);
    }
    if (!(error instanceof DataDirectoryInUseError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
const server = await start();
console.log(server.uri);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
