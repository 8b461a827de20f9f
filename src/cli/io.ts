/** Where the CLI's text goes; main.ts wires it to the process, tests may pass their own. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stderr is a terminal (progress is drawn as a bar there). */
  isTty?: boolean;
}
