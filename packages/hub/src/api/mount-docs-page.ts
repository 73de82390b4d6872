import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { HubEnv } from './hub-env.js';

/** Where the docs page lives; its assets are served beneath it. */
export const DOCS_PATH = '/api/docs';

/** Files of `swagger-ui-dist` the page uses, with their content types; nothing else of the package is served. */
const DIST_FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

// Swagger UI's default validator badge calls validator.swagger.io; null keeps the page offline.
const INIT_JS = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: document.getElementById('swagger-ui').dataset.openapiUrl,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
});
`;

// No inline script or style: the page lives under the same Content-Security-Policy as the UI.
const PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>duohub API</title>
    <link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
    <link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32">
  </head>
  <body>
    <div id="swagger-ui" data-openapi-url="/api/openapi.json"></div>
    <noscript><p>This page needs JavaScript; the <a href="/api/openapi.json">OpenAPI document</a> itself is plain JSON.</p></noscript>
    <script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${DOCS_PATH}/init.js"></script>
  </body>
</html>
`;

/**
 * Serves the API docs page (Swagger UI) entirely from the hub: the page, its init script and the
 * `swagger-ui-dist` files, so it works offline and needs no third-party origin. The package is
 * found through Node's resolution from this module, which works from source and from the bundle
 * (where third-party packages stay external in node_modules).
 */
export function mountDocsPage(app: OpenAPIHono<HubEnv>): void {
  const cache = new Map<string, Buffer>();
  app.get(DOCS_PATH, (c) => c.html(PAGE_HTML));
  app.get(`${DOCS_PATH}/init.js`, (c) => c.body(INIT_JS, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get(`${DOCS_PATH}/:file`, async (c, next) => {
    const file = c.req.param('file');
    const type = Object.hasOwn(DIST_FILES, file) ? DIST_FILES[file] : undefined;
    if (!type) return next();
    let content = cache.get(file);
    if (!content) {
      content = await readFile(path.join(swaggerUiDistDir(), file));
      cache.set(file, content);
    }
    return c.body(new Uint8Array(content), 200, { 'content-type': type });
  });
}

/** Directory of the installed `swagger-ui-dist` package. */
function swaggerUiDistDir(): string {
  return path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}
