/**
 * Settings for Bun's memory allocator (mimalloc), which it reads from the environment when the process starts,
 * so every launcher of the app server passes them: `npm start` (package.json), `npm run dev`, the browser tests
 * and the benches. ADR 0066.
 *
 * Why: by default mimalloc hands memory it freed back to the operating system after 10 ms, and a request
 * allocates it again at once, each page a page fault. Measured under load: 2–20 faults and 0.4–1 ms of kernel
 * time per API request, more than the request's own work. Keeping freed memory (an operator can override
 * the value) makes the process's resident size its peak, which the app bounds (page cache, caches) anyway.
 */
export const ALLOCATOR_ENV = { MIMALLOC_PURGE_DELAY: "-1" } as const;

/** `env` with the allocator settings, where it does not set them itself. */
export function withAllocatorSettings<E extends Record<string, string | undefined>>(env: E): E & typeof ALLOCATOR_ENV {
  return { ...ALLOCATOR_ENV, ...env } as E & typeof ALLOCATOR_ENV;
}
