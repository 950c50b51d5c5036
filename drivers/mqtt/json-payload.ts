/**
 * Reads a message as JSON. When it is not JSON the answer says where it broke, never what it
 * held: the JavaScript parser's own message quotes the start of the text ("hr=143;spo…"), and
 * refusals are logged.
 */
export function parseJsonPayload(payload: Uint8Array): { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly detail: string } {
  try {
    return { ok: true, json: JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8')) };
  } catch (error) {
    const position = /\bposition (\d+)/.exec((error as Error).message)?.[1];
    return { ok: false, detail: position === undefined ? 'not valid JSON' : `not valid JSON (at character ${position})` };
  }
}
