/**
 * Every launcher of the app server passes the allocator settings (server/runtime/allocator.ts): `npm start`'s
 * script sets them with the same defaults, and an operator's own value wins.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ALLOCATOR_ENV, withAllocatorSettings } from "../../server/runtime/allocator";

const ROOT = join(import.meta.dir, "../..");

describe("allocator settings", () => {
  test("npm start sets each one, defaulting to the value the other launchers use", async () => {
    const start = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start!;
    // What the shell makes of the script's assignments, without and with an operator's value.
    const prefix = start.slice(0, start.indexOf(" bun "));
    for (const [name, value] of Object.entries(ALLOCATOR_ENV)) {
      const echo = (env: Record<string, string>) =>
        Bun.spawnSync(["sh", "-c", `${prefix} sh -c 'printf %s "$${name}"'`], { env: { PATH: process.env.PATH ?? "", ...env } }).stdout.toString();
      expect(echo({})).toBe(value);
      expect(echo({ [name]: "123" })).toBe("123");
    }
  });

  test("the other launchers add them without overriding an operator's value", () => {
    expect(withAllocatorSettings({ APP_ENV: "test" })).toEqual({ ...ALLOCATOR_ENV, APP_ENV: "test" });
    const name = Object.keys(ALLOCATOR_ENV)[0]!;
    expect((withAllocatorSettings({ [name]: "7" }) as Record<string, string>)[name]).toBe("7");
  });
});
