/**
 * The floors of the code base (docs/architecture.md), checked on every module's imports — type-only imports
 * included, because a type that climbs a floor still couples the floors. A failure names the module, the
 * import as written, what it resolves to and the rule it breaks.
 */
import { describe, expect, test } from "bun:test";
import { collectModules, browserReachable, type ModuleInfo } from "./helpers/module-graph";

const modules = collectModules(["app", "server", "schemas", "scripts", "bench"]);

interface Rule {
  name: string;
  /** Modules the rule applies to (repository-relative path). */
  from: (path: string) => boolean;
  /** True when an import (repository-relative path, or the package name of a bare import) is forbidden. */
  forbids: (target: string) => boolean;
}

const under = (...folders: string[]) => (path: string) => folders.some((folder) => path.startsWith(`${folder}/`));
const isPackage = (...names: string[]) => (target: string) => names.some((name) => target === name || target.startsWith(`${name}/`));

const RULES: Rule[] = [
  {
    name: "schemas/ imports nothing from server/ or app/ (and no driver): browser and server share it",
    from: under("schemas"),
    forbids: (target) => under("server", "app")(target) || isPackage("mongodb", "bson")(target),
  },
  {
    name: "repositories never import services, http, migrations or seed (they sit below them)",
    from: under("server/repositories"),
    forbids: under("server/services", "server/http", "server/migrations", "server/seed"),
  },
  {
    name: "server/db (connections, errors) never imports repositories, services, migrations, seed or http",
    from: under("server/db"),
    forbids: under("server/repositories", "server/services", "server/migrations", "server/seed", "server/http"),
  },
  {
    name: "services never import http, migrations or seed",
    from: under("server/services"),
    forbids: under("server/http", "server/migrations", "server/seed"),
  },
  {
    // The start-up preparation may load the seed of the embedded external database; nothing else climbs.
    name: "migrations never import services or http",
    from: under("server/migrations"),
    forbids: under("server/services", "server/http"),
  },
  {
    name: "server/embedded-mongo imports nothing of the app (it is a standalone database server)",
    from: under("server/embedded-mongo"),
    forbids: (target) => !isPackage(target)(target) && !under("server/embedded-mongo")(target) && isRepoPath(target),
  },
  {
    name: "config and observability never import the data layers, services or http",
    from: under("server/config", "server/observability"),
    forbids: under("server/db", "server/repositories", "server/services", "server/migrations", "server/seed", "server/http", "server/embedded-mongo"),
  },
  {
    name: "app/ never imports server/db, server/embedded-mongo or the driver: data goes through context.services()",
    from: under("app"),
    forbids: (target) => under("server/db", "server/embedded-mongo")(target) || isPackage("mongodb", "bson")(target),
  },
];

function isRepoPath(target: string): boolean {
  return target.includes("/") && /^(app|server|schemas|scripts|bench|tests|reference-data|public)\//.test(target);
}

function violations(rule: Rule, all: readonly ModuleInfo[]): string[] {
  const found: string[] = [];
  for (const module of all) {
    if (!rule.from(module.path)) continue;
    for (const imported of module.imports) {
      if (rule.forbids(imported.target)) {
        found.push(`${module.path}:${imported.line} imports "${imported.specifier}" (${imported.target})`);
      }
    }
  }
  return found;
}

describe("layer floors", () => {
  test("the scan sees the code base (a rule over no modules cannot fail)", () => {
    const paths = modules.map((module) => module.path);
    for (const folder of ["app/", "schemas/", "server/repositories/", "server/db/", "server/embedded-mongo/", "server/http/"]) {
      expect(paths.some((path) => path.startsWith(folder))).toBe(true);
    }
    expect(modules.find((module) => module.path === "server/repositories/companies.ts")?.imports.length).toBeGreaterThan(3);
  });

  for (const rule of RULES) {
    test(rule.name, () => {
      expect(violations(rule, modules)).toEqual([]);
    });
  }
});

describe("browser code", () => {
  test("what the browser can load never reaches the generated NACE tables (nor the schema barrel that loads them) or the driver", () => {
    const reachable = browserReachable(modules);
    expect(reachable.size).toBeGreaterThan(2);
    const offending = [...reachable.values()].filter(({ path }) =>
      ["schemas/generated/", "schemas/nace.ts", "schemas/index.ts", "server/embedded-mongo/"].some((floor) => path.startsWith(floor)),
    );
    expect(offending.map(({ path, via }) => `${path} (reached via ${via.join(" → ")})`)).toEqual([]);
    const driverImports = [...reachable.values()].flatMap((module) =>
      module.imports.filter((i) => !i.typeOnly && isPackage("mongodb", "bson")(i.target)).map((i) => `${module.path} imports ${i.specifier}`),
    );
    expect(driverImports).toEqual([]);
  });
});

describe("file names", () => {
  test("are kebab-case outside the embedded server (which its own engineer renames)", () => {
    const wrong = modules
      .map((module) => module.path)
      .filter((path) => !path.startsWith("server/embedded-mongo/") && !path.startsWith("schemas/generated/"))
      .filter((path) => {
        const name = path.split("/").at(-1)!.replace(/\.(server|client|e2e|test|bench)?\.?(tsx?|js)$/, "").replace(/\.(server|client)$/, "");
        // Remix route names use dots, `_` prefixes, `$` params and `[]` escapes by convention.
        if (path.startsWith("app/routes/")) return /[A-Z]/.test(name.replace(/\$[A-Za-z]+/g, ""));
        return !/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$/.test(name);
      });
    expect(wrong).toEqual([]);
  });
});
