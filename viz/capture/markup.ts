// The Capture view's forms: every control labelled, one form per kind of entry, the last entry and
// its Undo above them, the session's network and entries beside them (above them on a phone), and a
// place for the sheet import panel.
import { CONSENTS, GROUP_KINDS, STRENGTHS } from '../../server/domain-names.ts';
import { CHANGE_HTML } from './change-forms.ts';
import { CAPTURE_SOURCES } from './store.ts';

/** The kinds Capture offers in a project that has none of its own yet. */
export const TIE_KINDS = ['knows', 'friend', 'support', 'collaborate'];

const options = (values: readonly (string | number)[]) =>
  values.map((v) => `<option value="${v}">${v}</option>`).join('');

export const CAPTURE_HTML = `
<section class="capture-session" aria-labelledby="session-heading">
  <h2 id="session-heading">Session</h2>
  <form id="session-form" class="row" aria-labelledby="session-heading">
    <label>Date and time <input id="session-at" name="at" type="datetime-local" required /></label>
    <span id="session-zone" class="muted"></span>
    <label>Community <select id="session-community" name="community"></select></label>
    <label>Source <select id="session-source" name="source">${options(CAPTURE_SOURCES)}</select></label>
  </form>
  <form id="community-form" class="row" aria-label="Add community" novalidate>
    <label>New community <input name="name" required maxlength="200" autocomplete="off" /></label>
    <button type="submit" class="write">Add community</button>
    <p class="form-error" role="alert"></p>
  </form>
  <p id="queue-status" class="queue" role="status" aria-live="polite"></p>
  <p id="write-note" class="note" hidden></p>
</section>
<div class="capture-grid">
  <div class="capture-forms">
    <div class="last-entry" role="region" aria-label="Last entry">
      <p id="last-entry" class="last-entry-text"></p>
      <button type="button" id="undo-last" class="write" aria-keyshortcuts="Control+Z" aria-describedby="last-entry">Undo last entry</button>
      <p id="undo-status" class="undo-status" role="status" aria-live="polite"></p>
    </div>
    <section aria-labelledby="resident-heading">
      <h2 id="resident-heading">Add resident</h2>
      <form id="resident-form" class="row" aria-labelledby="resident-heading" novalidate>
        <label>Name <input name="name" required maxlength="200" autocomplete="off" /></label>
        <label>Community <select name="community"></select></label>
        <label class="check"><input name="participant" type="checkbox" /> Participant</label>
        <label>Consent <select name="consent">${options(CONSENTS)}</select></label>
        <button type="submit" class="write">Add resident</button>
        <div id="resident-match" class="match" role="status" aria-live="polite"></div>
      </form>
    </section>
    <section aria-labelledby="tie-heading">
      <h2 id="tie-heading">Record ties</h2>
      <form id="tie-form" class="row" aria-labelledby="tie-heading" novalidate>
        <div class="picker"><label for="tie-from">From</label><input id="tie-from" name="from" placeholder="name or id" /></div>
        <div class="picker"><label for="tie-to">To</label><input id="tie-to" name="to" placeholder="name or id" /></div>
        <label>Kind <input name="kind" list="tie-kinds" value="knows" maxlength="40" autocomplete="off" /></label>
        <datalist id="tie-kinds">${options(TIE_KINDS)}</datalist>
        <label>Strength <select name="strength">${options(STRENGTHS)}</select></label>
        <label class="check"><input name="keep" type="checkbox" /> Keep kind and strength for the next tie</label>
        <button type="submit" class="write">Add tie</button>
        <p class="tie-notice" role="status" aria-live="polite"></p>
        <p class="form-error" role="alert"></p>
      </form>
    </section>
    <section aria-labelledby="group-heading">
      <h2 id="group-heading">Add group</h2>
      <form id="group-form" class="row" aria-labelledby="group-heading" novalidate>
        <label>Name <input name="name" required maxlength="200" autocomplete="off" /></label>
        <label>Kind <select name="kind">${options(GROUP_KINDS)}</select></label>
        <label>Community <select name="community"></select></label>
        <button type="submit" class="write">Add group</button>
        <p class="form-error" role="alert"></p>
      </form>
    </section>
    <section aria-labelledby="membership-heading">
      <h2 id="membership-heading">Membership</h2>
      <form id="membership-form" class="row" aria-labelledby="membership-heading" novalidate>
        <div class="picker"><label for="membership-resident">Resident</label><input id="membership-resident" name="resident" placeholder="name or id" /></div>
        <label>Group <select name="group"></select></label>
        <button type="submit" class="write" value="membership">Add membership</button>
        <button type="submit" class="write" value="departure">Record departure</button>
        <p class="form-error" role="alert"></p>
      </form>
    </section>
    <section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">Attendance</h2>
      <form id="attendance-form" class="row" aria-labelledby="attendance-heading" novalidate>
        <div class="picker"><label for="attendance-resident">Resident</label><input id="attendance-resident" name="resident" placeholder="name or id" /></div>
        <label>Activity <select name="group"></select></label>
        <button type="submit" class="write">Record attendance</button>
        <p class="form-error" role="alert"></p>
      </form>
    </section>
    <section aria-labelledby="measure-heading">
      <h2 id="measure-heading">Wellbeing measure</h2>
      <form id="measure-form" class="row" aria-labelledby="measure-heading" novalidate>
        <div class="picker"><label for="measure-resident">Resident</label><input id="measure-resident" name="resident" placeholder="name or id" /></div>
        <label>Instrument <input name="instrument" list="instruments" required maxlength="80" autocomplete="off" /></label>
        <datalist id="instruments"></datalist>
        <label>Score <input name="score" type="number" step="any" inputmode="decimal" required /></label>
        <label>Wave <input name="wave" maxlength="40" placeholder="optional" list="wave-names" autocomplete="off" /></label>
        <button type="submit" class="write">Add measure</button>
        <p class="form-error" role="alert"></p>
      </form>
    </section>${CHANGE_HTML}
  </div>
  <div class="capture-side">
    <section aria-labelledby="session-network-heading">
      <h2 id="session-network-heading">This session's network</h2>
      <div id="capture-map" class="capture-map" role="img" aria-label="The residents and ties recorded in this session"></div>
    </section>
    <section aria-labelledby="entries-heading">
      <h2 id="entries-heading">Entries, newest first</h2>
      <ol id="entries" class="entries"></ol>
    </section>
    <section aria-labelledby="others-heading">
      <h2 id="others-heading">From other devices</h2>
      <p id="this-device" class="muted"></p>
      <div role="log" aria-labelledby="others-heading"><ol id="others" class="entries"></ol></div>
    </section>
  </div>
</div>
<section id="import-panel" class="import-slot" aria-label="Import sheets"></section>`;
