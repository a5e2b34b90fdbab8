import type { Random } from "@gg/core/random";
import { createIsoFormatter } from "@gg/core/time";
import { SessionEmitter, type SessionWithInteractions } from "./session-emit";
import { SessionModel } from "./session-model";
import { checkTimeFrame, placeSession, type TimeFrame } from "./time-frame";
import type { World } from "./world";

/** Sessions one after another from a world: the model, emitter and formatter are reused. */
export class SessionSource {
  /** The simulation behind the last session (its user and product indices), read-only for callers. */
  readonly model: SessionModel;
  private readonly emitter: SessionEmitter;
  private readonly frame: TimeFrame;

  constructor(
    world: World,
    private readonly rng: Random,
    frame: TimeFrame,
  ) {
    this.frame = checkTimeFrame(frame);
    this.model = new SessionModel(world);
    this.emitter = new SessionEmitter(world, createIsoFormatter());
  }

  /** The next session; in a live frame, `now` moves the present forward (defaults to the frame's). */
  next(now?: Date): SessionWithInteractions {
    this.model.simulate(this.rng);
    const at = placeSession(this.frame, this.model.span, this.rng, now);
    return this.emitter.emit(this.model, at, this.rng);
  }
}
