// "Remember this device" in the header: a tablet's browser may close between sessions, so a
// coordinator can keep the key on the device (localStorage) until it expires, and the header says
// until when. An admin key is never kept beyond the browser session. Forget key removes it.
import type { Me } from './api.ts';
import { REMEMBER_AT_MOST_MS, forgetDevice, rememberDevice, rememberedKey } from './session.ts';

const when = (ms: number) =>
  new Date(ms).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });

export class RememberDevice {
  private key: string | null = null;
  private me: Me | null = null;

  constructor(
    private readonly box: HTMLInputElement,
    private readonly note: HTMLElement,
  ) {
    box.addEventListener('change', () => this.changed());
  }

  /** Offers the choice for the key in use (not for an admin's), ticked when this device keeps it. */
  show(key: string, me: Me | null): void {
    this.key = key;
    this.me = me;
    const offered = me !== null && me.role !== 'admin';
    this.box.closest('label')!.hidden = !offered;
    const kept = rememberedKey();
    this.box.checked = offered && kept?.key === key;
    this.note.hidden = !offered;
    if (offered) this.say(this.box.checked ? kept!.until : null);
  }

  private changed(): void {
    if (!this.key || !this.me) return;
    if (!this.box.checked) {
      forgetDevice();
      return this.say(null);
    }
    this.say(rememberDevice(this.key, this.me.expiresAt));
  }

  private say(until: number | null): void {
    const expires = this.me?.expiresAt ? Date.parse(this.me.expiresAt) : null;
    this.note.textContent =
      until === null
        ? 'The key is kept until this browser closes.'
        : expires !== null && until >= expires
          ? `This device keeps the key until ${when(until)}, when it expires. Forget key removes it now.`
          : `This device keeps the key until ${when(until)} (${REMEMBER_AT_MOST_MS / 86_400_000} days; the key itself does not expire). Forget key removes it now.`;
  }
}
