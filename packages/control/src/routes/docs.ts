import { Hono } from "hono";
import { pack } from "../static/generated/docs";
import { assetServer } from "../static/serve";

const notFound = { detail: "Not Found" };

/**
 * GET /docs: Swagger UI (from the npm package swagger-ui-dist, served by us: it renders with no
 * internet) over the OpenAPI documents this origin serves. Mounted on the control plane, whose
 * function has room for Swagger UI's 1.9 MB; the API's function keeps its 1.5 MB cold-start
 * budget, and `pnpm start` sends /docs to the control plane, so it lists both documents there.
 */
export function docsRoutes() {
  const serve = assetServer(pack);
  return new Hono()
    .get("/docs", (c) => serve(c, "index.html") ?? c.json(notFound, 404))
    .get("/docs/assets/:name", (c) => serve(c, c.req.param("name")) ?? c.json(notFound, 404));
}
