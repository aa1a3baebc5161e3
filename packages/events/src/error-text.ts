/** Longest error text kept with a dead letter. */
const MAX_ERROR_LENGTH = 4000;

/** An error as operators read it in a dead letter: name and message, no stack. */
export function errorText(error: unknown): string {
  const text =
    error instanceof Error
      ? `${error.name}: ${error.message}`
      : `non-error thrown: ${String(error)}`;
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
