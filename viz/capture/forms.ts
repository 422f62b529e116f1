// The Capture view's forms, wired once: each turns what was typed into an entry and its write,
// stamped with the session's moment (and source, where the API keeps one), or says in the form what
// to fix. One module per family of forms; this one keeps their shared choices in step.
import { fields, fillCommunities, formById, type CaptureHost } from './form-kit.ts';
import {
  refreshGroupChoices,
  wireAttendanceForm,
  wireCommunityForm,
  wireGroupForm,
  wireMembershipForm,
} from './group-forms.ts';
import { wireMeasureForm, wireResidentForm } from './person-forms.ts';
import { wireTieForm } from './tie-form.ts';

export type { CaptureHost } from './form-kit.ts';

export interface CaptureForms {
  /** The session's community changed, or communities were added: refresh every community choice. */
  sessionChanged(): void;
  /** Groups were added: refresh the group and activity choices. */
  refreshChoices(): void;
}

export function wireForms(host: CaptureHost): CaptureForms {
  const { from } = wireTieForm(host);
  wireResidentForm(host, (person) => {
    from.set(person);
    fields(formById('tie-form')).to.focus();
  });
  wireCommunityForm(host);
  wireGroupForm(host);
  wireMembershipForm(host);
  wireAttendanceForm(host);
  wireMeasureForm(host);

  function sessionChanged(): void {
    const chosen = host.header.communityId;
    fillCommunities(fields(formById('resident-form')).community, host.communities, chosen);
    fillCommunities(fields(formById('group-form')).community, host.communities, chosen);
    refreshChoices();
  }

  const refreshChoices = () => refreshGroupChoices(host);

  return { sessionChanged, refreshChoices };
}
