/**
 * Country names in the user's language, sorted for a select, computed on the server only. The browser's ICU
 * data names some regions differently from the server's (Chromium: "Falkland Islands (Islas Malvinas)", Bun:
 * "Falkland Islands"), and a different option text made React discard the server's HTML on hydration — with
 * whatever the user had already typed. The shell sends these with its data, so both sides render the same list.
 */
import { COUNTRY_CODES } from "../../schemas/codes";

export type CountryName = readonly [code: string, name: string];

const byLocale = new Map<string, readonly CountryName[]>();

export function countryNames(locale: string): readonly CountryName[] {
  const known = byLocale.get(locale);
  if (known) return known;
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([locale, "en"], { type: "region" });
  } catch {
    names = undefined;
  }
  const collator = new Intl.Collator(locale);
  const list = COUNTRY_CODES.map((code) => [code, names?.of(code) ?? code] as const).sort((a, b) => collator.compare(a[1], b[1]));
  // Locales come from Accept-Language: a bounded number are kept.
  if (byLocale.size < 50) byLocale.set(locale, list);
  return list;
}
