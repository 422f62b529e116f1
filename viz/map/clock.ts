// The Map's clock: Play runs from the first event to the last and stops there, and Follow live
// keeps the map at the newest moment while the live stream brings changes. Moving the map back in
// time turns following off; Play while following ends on live, still following.

/** The whole history plays in this long at 1×. */
const PLAY_MS = 30_000;

/** What the clock moves: a map over a span of time. */
export interface Clocked {
  readonly at: number;
  readonly timeline: { from: number; to: number; lastEvent: number };
  setTime(t: number): void;
  /** The clock stopped on a moment: the map may fetch what it shows there. */
  rested(): void;
}

export class MapClock {
  private playing = false;
  private follow = true;
  private lastTick = 0;
  /** Play advances this fractional clock; the map itself only ever sits on whole milliseconds. */
  private playClock = 0;
  speed = 1;

  constructor(
    private readonly map: Clocked,
    private readonly buttons: { play: HTMLButtonElement; follow: HTMLButtonElement },
  ) {}

  get isPlaying(): boolean {
    return this.playing;
  }

  /** Following live: the map moves on to the newest moment when the project grows. */
  get following(): boolean {
    return this.follow;
  }

  /** Where Play stops: the last event. A live stream moves it on as events arrive. */
  get playEnd(): number {
    return this.map.timeline.lastEvent;
  }

  /** Turns Follow live on (the map jumps to the newest moment, Play stops) or off. */
  setFollowing(on: boolean): void {
    this.follow = on;
    this.buttons.follow.setAttribute('aria-pressed', String(on));
    if (!on) return;
    this.pause();
    this.map.setTime(this.map.timeline.to);
  }

  /** The map was moved to a moment (not by Play): a moment before the newest stops following. */
  moved(): void {
    if (this.playing) return;
    if (this.follow && this.map.at < this.map.timeline.to) this.setFollowing(false);
    this.map.rested();
  }

  toggle(): void {
    if (this.playing) return this.pause();
    // playing first, so going back to the start is Play's and leaves following as it is
    this.playing = true;
    if (this.map.at >= this.playEnd) this.map.setTime(this.map.timeline.from);
    this.buttons.play.textContent = '⏸';
    this.buttons.play.setAttribute('aria-label', 'Pause');
    this.lastTick = performance.now();
    this.playClock = this.map.at;
    requestAnimationFrame(this.tick);
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.buttons.play.textContent = '▶';
    this.buttons.play.setAttribute('aria-label', 'Play');
    // Play ran on to the end while following: on to the newest moment, following on; paused
    // before the end, the map stays in the past and stops following
    if (this.follow && this.map.at >= this.playEnd) this.map.setTime(this.map.timeline.to);
    else this.moved();
  }

  stop(): void {
    this.playing = false;
  }

  private readonly tick = (now: number): void => {
    if (!this.playing) return;
    const { from } = this.map.timeline;
    const end = this.playEnd;
    this.playClock += ((now - this.lastTick) * (end - from) * this.speed) / PLAY_MS;
    this.lastTick = now;
    this.map.setTime(Math.min(this.playClock, end));
    if (this.playClock >= end) return this.pause();
    requestAnimationFrame(this.tick);
  };
}
