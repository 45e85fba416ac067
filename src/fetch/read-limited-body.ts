import { FetchError } from '../shared/errors.ts';

/**
 * Reads a response body into memory, refusing anything over `maxBytes`.
 *
 * A feed is small; a body past the cap is a misconfigured URL (a video, a dump) or a hostile
 * server, so we stop as soon as the cap is crossed instead of buffering it first. A declared
 * `Content-Length` over the cap is refused before reading a byte; bodies without one (chunked,
 * or compressed — the limit counts decoded bytes) are counted while streaming.
 *
 * @param where names the request in error messages, e.g. `GET https://example.org/feed`.
 * @throws FetchError `TOO_LARGE`; stream errors (abort, reset) propagate unchanged for the caller to classify.
 */
export async function readLimitedBody(response: Response, maxBytes: number, where: string): Promise<Uint8Array> {
  const declaredLength = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declaredLength > maxBytes) {
    cancelQuietly(response.body);
    throw new FetchError('TOO_LARGE', `${where}: Content-Length is ${formatSize(declaredLength)}, over the ${formatSize(maxBytes)} limit`);
  }
  if (response.body === null) return new Uint8Array(0);

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      cancelQuietly(reader);
      throw new FetchError('TOO_LARGE', `${where}: body exceeded the ${formatSize(maxBytes)} limit while reading`);
    }
    chunks.push(value);
  }

  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Drops the rest of a body (closing the connection) without waiting on it. */
export function cancelQuietly(stream: { cancel(): Promise<void> } | null): void {
  // The body is being thrown away; a failure while cancelling it changes nothing for the caller.
  stream?.cancel().catch(() => {});
}

/** `15728640` → `15 MiB`; human-sized numbers for error messages. */
function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}
