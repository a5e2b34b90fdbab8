import { Hono } from "hono";

// Swagger UI from its CDN: the page is for people with a browser (and so a network); the
// document itself is served by the API at /openapi.json.
const page = `<!doctype html>
<html><head><meta charset="utf-8"><title>GourmetGram API</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({ url: "./openapi.json", dom_id: "#ui" });</script>
</body></html>`;

/** GET /docs: an interactive page over /openapi.json. */
export const docsRoutes = () => new Hono().get("/docs", (c) => c.html(page));
