import { Food11Categories, GOURMETGRAM_KINDS, type GourmetGramKind } from "@gg/core/kafka";
import { Alias, createRandom, fastUuid, type Random } from "@gg/core/random";
import { createIsoFormatter } from "@gg/core/time";
import { createTextSource } from "../../faker/index";
import type { RecordSource } from "../../firehose/source";
import { caption, comment, FLAG_REASONS } from "./text/index";

export interface GourmetGramSourceOptions {
  seed: string | number;
  /** Distinguishes parallel lanes: same seed and label, same records. */
  label: number;
  topicNames: Record<GourmetGramKind, string>;
  /** Relative weights per kind; the original generator drew its event types evenly. */
  mix: Record<GourmetGramKind, number>;
  /** Recent images (and comments) events may refer to: a fixed ring, so memory stays flat. */
  imagePool?: number;
  users?: number;
  bucket?: string;
}

const TEXTS = 512;

/**
 * Synthetic GourmetGram events valid against the contract's schemas, straight to Kafka: ids are
 * made up here and no database row exists behind them. Views, comments and flags refer to images
 * uploaded earlier by the same source (newest most often); values are written as JSON by template,
 * byte-identical to `JSON.stringify` of the schema's field order, at a fraction of its cost.
 */
export function createFirehoseSource(options: GourmetGramSourceOptions): RecordSource {
  const rng = createRandom(options.seed, "firehose-gourmetgram", options.label);
  const kinds = new Alias(GOURMETGRAM_KINDS.map((k) => options.mix[k]));
  const names = GOURMETGRAM_KINDS.map((k) => options.topicNames[k]);
  const users = Array.from({ length: options.users ?? 10_000 }, () => fastUuid(rng));
  const ring = options.imagePool ?? 10_000;
  const images: string[] = new Array(ring);
  const comments: string[] = new Array(ring);
  const commentImage: string[] = new Array(ring);
  let imageCount = 0;
  let commentCount = 0;
  const texts = textPools(rng);
  const bucket = options.bucket ?? "gourmetgram-images";
  const iso = createIsoFormatter();

  // Recent images are hot: u^3 puts ~half the picks on the newest eighth of the ring.
  const recent = (count: number) => {
    const u = rng.next();
    return (count - 1 - Math.floor(Math.min(count, ring) * u * u * u)) % ring;
  };
  const user = () => users[rng.nextUint32() % users.length] as string;

  return {
    topics: [...new Set(names)],
    next(n, nowMs) {
      const out = new Array(n);
      const base = nowMs * 1000;
      for (let i = 0; i < n; i++) {
        // No image yet: only an upload makes sense (the original skipped views and comments).
        const kind = imageCount === 0 ? 0 : kinds.draw(rng);
        const at = iso(base + i);
        const eventId = fastUuid(rng);
        let image: string;
        let value: string;
        if (kind === 0) {
          image = fastUuid(rng);
          images[imageCount++ % ring] = image;
          const category = Food11Categories[rng.nextUint32() % Food11Categories.length];
          const text = texts.captions[rng.nextUint32() % TEXTS];
          value = `{"event_type":"upload","event_id":"${eventId}","image_id":"${image}","user_id":"${user()}","category":"${category}","caption":${text},"created_at":"${at}","s3_url":"s3://${bucket}/${image}.jpg"}`;
        } else if (kind === 1) {
          image = images[recent(imageCount)] as string;
          value = `{"event_type":"view","event_id":"${eventId}","image_id":"${image}","viewed_at":"${at}","user_id":"${user()}"}`;
        } else if (kind === 2) {
          image = images[recent(imageCount)] as string;
          const id = fastUuid(rng);
          comments[commentCount % ring] = id;
          commentImage[commentCount++ % ring] = image;
          const text = texts.comments[rng.nextUint32() % TEXTS];
          value = `{"event_type":"comment","event_id":"${eventId}","comment_id":"${id}","image_id":"${image}","user_id":"${user()}","content":${text},"created_at":"${at}"}`;
        } else {
          // A fifth of flags target a comment; they carry its image too, so every flag keys by image.
          const onComment = commentCount > 0 && rng.nextUint32() % 5 === 0;
          const slot = onComment ? recent(commentCount) : 0;
          image = onComment
            ? (commentImage[slot] as string)
            : (images[recent(imageCount)] as string);
          const target = onComment ? `"${comments[slot]}"` : "null";
          const reason = texts.reasons[rng.nextUint32() % texts.reasons.length];
          value = `{"event_type":"flag","event_id":"${eventId}","flag_id":"${fastUuid(rng)}","user_id":"${user()}","image_id":"${image}","comment_id":${target},"reason":${reason},"created_at":"${at}"}`;
        }
        out[i] = { topic: names[kind], key: Buffer.from(image), value: Buffer.from(value) };
      }
      return out;
    },
  };
}

// Faker sentences cost microseconds each; a pool drawn once at start, already JSON-escaped,
// keeps the text realistic and the per-event cost at a lookup.
function textPools(rng: Random) {
  const text = createTextSource();
  const fork = rng.fork("text");
  return {
    captions: Array.from({ length: TEXTS }, () =>
      JSON.stringify(caption(text, fork, Food11Categories[fork.int(0, 10)] ?? "Bread")),
    ),
    comments: Array.from({ length: TEXTS }, () => JSON.stringify(comment(text, fork))),
    reasons: FLAG_REASONS.map((r) => JSON.stringify(r)),
  };
}
