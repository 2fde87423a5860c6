/** A loopback port that nothing listens on (bound, then released). */
export function closedPort(): number {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}

export const unreachableDatabaseUrl = () => `mongodb://127.0.0.1:${closedPort()}/?directConnection=true`;
