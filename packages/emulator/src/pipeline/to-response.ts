import type { DuoResult } from '../route.js';

/** Renders a handler's result in Duo's envelope: `{stat:'OK',response,metadata?}` or `{stat:'FAIL',code,...}`. */
export function toResponse(result: DuoResult, headers: Record<string, string> = {}): Response {
  if (result.kind === 'raw') return result.response;
  const init = (status: number) => ({
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
  if (result.kind === 'ok_json') {
    // The same bytes JSON.stringify would give for `{stat, response, metadata}`.
    const metadata = result.metadata === undefined ? '' : `,"metadata":${JSON.stringify(result.metadata)}`;
    return new Response(`{"stat":"OK","response":${result.responseJson}${metadata}}`, init(200));
  }
  if (result.kind === 'ok') {
    const body: Record<string, unknown> = { stat: 'OK', response: result.response };
    if (result.metadata !== undefined) body['metadata'] = result.metadata;
    return new Response(JSON.stringify(body), init(result.status ?? 200));
  }
  const body: Record<string, unknown> = {
    stat: 'FAIL',
    code: result.code,
    message: result.message,
  };
  if (result.message_detail !== undefined) body['message_detail'] = result.message_detail;
  return new Response(JSON.stringify(body), init(result.status));
}
