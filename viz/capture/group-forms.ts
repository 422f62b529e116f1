// The forms about places and groups: "Add community" (offered at once in every community choice),
// "Add group" (with its community, the session's by default), "Membership" and "Attendance".
import type { GroupSummary } from '../common/api.ts';
import { ResidentPicker } from '../common/combobox.ts';
import {
  PICK_RESIDENT,
  clear,
  fields,
  formById,
  problem,
  recordEvent,
  type CaptureHost,
} from './form-kit.ts';
import { readableId } from './ids.ts';

/** Refills the group and activity choices of Membership and Attendance, keeping what was chosen. */
export function refreshGroupChoices(host: CaptureHost): void {
  const fill = (select: HTMLSelectElement, groups: GroupSummary[], none: string) => {
    const keep = select.value;
    select.replaceChildren(
      ...(groups.length === 0
        ? [new Option(none, '')]
        : groups.map((g) => new Option(`${g.name} (${g.kind})`, g.id))),
    );
    if (groups.some((g) => g.id === keep)) select.value = keep;
  };
  const groups = host.groups();
  fill(fields(formById('membership-form')).group, groups, 'no group yet');
  fill(
    fields(formById('attendance-form')).group,
    groups.filter((g) => g.kind === 'activity'),
    'no activity yet',
  );
}

export function wireCommunityForm(host: CaptureHost): void {
  const form = formById('community-form');
  const f = fields(form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = f.name.value.trim();
    if (name === '') return problem(form, f.name, "Enter the community's name.");
    const taken = host.communities.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (taken) return problem(form, f.name, `${taken.name} is already a community.`);
    const community = { id: readableId(name, 'community'), name };
    clear(form);
    host.record(
      {
        id: community.id,
        kind: 'community',
        label: `Community: ${name}`,
        names: [community.id],
        community,
      },
      { entry: community.id, collection: 'communities', body: community },
    );
    f.name.value = '';
    f.name.focus();
  });
}

export function wireGroupForm(host: CaptureHost): void {
  const form = formById('group-form');
  const f = fields(form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = f.name.value.trim();
    if (name === '') return problem(form, f.name, "Enter the group's name.");
    const group: GroupSummary = {
      id: readableId(name, 'group'),
      name,
      kind: f.kind.value as GroupSummary['kind'],
      communityId: f.community.value || null,
    };
    const community = host.communities.find((c) => c.id === group.communityId);
    clear(form);
    host.record(
      {
        id: group.id,
        kind: 'group',
        label: `Group: ${name} (${group.kind}${community ? `, ${community.name}` : ''})`,
        names: [group.id],
        group,
      },
      {
        entry: group.id,
        collection: 'groups',
        body: { ...group, communityId: group.communityId ?? undefined },
      },
    );
    f.name.value = '';
    refreshGroupChoices(host);
    f.name.focus();
  });
}

export function wireMembershipForm(host: CaptureHost): void {
  const form = formById('membership-form');
  const f = fields(form);
  const member = new ResidentPicker(f.resident, () => host.people());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const type =
      (e as SubmitEvent).submitter?.getAttribute('value') === 'departure'
        ? 'departure'
        : 'membership';
    const person = member.value;
    const group = host.groups().find((g) => g.id === f.group.value);
    if (!person) return problem(form, f.resident, PICK_RESIDENT);
    if (!group) return problem(form, f.group, 'Add a group first, then choose it here.');
    const verb = type === 'membership' ? 'joins' : 'leaves';
    recordEvent(
      host,
      form,
      {
        kind: type,
        label: `${type === 'membership' ? 'Membership' : 'Departure'}: ${person.name ?? person.id} ${verb} ${group.name}`,
        names: [person.id, group.id],
      },
      { type, resident: person.id, group: group.id },
    );
    member.set(null);
    member.input.focus();
  });
}

export function wireAttendanceForm(host: CaptureHost): void {
  const form = formById('attendance-form');
  const f = fields(form);
  const attendee = new ResidentPicker(f.resident, () => host.people());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const person = attendee.value;
    const group = host.groups().find((g) => g.id === f.group.value && g.kind === 'activity');
    if (!person) return problem(form, f.resident, PICK_RESIDENT);
    if (!group)
      return problem(
        form,
        f.group,
        'Attendance is at an activity: add a group of kind activity first.',
      );
    recordEvent(
      host,
      form,
      {
        kind: 'attendance',
        label: `Attendance: ${person.name ?? person.id} at ${group.name}`,
        names: [person.id, group.id],
      },
      { type: 'attendance', resident: person.id, group: group.id },
    );
    attendee.set(null);
    attendee.input.focus();
  });
}
