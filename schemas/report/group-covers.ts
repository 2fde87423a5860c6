/**
 * How 24(b) omission groups nest ("B3.totalEnergy" lies within "B3"). A leaf without Zod: the browser's
 * disclosure forms use it to hide what an omitted group covers; `./disclosure-groups.ts` re-exports it.
 */

/** True when `inner` is `outer` itself or lies within it ("B3.totalEnergy" within "B3"). */
export function groupCovers(outer: string, inner: string): boolean {
  return outer === inner || inner.startsWith(`${outer}.`);
}
