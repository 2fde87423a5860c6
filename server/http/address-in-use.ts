/** Recognises "this address is already served" from Bun.serve, Bun.listen and node:net alike. */
export function isAddressInUse(error: unknown): boolean {
  const candidate = error as { code?: unknown; message?: unknown } | null;
  if (candidate?.code === "EADDRINUSE") return true;
  return typeof candidate?.message === "string" && /EADDRINUSE|address already in use|port \d+ in use/i.test(candidate.message);
}

/** The one line a start-up prints when its port is taken. */
export function addressInUseMessage(what: string, hostname: string, port: number): string {
  return `${what}: port ${port} on ${hostname} is already in use (another npm start, npm run dev or npm run db?). Stop that process or choose another port.`;
}
