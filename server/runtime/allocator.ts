/**
 * Settings for Bun's memory allocator (mimalloc), which it reads from the environment when the process starts,
 * so every launcher of the app server passes them: `npm start` (package.json), `npm run dev`, the browser tests
 * and the benches. ADR 0066.
 *
 * Why: by default mimalloc hands memory it freed back to the operating system after 10 ms, and the next
 * requests allocate it again, each page a page fault. Measured under load: 2–20 faults and 0.4–1 ms of kernel
 * time per API request, more than the request's own work. Freed memory is kept 5 s instead: a busy server
 * reuses it, an idle one still gives it back. Measured (webapp bench, one process with the embedded database):
 * 485 MB resident against 371 MB with the default, and 560 MB when never given back. An operator can set
 * another value.
 */
export const ALLOCATOR_ENV = { MIMALLOC_PURGE_DELAY: "5000" } as const;

/** `env` with the allocator settings, where it does not set them itself. */
export function withAllocatorSettings<E extends Record<string, string | undefined>>(env: E): E & typeof ALLOCATOR_ENV {
  return { ...ALLOCATOR_ENV, ...env } as E & typeof ALLOCATOR_ENV;
}
