// Loaded before every `bun test` file: tests run under the "test" profile unless a file says otherwise.
process.env.APP_ENV ??= "test";
