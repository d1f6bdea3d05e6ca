/** The file name a downloaded model gets. */
export const MODEL_FILE_NAME = 'bpnet-model.json';

/** Offers `json` to the user as a download named {@link MODEL_FILE_NAME}. */
export function downloadModel(json: string): void {
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = MODEL_FILE_NAME;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; release it on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The text of the file chosen in a file input, or undefined when none is chosen. */
export async function readChosenFile(input: HTMLInputElement): Promise<string | undefined> {
  const file = input.files?.[0];
  return file ? file.text() : undefined;
}
