/** A description of the built-in prototypes' own properties: it changes when anything pollutes them. */
export function prototypeState(): string {
  const describe = (o: object) =>
    Object.getOwnPropertyNames(o)
      .sort()
      .map((k) => `${k}:${typeof (Object.getOwnPropertyDescriptor(o, k)?.value ?? "accessor")}`)
      .join(",");
  return `${describe(Object.prototype)}|${describe(Array.prototype)}|${describe(Function.prototype)}`;
}
