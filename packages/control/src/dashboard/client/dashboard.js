// The traffic dashboard: polls /dashboard/data (streams, rule, 60 minutes of traffic_minutes)
// and the API's /health every 5 s while the tab is visible; starts, changes (rate, mix) and stops
// streams, and pages through every stream on demand, through the control API. The API key lives in sessionStorage
// (this tab only), never in a URL.
(() => {
  const KEY = "gg.apiKey";
  const POLL_MS = 5_000;
  const COLORS = ["#2563eb", "#2f9e44", "#e03131", "#f08c00", "#7048e8", "#0c8599", "#c2255c"];
  const $ = (id) => document.getElementById(id);
  const charts = {};
  let timer;
  let kindsKey = "";
  // The stream whose row holds an open edit form: the poll leaves the table alone meanwhile.
  let editing = null;

  class Unauthorized extends Error {}

  const api = async (path, init = {}) => {
    const key = sessionStorage.getItem(KEY);
    const headers = { ...(init.body ? { "content-type": "application/json" } : {}) };
    if (key) headers["x-api-key"] = key;
    const res = await fetch(path, { ...init, headers });
    if (res.status === 401) throw new Unauthorized();
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(detailOf(body) || `${res.status} ${res.statusText}`);
    return body;
  };
  const detailOf = (body) =>
    !body
      ? ""
      : Array.isArray(body.detail)
        ? body.detail.map((d) => `${d.loc.join(".")}: ${d.msg}`).join("; ")
        : String(body.detail ?? "");

  const showLogin = (message) => {
    $("app").hidden = true;
    $("login").hidden = false;
    $("logout").hidden = true;
    $("login-error").textContent = message || "";
    $("login-key").focus();
  };

  // ---- formatting
  const fmt = (n, digits = 0) =>
    n === null || n === undefined
      ? "–"
      : Number(n).toLocaleString("en", { maximumFractionDigits: digits });
  const seconds = (ms) => fmt(ms === null || ms === undefined ? ms : ms / 1000, 1);
  const hhmm = (iso) => iso.slice(11, 16);
  const utc = (seconds) => hhmm(new Date(seconds * 1000).toISOString());
  const rateOf = (c) => (typeof c.rate === "number" ? `${c.rate}/s` : String(c.rate ?? "150/h"));
  const profileOf = (c) => {
    const p = c.profile || {};
    const parts = [];
    if (p.daily) parts.push("daily");
    if (p.ramp) parts.push("ramp");
    if (Array.isArray(p.bursts) && p.bursts.length) parts.push(`${p.bursts.length} burst(s)`);
    return parts.join(", ") || "constant";
  };
  const mixOf = (c) =>
    c.data_type ? c.data_type : typeof c.mix === "object" && c.mix ? "custom" : c.mix || "default";
  const cell = (text, cls) => {
    const td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    return td;
  };
  const tone = (el, t) => {
    if (t) el.dataset.tone = t;
    else delete el.dataset.tone;
  };

  // ---- charts (uPlot)
  const chartSize = (el) => ({
    width: el.clientWidth || 300,
    height: window.innerWidth < 600 ? 170 : 210,
  });
  const makeChart = (id, series, data) => {
    const el = $(id);
    charts[id]?.destroy();
    const opts = {
      ...chartSize(el),
      series: [
        { value: (_, t) => (t === null ? "–" : utc(t)) },
        ...series.map((s, i) => ({
          stroke: COLORS[i % COLORS.length],
          width: 2,
          spanGaps: false,
          ...s,
        })),
      ],
      // Minutes in UTC, as the table shows them (uPlot's default is the browser's zone, am/pm).
      axes: [{ values: (_, ticks) => ticks.map((t) => utc(t)) }, { size: 50 }],
      scales: { x: { time: true } },
      legend: { live: true },
    };
    charts[id] = new window.uPlot(opts, data, el);
  };
  const resize = () => {
    for (const [id, chart] of Object.entries(charts)) chart.setSize(chartSize($(id)));
  };

  const renderCharts = (minutes) => {
    const xs = minutes.map((m) => Date.parse(m.minute) / 1000);
    const col = (f) => minutes.map((m) => m[f]);
    const events = [xs, col("planned"), col("succeeded"), col("failed"), col("expected")];
    const lateness = [xs, col("lateness_p50_ms"), col("lateness_p99_ms")];
    const kinds = [...new Set(minutes.flatMap((m) => Object.keys(m.by_kind)))].sort();
    const byKind = [
      xs,
      ...kinds.map((k) =>
        minutes.map((m) => (m.finished && m.planned !== null ? (m.by_kind[k] ?? 0) : null)),
      ),
    ];
    if (!charts["chart-events"]) {
      makeChart(
        "chart-events",
        [
          { label: "planned" },
          { label: "succeeded" },
          { label: "failed" },
          { label: "expected (rate)", dash: [6, 4], stroke: "#868e96" },
        ],
        events,
      );
      // Points: a live minute between backfilled ones has no neighbour to draw a line to.
      makeChart(
        "chart-lateness",
        [
          { label: "p50", points: { show: true } },
          { label: "p99", points: { show: true } },
        ],
        lateness,
      );
    } else {
      charts["chart-events"].setData(events);
      charts["chart-lateness"].setData(lateness);
    }
    const key = kinds.join(",");
    if (key !== kindsKey || !charts["chart-kinds"]) {
      kindsKey = key;
      makeChart(
        "chart-kinds",
        kinds.map((k) => ({ label: k })),
        byKind,
      );
    } else charts["chart-kinds"].setData(byKind);
  };

  // ---- tables and pills
  const renderStreams = (streams) => {
    if (editing) return;
    const rows = streams.map((s) => {
      const tr = document.createElement("tr");
      tr.dataset.streamId = s.stream_id;
      const c = s.config || {};
      tr.append(
        cell(s.stream_id.slice(0, 8)),
        cell(s.scenario),
        cell(rateOf(c)),
        cell(profileOf(c)),
        cell(mixOf(c)),
        cell(s.status, `state state-${s.status}`),
        cell(s.budget_left === null ? "∞" : fmt(s.budget_left), "budget"),
        cell(s.started_at.slice(11, 19)),
        cell(
          `v${s.version ?? 1}${s.changed_at ? ` ${s.changed_at.slice(11, 19)}` : ""}`,
          "version",
        ),
      );
      const td = document.createElement("td");
      if (s.status === "running") {
        const edit = document.createElement("button");
        edit.type = "button";
        edit.textContent = "Edit";
        edit.className = "edit";
        edit.addEventListener("click", () => editStream(s, td));
        td.append(edit, " ");
        const stop = document.createElement("button");
        stop.type = "button";
        stop.textContent = "Stop";
        stop.className = "stop";
        stop.addEventListener("click", () => stopStream(s.stream_id, stop));
        td.append(stop);
      }
      tr.append(td);
      return tr;
    });
    if (rows.length === 0) {
      const tr = document.createElement("tr");
      const td = cell("No stream in the last hour.");
      td.colSpan = 10;
      tr.append(td);
      rows.push(tr);
    }
    $("streams").tBodies[0].replaceChildren(...rows);
  };

  const renderMinutes = (minutes) => {
    const shown = minutes
      .filter((m) => m.planned !== null || !m.finished)
      .slice(-10)
      .reverse();
    $("minutes").tBodies[0].replaceChildren(
      ...shown.map((m) => {
        const tr = document.createElement("tr");
        tr.dataset.minute = m.minute;
        if (!m.finished) tr.className = "pending";
        // A minute prepared after it began fired its first events late: shown, never hidden.
        if (m.lead_ms !== null && m.lead_ms < 0) tr.classList.add("late");
        tr.append(
          cell(`${hhmm(m.minute)}${m.finished ? "" : " (running)"}`),
          cell(fmt(m.planned), "planned"),
          cell(fmt(m.sent), "sent"),
          cell(fmt(m.succeeded), "succeeded"),
          cell(fmt(m.failed), "failed"),
          cell(fmt(m.expected, 1), "expected"),
          cell(fmt(m.lateness_p50_ms, 1)),
          cell(fmt(m.lateness_p99_ms, 1)),
          cell(seconds(m.trigger_delay_ms), "trigger-delay"),
          cell(seconds(m.lead_ms), "lead"),
        );
        return tr;
      }),
    );
    const last = minutes.filter((m) => m.planned !== null).at(-1);
    $("last-minute").textContent = last ? hhmm(last.minute) : "–";
    $("last-planned").textContent = fmt(last?.planned);
    $("last-succeeded").textContent = fmt(last?.succeeded);
    $("last-failed").textContent = fmt(last?.failed);
    $("last-expected").textContent = fmt(last?.expected, 1);
    $("last-lateness").textContent = last
      ? `${fmt(last.lateness_p50_ms, 1)} / ${fmt(last.lateness_p99_ms, 1)}`
      : "–";
  };

  const renderRule = (data) => {
    const rule = data.schedule?.rule;
    const state = !data.schedule ? "none (no schedule)" : rule ? rule.state : "missing";
    $("rule-state").textContent = state;
    $("rule-pill").title = rule ? `${rule.name} ${rule.schedule_expression ?? ""}` : "";
    const wanted = data.running_streams > 0 ? "ENABLED" : "DISABLED";
    tone(
      $("rule-pill"),
      !data.schedule ? "" : rule?.state === wanted ? (wanted === "ENABLED" ? "ok" : "") : "bad",
    );
  };

  const renderHealth = (health) => {
    if (!health) {
      $("kafka-state").textContent = "n/a";
      $("outbox-state").textContent = "n/a";
      $("kafka-pill").title = "the API's /health is not served on this origin";
      tone($("kafka-pill"), "");
      tone($("outbox-pill"), "");
      return;
    }
    const k = health.kafka_stats;
    $("kafka-state").textContent = !health.kafka_enabled
      ? "off"
      : k.connected
        ? "reachable"
        : "unreachable";
    tone($("kafka-pill"), !health.kafka_enabled ? "" : k.connected ? "ok" : "bad");
    $("outbox-state").textContent =
      `${fmt(k.outbox_pending)} pending${k.outbox_pending > 0 ? `, oldest ${fmt(k.outbox_oldest_age_seconds, 1)} s` : ""}`;
    tone(
      $("outbox-pill"),
      k.outbox_pending < 0 ? "bad" : k.outbox_oldest_age_seconds > 60 ? "warn" : "",
    );
  };

  // ---- every stream, a page at a time: /stream/status and /stream/stats page alike (newest
  // first, by the same keyset), so one cursor continues both.
  const HISTORY_PAGE = 10;
  let historyCursor = null;
  const loadHistory = async (reset) => {
    const body = $("history-table").tBodies[0];
    if (reset) {
      historyCursor = null;
      body.replaceChildren();
    }
    const q = `limit=${HISTORY_PAGE}${historyCursor ? `&cursor=${encodeURIComponent(historyCursor)}` : ""}`;
    try {
      const [status, stats] = await Promise.all([
        api(`/stream/status?${q}`),
        api(`/stream/stats?${q}`),
      ]);
      const byId = new Map(stats.streams.map((s) => [s.stream_id, s]));
      body.append(
        ...status.streams.map((s) => {
          const tr = document.createElement("tr");
          tr.dataset.streamId = s.stream_id;
          const st = byId.get(s.stream_id);
          tr.append(
            cell(s.stream_id.slice(0, 8)),
            cell(s.scenario),
            cell(s.status, `state state-${s.status}`),
            cell(`${s.started_at.slice(0, 10)} ${s.started_at.slice(11, 19)}`),
            cell(s.stopped_at ? s.stopped_at.slice(11, 19) : "–"),
            cell(fmt(st?.sent)),
            cell(fmt(st?.failed)),
            cell(fmt(st?.lateness_p99_ms_max, 1)),
            cell(
              st
                ? `v${st.config_version}${st.last_minute_config_version && st.last_minute_config_version !== st.config_version ? ` (last minute v${st.last_minute_config_version})` : ""}`
                : "–",
            ),
          );
          return tr;
        }),
      );
      historyCursor = status.next_cursor;
      $("history-more").hidden = !historyCursor;
      $("history-result").textContent = `${body.rows.length} shown${historyCursor ? "" : ", all"}`;
    } catch (e) {
      if (e instanceof Unauthorized) return showLogin("That key was refused.");
      $("history-result").textContent = `failed: ${e.message}`;
    }
  };

  // ---- the loop
  const refresh = async () => {
    clearTimeout(timer);
    try {
      const [data, health] = await Promise.all([
        api("/dashboard/data"),
        fetch("/health")
          .then((r) => (r.ok ? r.json() : null))
          .catch(() => null),
      ]);
      $("login").hidden = true;
      $("app").hidden = false;
      $("logout").hidden = !sessionStorage.getItem(KEY);
      renderRule(data);
      renderHealth(health);
      renderStreams(data.streams);
      renderMinutes(data.minutes);
      renderCharts(data.minutes);
      $("updated").textContent = `updated ${data.now.slice(11, 19)} UTC`;
    } catch (e) {
      if (e instanceof Unauthorized) {
        showLogin(sessionStorage.getItem(KEY) ? "That key was refused." : "");
        return;
      }
      $("updated").textContent = `update failed: ${e.message}`;
    }
    if (document.visibilityState === "visible") timer = setTimeout(refresh, POLL_MS);
  };

  const stopStream = async (id, button) => {
    button.disabled = true;
    try {
      await api(`/stream/stop/${id}`, { method: "POST" });
    } catch (e) {
      $("start-result").textContent = `stop failed: ${e.message}`;
    }
    await refresh();
  };

  // An inline form in the stream's row: rate and mix, sent as PATCH /stream/{id}. The change takes
  // effect at the first minute not yet prepared, which the answer names.
  const editStream = (s, td) => {
    editing = s.stream_id;
    const c = s.config || {};
    const form = document.createElement("form");
    form.className = "edit-form";
    const input = (name, value, size) => {
      const i = document.createElement("input");
      i.name = name;
      i.value = value;
      i.size = size;
      i.setAttribute("aria-label", name);
      return i;
    };
    const rate = input("rate", rateOf(c), 8);
    const mix = input("mix", typeof c.mix === "string" ? c.mix : "", 10);
    mix.placeholder = "mix";
    mix.disabled = s.scenario !== "gourmetgram";
    const save = document.createElement("button");
    save.type = "submit";
    save.textContent = "Save";
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.textContent = "Cancel";
    const close = async () => {
      editing = null;
      await refresh();
    };
    cancel.addEventListener("click", close);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const body = { rate: rate.value.trim() };
      if (/^\d+(\.\d+)?$/.test(body.rate)) body.rate = Number(body.rate);
      if (!mix.disabled && mix.value.trim()) body.mix = mix.value.trim();
      save.disabled = true;
      try {
        const changed = await api(`/stream/${s.stream_id}`, {
          method: "PATCH",
          body: JSON.stringify(body),
        });
        $("start-result").textContent =
          `changed ${s.stream_id.slice(0, 8)}: v${changed.version} from ${hhmm(changed.effective_minute)}`;
      } catch (err) {
        $("start-result").textContent =
          err instanceof Unauthorized ? "key refused" : `change refused: ${err.message}`;
      }
      await close();
    });
    form.append(rate, mix, save, cancel);
    td.replaceChildren(form);
    rate.focus();
  };

  $("start-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = { scenario: f.get("scenario"), rate: String(f.get("rate")).trim() };
    if (/^\d+(\.\d+)?$/.test(body.rate)) body.rate = Number(body.rate);
    if (body.scenario === "clickstream") body.data_type = f.get("data_type");
    else if (f.get("mix")) body.mix = f.get("mix");
    if (f.get("daily")) body.profile = { daily: true };
    if (f.get("duration")) body.duration = Number(f.get("duration")) * 60;
    if (f.get("max_count")) body.max_count = Number(f.get("max_count"));
    try {
      const started = await api("/stream/start", { method: "POST", body: JSON.stringify(body) });
      $("start-result").textContent = `started ${started.stream_id.slice(0, 8)}`;
    } catch (err) {
      $("start-result").textContent =
        err instanceof Unauthorized ? "key refused" : `refused: ${err.message}`;
    }
    await refresh();
  });
  $("start-form").scenario.addEventListener("change", (e) => {
    const click = e.currentTarget.value === "clickstream";
    e.currentTarget.form.data_type.disabled = !click;
    e.currentTarget.form.mix.disabled = click;
  });
  $("history").addEventListener("toggle", (e) => {
    if (e.currentTarget.open) loadHistory(true);
  });
  $("history-more").addEventListener("click", () => loadHistory(false));
  $("login-form").addEventListener("submit", (e) => {
    e.preventDefault();
    sessionStorage.setItem(KEY, $("login-key").value);
    $("login-key").value = "";
    refresh();
  });
  $("logout").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    showLogin("");
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") refresh();
  });
  new ResizeObserver(resize).observe(document.querySelector("main"));
  refresh();
})();
