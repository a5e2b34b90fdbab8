// The contract, endpoint by endpoint, against the real Postgres, LocalStack S3 and Kafka: the row,
// the object and the Kafka message read back and checked field by field. Run against the Node app
// (contract.test.ts) and against the API Lambda behind its Function URL (emulate/topology.test.ts).
import type { Pool } from "@gg/core/db";
import * as Kafka from "@gg/core/kafka";
import type { ObjectStore } from "@gg/core/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, type Requester, upload } from "../../support/api";
import { testKafka } from "../../support/fixtures";
import { jpeg, png, webp } from "../../support/images";

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An API under test: how to call it, and where its rows, objects and events land. */
export interface ContractTarget {
  app: Requester;
  /** A database no one else writes to during the suite. */
  db: { pool: Pool };
  bucket: { bucket: string; store: ObjectStore };
  /** Prefix of its topics (empty when it writes the real names). */
  topicPrefix: string;
}

/** The contract suite; `setup` runs before it, and the `close` it returns after. */
export function describeContract(
  title: string,
  setup: () => Promise<{ target: ContractTarget; close?: () => Promise<void> }>,
) {
  let api: ContractTarget;
  let close: (() => Promise<void>) | undefined;
  const kafka = testKafka();
  // Where each topic ended before the suite wrote: a target on the real topic names shares them
  // with every run before it (benches write millions of views), and a reader from the beginning
  // scanned them all.
  const start = new Map<string, Kafka.PartitionOffset[] | undefined>();

  /** This API's events on `topic` whose key is `key` (other writers' events are skipped). */
  async function eventsFor<T>(topic: Kafka.TopicDef<T>, count: number, key: string) {
    const name = api.topicPrefix + topic.name;
    const found = await Kafka.readMessages(kafka, name, {
      count,
      from: start.get(name),
      timeoutMs: 20_000,
      match: (m) => m.key === key,
    });
    return found.map((m) => ({ ...m, value: topic.schema.parse(m.value) }));
  }

  describe(title, () => {
    beforeAll(async () => {
      ({ target: api, close } = await setup());
      for (const topic of Object.values(Kafka.GOURMETGRAM_TOPICS)) {
        const name = api.topicPrefix + topic.name;
        start.set(name, await Kafka.endOffsets(kafka, name));
      }
    });
    afterAll(async () => {
      await close?.();
    });

    let user: Record<string, unknown>;
    let image: Record<string, unknown>;
    let comment: Record<string, unknown>;

    it("POST /users/ writes the row and returns it; the same name returns the same row", async () => {
      const res = await postJson(api.app, "/users/", {
        username: "chef_42",
        country_of_residence: "FR",
        year_of_birth: 1988,
      });
      expect(res.status).toBe(200);
      user = await res.json();
      expect(user).toMatchObject({
        username: "chef_42",
        country_of_residence: "FR",
        year_of_birth: 1988,
        tos_version_accepted: 1,
        is_test_account: false,
        tos_accepted_at: null,
      });
      expect(user.id).toMatch(UUID);
      expect(user.created_at).toMatch(TS);
      const again = await postJson(api.app, "/users", { username: "chef_42" });
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(user);
      const { rows } = await api.db.pool.query(
        "SELECT id, username, country_of_residence FROM users",
      );
      expect(rows).toEqual([{ id: user.id, username: "chef_42", country_of_residence: "FR" }]);
    });

    it("POST /upload/ stores the object (bytes, content type), the row, and the upload event", async () => {
      const bytes = jpeg();
      const res = await upload(
        api.app,
        { user_id: String(user.id), caption: "Trying out spicy egg - yum.", category: "Egg" },
        { bytes, name: "../../evil name.png" },
      );
      expect(res.status).toBe(200);
      image = await res.json();
      expect(image).toMatchObject({
        user_id: user.id,
        caption: "Trying out spicy egg - yum.",
        category: "Egg",
        source: "user_upload",
        views: 0,
        deleted_at: null,
      });
      expect(image.s3_url).toBe(`s3://${api.bucket.bucket}/${image.id}.jpg`);
      const object = await api.bucket.store.get(`${image.id}.jpg`);
      expect(object?.contentType).toBe("image/jpeg");
      expect(Buffer.from(object?.body ?? []).equals(Buffer.from(bytes))).toBe(true);
      const { rows } = await api.db.pool.query(
        "SELECT s3_url, category FROM images WHERE id = $1",
        [image.id],
      );
      expect(rows).toEqual([{ s3_url: image.s3_url, category: "Egg" }]);
      const [event] = await eventsFor(Kafka.Uploads, 1, String(image.id));
      expect(event?.value).toEqual({
        event_type: "upload",
        event_id: expect.stringMatching(UUID),
        image_id: image.id,
        user_id: user.id,
        category: "Egg",
        caption: "Trying out spicy egg - yum.",
        created_at: image.created_at,
        s3_url: image.s3_url,
      });
    });

    it("detects PNG and WebP from the bytes and names the object after the image id", async () => {
      for (const [bytes, ext, type] of [
        [png(), "png", "image/png"],
        [webp(), "webp", "image/webp"],
      ] as const) {
        const res = await upload(
          api.app,
          { user_id: String(user.id) },
          { bytes, name: "photo.jpg" },
        );
        expect(res.status).toBe(200);
        const row = await res.json();
        expect(row.category).toBeNull();
        expect((await api.bucket.store.get(`${row.id}.${ext}`))?.contentType).toBe(type);
        const [event] = await eventsFor(Kafka.Uploads, 1, row.id);
        expect(event?.value.category).toBe("Unknown");
      }
    });

    it("POST /images/{id}/view counts the view and emits a view event keyed by image id", async () => {
      const res = await api.app.request(`/images/${image.id}/view`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user_id: user.id }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok", views: 1 });
      const bare = await api.app.request(`/images/${image.id}/view/`, { method: "POST" });
      expect(await bare.json()).toEqual({ status: "ok", views: 2 });
      const events = await eventsFor(Kafka.Views, 2, String(image.id));
      expect(events.map((e) => e.value.user_id)).toEqual([user.id, undefined]);
      for (const e of events) {
        expect(e.key).toBe(image.id);
        expect(Object.keys(e.value).sort()).toEqual(
          [
            "event_id",
            "event_type",
            "image_id",
            "viewed_at",
            ...(e.value.user_id ? ["user_id"] : []),
          ].sort(),
        );
        expect(e.value.viewed_at).toMatch(TS);
      }
      const { rows } = await api.db.pool.query("SELECT views FROM images WHERE id = $1", [
        image.id,
      ]);
      expect(rows[0].views).toBe(2);
    });

    it("POST /comments/ writes the row and the comment event", async () => {
      const res = await postJson(api.app, "/comments/", {
        image_id: image.id,
        user_id: user.id,
        content: "Wow, that looks great.",
      });
      expect(res.status).toBe(200);
      comment = await res.json();
      expect(comment).toMatchObject({
        image_id: image.id,
        user_id: user.id,
        content: "Wow, that looks great.",
        moderator_hidden: false,
        moderator_action_id: null,
        deleted_at: null,
      });
      const [event] = await eventsFor(Kafka.Comments, 1, String(image.id));
      expect(event?.value).toEqual({
        event_type: "comment",
        event_id: expect.stringMatching(UUID),
        comment_id: comment.id,
        image_id: image.id,
        user_id: user.id,
        content: "Wow, that looks great.",
        created_at: comment.created_at,
      });
      const list = await api.app.request(`/comments?image_id=${image.id}`);
      expect(await list.json()).toEqual([comment]);
    });

    it("POST /flags/ writes image and comment flags and their events; no target is a 400", async () => {
      const onImage = await (
        await postJson(api.app, "/flags", {
          user_id: user.id,
          image_id: image.id,
          reason: "spam in comment",
        })
      ).json();
      expect(onImage).toMatchObject({
        user_id: user.id,
        image_id: image.id,
        comment_id: null,
        reason: "spam in comment",
        review_status: "pending",
        resolved_at: null,
      });
      const onComment = await (
        await postJson(api.app, "/flags/", {
          user_id: user.id,
          comment_id: comment.id,
          reason: "personal attack",
        })
      ).json();
      expect(onComment.comment_id).toBe(comment.id);
      const none = await postJson(api.app, "/flags/", { user_id: user.id, reason: "hate speech" });
      expect(none.status).toBe(400);
      expect(await none.json()).toEqual({
        detail: "Either image_id or comment_id must be provided",
      });
      const ids = new Set([onImage.id, onComment.id]);
      const events = await Kafka.readMessages(kafka, `${api.topicPrefix}gourmetgram.flags`, {
        count: 2,
        timeoutMs: 20_000,
        match: (m) => ids.has(Kafka.FlagEvent.parse(m.value).flag_id),
      });
      const byId = new Map(
        events.map((e) => [Kafka.FlagEvent.parse(e.value).flag_id, Kafka.FlagEvent.parse(e.value)]),
      );
      expect(byId.get(onImage.id)).toEqual({
        event_type: "flag",
        event_id: expect.stringMatching(UUID),
        flag_id: onImage.id,
        user_id: user.id,
        image_id: image.id,
        comment_id: null,
        reason: "spam in comment",
        created_at: onImage.created_at,
      });
      expect(byId.get(onComment.id)).toMatchObject({
        image_id: null,
        comment_id: comment.id,
        reason: "personal attack",
      });
    });

    it("GET /users/{id}, /images/{id} (presigned URL that really fetches) and /images pages", async () => {
      expect(await (await api.app.request(`/users/${user.id}`)).json()).toEqual(user);
      const got = await (await api.app.request(`/images/${image.id}`)).json();
      expect(got.id).toBe(image.id);
      const file = await fetch(got.url);
      expect(file.status).toBe(200);
      expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(jpeg()))).toBe(true);
      const first = await (await api.app.request("/images?limit=2")).json();
      expect(first.items).toHaveLength(2);
      const second = await (
        await api.app.request(`/images/?limit=2&cursor=${first.next_cursor}`)
      ).json();
      const ids = [...first.items, ...second.items].map((i: { id: string }) => i.id);
      expect(new Set(ids).size).toBe(3);
      expect(ids[2]).toBe(image.id); // newest first: the JPEG was the first upload
    });

    it("answers errors in the contract's shapes, never a 500", async () => {
      const unknownImage = "00000000-0000-4000-8000-000000000000";
      const cases: [Response, number, unknown][] = [
        [
          await api.app.request(`/images/${unknownImage}/view`, { method: "POST" }),
          404,
          { detail: "Image not found" },
        ],
        [
          await postJson(api.app, "/comments/", {
            image_id: unknownImage,
            user_id: user.id,
            content: "x",
          }),
          404,
          { detail: "Image not found" },
        ],
        [
          await postJson(api.app, "/comments/", {
            image_id: image.id,
            user_id: unknownImage,
            content: "x",
          }),
          404,
          { detail: "User not found" },
        ],
        [
          await upload(api.app, { user_id: unknownImage }, { bytes: jpeg() }),
          404,
          { detail: "User not found" },
        ],
        [
          await upload(
            api.app,
            { user_id: String(user.id) },
            { bytes: new TextEncoder().encode("not an image") },
          ),
          415,
          { detail: "File is not a JPEG, PNG or WebP image" },
        ],
        [
          await postJson(api.app, "/users/", { username: "x", year_of_birth: 1800 }),
          422,
          undefined,
        ],
        [
          await postJson(api.app, "/users/", { username: "y", country_of_residence: "FRA" }),
          422,
          undefined,
        ],
        [
          await api.app.request("/users/", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: "{",
          }),
          422,
          undefined,
        ],
        [await upload(api.app, { user_id: String(user.id) }, undefined), 422, undefined],
      ];
      for (const [res, status, body] of cases) {
        expect(res.status).toBe(status);
        const json = await res.json();
        if (body) expect(json).toEqual(body);
        if (status === 422)
          expect(json.detail[0]).toMatchObject({
            loc: expect.any(Array),
            msg: expect.any(String),
            type: expect.any(String),
          });
      }
      // Nothing was stored for the rejected uploads: only the three accepted objects exist.
      const { rows } = await api.db.pool.query("SELECT count(*)::int AS n FROM images");
      expect(rows[0].n).toBe(3);
    });

    it("GET /health tells the truth about every dependency", async () => {
      const res = await api.app.request("/health");
      const body = await res.json();
      expect(body).toMatchObject({
        status: "healthy",
        kafka_enabled: true,
        kafka_stats: { connected: true, outbox_pending: 0 },
      });
      expect(body.dependencies).toEqual({
        postgres: { status: "healthy", ok: true, enabled: true },
        kafka: { status: "healthy", ok: true, enabled: true },
        s3: { status: "healthy", ok: true, enabled: true },
      });
      expect((await api.app.request("/health/ready")).status).toBe(200);
    });
  });
}
