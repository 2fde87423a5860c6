/** Numbers shown in the user's locale; inputs show them without grouping so they read back unambiguously. */
export const DEFAULT_LOCALE = "en-GB";

/** The first supported language of an Accept-Language header (server) — passed to the page by the layout. */
export function localeFromAcceptLanguage(header: string | null): string {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0]?.trim();
    if (!tag || tag === "*") continue;
    try {
      const [supported] = Intl.NumberFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // not a language tag
    }
  }
  return DEFAULT_LOCALE;
}

export function formatNumber(value: number, locale: string, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/** For an input's value: locale decimal separator, no grouping (`1234,5` in de, `1234.5` in en). */
export function inputNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 10 }).format(value);
}

export function formatDateTime(value: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(value)) + " UTC";
}
