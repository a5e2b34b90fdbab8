// /docs: Swagger UI over the OpenAPI documents this origin serves (the API's and the control
// plane's when `pnpm start` serves both on one port; the control plane's alone when deployed).
// The API key, when one is needed, is the dashboard's: kept in sessionStorage, never in a URL.
(() => {
  const KEY = "gg.apiKey";
  const SPECS = [
    { name: "GourmetGram API", url: "/openapi.json" },
    { name: "Traffic control API", url: "/control/openapi.json" },
  ];
  const select = document.getElementById("spec");
  const keyForm = document.getElementById("key-form");
  const headers = () => {
    const key = sessionStorage.getItem(KEY);
    return key ? { "x-api-key": key } : {};
  };

  const show = (url) =>
    window.SwaggerUIBundle({
      url,
      dom_id: "#ui",
      deepLinking: true,
      requestInterceptor: (req) => {
        Object.assign(req.headers, headers());
        return req;
      },
    });

  const load = async () => {
    const found = await Promise.all(
      SPECS.map(async (s) => {
        const res = await fetch(s.url, { headers: headers() }).catch(() => null);
        return { ...s, status: res ? res.status : 0 };
      }),
    );
    keyForm.hidden = !found.some((s) => s.status === 401);
    const usable = found.filter((s) => s.status === 200);
    select.replaceChildren(
      ...usable.map((s) => new Option(s.name, s.url, false, s.url === select.value)),
    );
    if (usable.length > 0) show(select.value || usable[0].url);
  };

  select.addEventListener("change", () => show(select.value));
  keyForm.addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, document.getElementById("key").value);
    load();
  });
  load();
})();
