import type { EndpointDeclaration } from '../endpoints/define-endpoint.js';
import { buildOpenApi } from './build-openapi.js';

/** The committed file's exact text: two-space JSON and a final newline. */
export function openApiJson(endpoints: readonly EndpointDeclaration[]): string {
  return `${JSON.stringify(buildOpenApi(endpoints), null, 2)}\n`;
}
