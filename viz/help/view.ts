// The Help view (#view=help): 1. the facilitator's guide (docs/guide.md, bundled so it opens without
// the network, as a workshop room may have none), with a contents list of its sections, 2. the
// project's workshop sheets to print (sheets.pdf), for a community or all of them.
import { marked } from 'marked';
import guide from '../../docs/guide.md?raw';
import type { PeoplemapApi } from '../common/api.ts';
import { escapeHtml } from '../common/html.ts';
import './help.css';

/** An id for a heading from its words: "Before the workshop" → "before-the-workshop". */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');

/** Adds the guide to `container`, with ids on its sections and a list of them to jump to. */
export function mountGuide(container: HTMLElement): void {
  container.insertAdjacentHTML(
    'beforeend',
    `
    <nav class="help-contents" aria-labelledby="help-contents-heading">
      <h2 id="help-contents-heading">Contents</h2>
      <ol></ol>
    </nav>
    <article class="help-guide">${marked.parse(guide, { async: false })}</article>`,
  );
  const list = container.querySelector('.help-contents ol')!;
  for (const heading of container.querySelectorAll<HTMLElement>('.help-guide h2')) {
    heading.id = `guide-${slug(heading.textContent ?? '')}`;
    heading.tabIndex = -1;
    const item = document.createElement('li');
    item.innerHTML = `<a href="#${heading.id}">${escapeHtml(heading.textContent ?? '')}</a>`;
    list.append(item);
  }
  // Contents links move focus to their section without changing the app's address (its view).
  list.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest('a');
    if (!link) return;
    event.preventDefault();
    const target = container.querySelector<HTMLElement>(link.getAttribute('href')!);
    target?.scrollIntoView();
    target?.focus();
  });
  for (const table of container.querySelectorAll('.help-guide table')) {
    const wrapper = document.createElement('div');
    wrapper.className = 'help-table';
    table.replaceWith(wrapper);
    wrapper.append(table);
  }
}

/** The sheets form: a community to list, then a PDF to save. `names` says what the key prints. */
export async function mountSheets(
  container: HTMLElement,
  api: PeoplemapApi,
  project: string,
  names: boolean,
): Promise<void> {
  container.innerHTML = `
    <h2 id="sheets-heading">Print workshop sheets</h2>
    <p>For a room without tablets: the consent script, a roster to tick who knows whom, and blank
      rows for new residents, groups, memberships, attendance and measures, laid out like the import
      sheets so they can be typed in afterwards.
      ${names ? 'The roster lists residents by name: keep the printout safe and shred it once typed in.' : 'This key prints the sheets with a blank roster: names are printed for coordinators only.'}</p>
    <form class="row sheets-form" aria-labelledby="sheets-heading">
      <label>Community <select name="community"><option value="">All communities</option></select></label>
      <button type="submit">Download sheets (PDF)</button>
    </form>
    <p class="sheets-status" role="status" aria-live="polite"></p>`;
  const form = container.querySelector<HTMLFormElement>('form')!;
  const select = form.elements.namedItem('community') as HTMLSelectElement;
  const status = container.querySelector<HTMLParagraphElement>('.sheets-status')!;
  const { communities } = await api.communities(project);
  for (const c of communities) select.add(new Option(c.name, c.id));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = 'Preparing the sheets…';
    try {
      const blob = await api.workshopSheets(project, select.value || undefined);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `${project}${select.value ? `-${select.value}` : ''}-sheets.pdf`;
      link.click();
      URL.revokeObjectURL(link.href);
      status.textContent = 'The sheets are downloaded: open the PDF and print it on A4.';
    } catch (error) {
      status.textContent = `The sheets could not be made: ${(error as Error).message}. Try "Download sheets (PDF)" again.`;
    }
  });
}
