/** `1 non-finite value`, `3 non-finite values`: a count with its noun in the right number. */
export function countPhrase(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
