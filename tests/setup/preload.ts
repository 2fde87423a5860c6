// Loaded before every `bun test` file: tests run under the "test" profile unless a file says otherwise.
process.env.APP_ENV ??= "test";
// The servers tests start as child processes (server/http/main.ts) serve the tests' own build, never build/.
process.env.VSME_BUILD_DIR = "build-test";
