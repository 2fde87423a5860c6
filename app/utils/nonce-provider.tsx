/**
 * The Content-Security-Policy nonce of the response being rendered, for components that emit inline scripts
 * (`<Scripts>`, `<ScrollRestoration>`). entry.server provides it from the load context; in the browser it is
 * empty (browsers hide the attribute after applying the policy, and hydration needs no nonce).
 */
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
