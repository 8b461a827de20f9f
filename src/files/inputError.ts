/**
 * A report input that cannot be used: a batch folder without its files, a malformed summary, a bad
 * row in an observed-data file. The message is one line that names the file (and the line, where
 * there is one); the command line turns it into a usage error (exit 2) before anything is written.
 */
export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportInputError';
  }
}
