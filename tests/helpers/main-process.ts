/** `npm start` as an operator runs it: server/http/main.ts in a child process, its output collected. */
import { ROOT } from "./remix-build";

export type MainProcess = ReturnType<typeof startMain>;

/** Starts server/http/main.ts; `until` resolves with everything it printed once `pattern` appeared (or it exited). */
export function startMain(env: Record<string, string>, options: { cwd?: string } = {}) {
  const child = Bun.spawn([process.execPath, `${ROOT}/server/http/main.ts`], { cwd: options.cwd ?? ROOT, env, stdout: "pipe", stderr: "pipe" });
  let output = "";
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    const reader = stream.getReader();
    for (let step = await reader.read(); !step.done; step = await reader.read()) output += decoder.decode(step.value, { stream: true });
  };
  const drained = Promise.all([pump(child.stdout), pump(child.stderr)]);
  return {
    child,
    get output() {
      return output;
    },
    async until(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output) && child.exitCode === null && Date.now() < deadline) await Bun.sleep(100);
      if (child.exitCode !== null) await drained;
      return output;
    },
    /** Waits for the process to exit by itself (killed after timeoutMs). */
    async exited(timeoutMs = 30_000): Promise<number> {
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const code = await child.exited;
      clearTimeout(timer);
      await drained;
      return code;
    },
    async stop(): Promise<number> {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await child.exited;
      await drained;
      return code;
    },
  };
}

/** The structured log records among the lines the process printed. */
export function logRecords(output: string): { level: string; msg: string; [field: string]: unknown }[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line));
}
