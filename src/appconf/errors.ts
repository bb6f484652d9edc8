/**
 * Base of the app-content errors: a machine-readable `code` next to the message, which starts with
 * the code so logs and test failures show it (e.g. `MACRO_UNKNOWN: no [x] ...`).
 */
export class AppContentError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = new.target.name;
  }
}
