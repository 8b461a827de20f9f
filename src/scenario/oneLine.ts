/**
 * Text that ends up in a one-line error message. Callers grep logs and CI output line by line, so
 * nothing we print may carry a newline, however it got into the text (a YAML parser message, a
 * multi-line string value from the file).
 */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Cuts long text so that a runaway value (a pasted paragraph) cannot drown the message. */
export function truncate(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
