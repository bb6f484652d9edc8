/**
 * Encodes one chunked-protocol message: `chunked 1.0,<metadata bytes>,<body bytes>\n` + metadata + body.
 * Both lengths are UTF-8 byte counts (source: ../shared/reference/scpv2/README.md, multibyte_input recording).
 *
 * @param metadata JSON-serialisable object, e.g. `{finished: true}`
 * @param body CSV text or bytes; empty for getinfo replies
 * @returns the whole message as one buffer, ready for a single write
 */
export function encodeChunk(metadata: object, body: string | Buffer = ''): Buffer {
  const metadataBytes = Buffer.from(JSON.stringify(metadata), 'utf8');
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const header = Buffer.from(`chunked 1.0,${metadataBytes.length},${bodyBytes.length}\n`, 'latin1');
  return Buffer.concat([header, metadataBytes, bodyBytes], header.length + metadataBytes.length + bodyBytes.length);
}
