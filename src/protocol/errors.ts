/**
 * Error codes of the chunked protocol (custom search command protocol v2) layer.
 * Every error names what was wrong and, where known, which chunk (0-based, counted from the getinfo chunk).
 */
export type ProtocolErrorCode =
  | 'BAD_HEADER'
  | 'CHUNK_TOO_LARGE'
  | 'TRUNCATED_CHUNK'
  | 'BAD_METADATA'
  | 'BAD_CSV'
  | 'UNEXPECTED_ACTION';

/** A malformed or unexpected message from splunkd (or from a command, on the client side). */
export class ProtocolError extends Error {
  /**
   * @param code machine-readable kind of failure
   * @param message one sentence for the user, shown in Splunk's job inspector
   * @param chunkIndex 0-based index of the offending chunk, when known
   */
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
    readonly chunkIndex?: number,
  ) {
    super(chunkIndex === undefined ? message : `chunk ${chunkIndex}: ${message}`);
    this.name = 'ProtocolError';
  }
}
