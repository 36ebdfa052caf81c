/**
 * A catalog's label for a key read from storage, a query or a form, which the compiler cannot know: the
 * label when the catalog has that key, else undefined (the caller shows the key itself or a general text).
 */
export function labelFor<K extends string>(labels: Record<K, string>, key: string | undefined): string | undefined {
  return key !== undefined && Object.hasOwn(labels, key) ? labels[key as K] : undefined;
}
