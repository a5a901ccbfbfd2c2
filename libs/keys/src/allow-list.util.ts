/**
 * A key's allow-list of model aliases or tiers: `null` allows every one, a list only those it
 * names, so an empty list allows none (the admin API refuses to store one). "No restriction" is
 * never spelled as an empty list, which would widen access if a list were ever emptied.
 */
export type AllowList = readonly string[] | null;

/** The allow-list settings of a key, as callers pass them; `undefined`: leave as is (or none on create). */
export interface AllowListSettings {
  allowedModels?: AllowList;
  allowedTiers?: AllowList;
}

/** How one allow-list is stored: Prisma has no nullable lists, so a flag says whether the list applies. */
interface StoredAllowLists {
  modelsRestricted?: boolean;
  allowedModels?: string[];
  tiersRestricted?: boolean;
  allowedTiers?: string[];
}

/** The columns to write for the allow-lists `settings` sets; an unrestricted key stores no list. */
export function allowListColumns(settings: AllowListSettings): StoredAllowLists {
  const columns: StoredAllowLists = {};
  if (settings.allowedModels !== undefined) {
    columns.modelsRestricted = settings.allowedModels !== null;
    columns.allowedModels = [...(settings.allowedModels ?? [])];
  }
  if (settings.allowedTiers !== undefined) {
    columns.tiersRestricted = settings.allowedTiers !== null;
    columns.allowedTiers = [...(settings.allowedTiers ?? [])];
  }
  return columns;
}

/** One stored allow-list back as its value. */
export function allowListOf(restricted: boolean, list: string[]): string[] | null {
  return restricted ? list : null;
}
