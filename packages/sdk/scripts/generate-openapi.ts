/** Writes openapi/duo-openapi.json from the endpoint declarations: `npm run openapi -w @duohub/sdk`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { endpoints } from '../src/endpoints/index.js';
import { openApiJson } from '../src/openapi/openapi-json.js';

const target = fileURLToPath(new URL('../openapi/duo-openapi.json', import.meta.url));
writeFileSync(target, openApiJson(endpoints));
console.log(`wrote ${target}`);
