// One project's live stream in the web app: every change goes to Capture's list of others' entries
// at once, and the Map is brought up to date after it (a moment's quiet first, so a burst of writes
// redraws once); a reset reads the project again. The header's live line says whether it follows.
import type { LiveChange } from '../common/api.ts';
import { LiveFollower, type LiveState } from '../common/live.ts';

/** A burst of changes within this long redraws the map once. */
const QUIET_MS = 250;
/** While the map cannot be redrawn (it is playing), it is tried again this often. */
const RETRY_MS = 1_000;

export interface LiveTargets {
  /** A change arrived: shown at once where it does not need the project read again. */
  change(change: LiveChange): void;
  /** Reads the project again for the map; false when it cannot now (tried again later). */
  refresh(): Promise<boolean>;
  /** The live line's words. */
  said(text: string): void;
}

const STATE_WORDS: Record<LiveState, string> = {
  connecting: 'Live: connecting…',
  live: 'Live: following every device',
  retrying: 'Live: connection lost, trying again',
  stopped: 'Live: off',
};

export class ProjectLive {
  private readonly follower: LiveFollower;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshing = false;
  private again = false;
  /** Changes received since the page loaded (tests and the bench read it). */
  changes = 0;

  constructor(
    key: string,
    readonly project: string,
    private readonly targets: LiveTargets,
  ) {
    this.follower = new LiveFollower(key, project, {
      change: (change) => {
        this.changes++;
        this.schedule(QUIET_MS);
        targets.change(change);
      },
      reset: () => this.schedule(0),
      state: (state, detail) =>
        targets.said(
          detail && state !== 'live' ? `${STATE_WORDS[state]} (${detail})` : STATE_WORDS[state],
        ),
    });
    this.follower.start();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.follower.stop();
  }

  private schedule(wait: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), wait);
  }

  /** One refresh at a time; a change during one makes another after it. */
  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return;
    }
    this.refreshing = true;
    try {
      if (!(await this.targets.refresh())) this.schedule(RETRY_MS);
    } finally {
      this.refreshing = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      }
    }
  }
}
