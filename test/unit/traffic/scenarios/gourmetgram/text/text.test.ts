import { createRandom } from "@gg/core/random";
import { createTextSource } from "@gg/traffic/faker";
import { FOOD11_CATEGORIES } from "@gg/traffic/gourmetgram/images";
import {
  COUNTRIES,
  caption,
  comment,
  DISHES,
  FLAG_REASONS,
  flagReason,
  newUser,
} from "@gg/traffic/gourmetgram/text";
import { describe, expect, it } from "vitest";
import { binomialZ } from "../plan/stats";

const SEED = Number(process.env.TEST_SEED ?? 20261123);

describe(`generated text (seed ${SEED})`, () => {
  const text = createTextSource();

  it("users follow the original's rules: name_number, 12 countries, 1960–2007, 2% test accounts", () => {
    const n = 10_000;
    const users = Array.from({ length: n }, (_, i) =>
      newUser(text, createRandom(SEED, "user", i), 0.02),
    );
    const names = new Set(users.map((u) => u.username));
    expect(names.size / n).toBeGreaterThan(0.995);
    expect(new Set(users.map((u) => u.country_of_residence))).toEqual(new Set(COUNTRIES));
    const years = users.map((u) => u.year_of_birth);
    expect(Math.min(...years)).toBe(1960);
    expect(Math.max(...years)).toBe(2007);
    const tests = users.filter((u) => u.is_test_account).length;
    expect(binomialZ(tests, n, 0.02)).toBeLessThan(4.5);
    for (const u of users.slice(0, 200)) {
      expect(u.username).toMatch(/^[^\s_]+(?:_[^\s_]+)*_\d{1,5}$/);
      expect(u.tos_version_accepted).toBe(1);
    }
  });

  it("is a function of the event's stream, whatever the Faker did before", () => {
    const a = newUser(text, createRandom(SEED, "same"), 0.02);
    text.faker.lorem.paragraphs(3); // unrelated use in between
    expect(newUser(createTextSource(), createRandom(SEED, "same"), 0.02)).toEqual(a);
    expect(comment(text, createRandom(SEED, "c"))).toBe(comment(text, createRandom(SEED, "c")));
  });

  it("captions name a dish of the image's category, then a sentence", () => {
    for (const category of FOOD11_CATEGORIES) {
      for (let i = 0; i < 20; i++) {
        const c = caption(text, createRandom(SEED, "caption", category, i), category);
        expect(DISHES[category].some((d) => c.toLowerCase().includes(d))).toBe(true);
        expect(c).toMatch(/^[A-Z].* - [A-Z].*\.$/s);
      }
    }
    const all = Array.from({ length: 300 }, (_, i) =>
      caption(text, createRandom(SEED, "t", i), "Egg"),
    );
    expect(all.some((c) => /^Trying out \w+ [\w ]+ - /.test(c))).toBe(true);
  });

  it('comments read like the original\'s ("Wow, <sentence>.") and flags use its 8 reasons', () => {
    const comments = Array.from({ length: 300 }, (_, i) =>
      comment(text, createRandom(SEED, "comment", i)),
    );
    expect(comments.some((c) => /^Wow, [a-z].*\.$/s.test(c))).toBe(true);
    expect(comments.every((c) => c.endsWith("."))).toBe(true);
    const reasons = new Set(
      Array.from({ length: 500 }, (_, i) => flagReason(createRandom(SEED, "flag", i))),
    );
    expect(reasons).toEqual(new Set(FLAG_REASONS));
    expect(FLAG_REASONS).toHaveLength(8);
  });
});
