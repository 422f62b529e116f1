// The import panel of the Capture view: 1. drop or pick sheets, 2. a dry run checks them and shows
// every problem in a table (row and column marked), 3. "Import" sends them for real. Templates of
// the sheets are linked; uploads show their progress.
import './import-panel.css';
import { SHEET_NAMES } from '../../server/domain-names.ts';
import { ApiError, type ImportIssue, type ImportReport, type PeoplemapApi } from '../common/api.ts';
import { plural } from '../common/words.ts';

export interface ImportPanelContext {
  api: PeoplemapApi;
  projectId: string;
  /** Called after a real import wrote something, so the page can read the project again. */
  imported(): void;
}

/** Builds an element with attributes and children (text or elements). */
function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

const counts = (c: { residents: number; groups: number; events: number }) =>
  `${plural(c.residents, 'resident')}, ${plural(c.groups, 'group')}, ${plural(c.events, 'event')}`;

function describeFailure(error: unknown): string {
  if (error instanceof ApiError && error.status === 413)
    return `${error.message}. Split the sheets into smaller files and import them one by one.`;
  if (error instanceof ApiError && error.status === 0)
    return 'The server could not be reached. Check the connection and choose "Check files" again.';
  if (error instanceof ApiError && error.status === 403)
    return 'This key may not write to the project. Ask a coordinator or admin for a key that can.';
  return `The import failed: ${error instanceof Error ? error.message : String(error)}. Try again.`;
}

function issueRow(issue: ImportIssue, kind: 'Error' | 'Warning'): HTMLTableRowElement {
  const marked = (value: string | number | null) =>
    value === null ? '—' : el('mark', { class: `issue-${kind.toLowerCase()}` }, String(value));
  return el(
    'tr',
    { class: kind === 'Error' ? 'bad-row' : 'warning-row' },
    el('td', {}, kind),
    el('td', {}, issue.file),
    el('td', {}, marked(issue.row)),
    el('td', {}, marked(issue.column)),
    el('td', {}, issue.message),
  );
}

/** The report as text and a table: what would be created, and each problem at its row and column. */
function renderReport(report: ImportReport): HTMLElement {
  const section = el('section', { class: 'import-report', 'aria-label': 'Import report' });
  const files = report.files.map((f) => {
    const read = f.aliases.map((a) => `"${a.header}" read as ${a.column}`);
    return `${f.name} (${[f.sheet, plural(f.rows, 'row'), ...read].join(', ')})`;
  });
  section.append(el('p', {}, `Read: ${files.join('; ') || 'no sheet'}.`));
  const done = report.created;
  section.append(
    el(
      'p',
      {},
      done
        ? `Imported: ${counts(done)}. Already there, unchanged: ${counts(report.unchanged)}.`
        : `Would create ${counts(report.wouldCreate)}; already there, unchanged: ${counts(report.unchanged)}.`,
    ),
  );
  if (report.errorCount === 0 && report.warningCount === 0) return section;
  const table = el(
    'table',
    { class: 'import-issues' },
    el(
      'caption',
      {},
      `${plural(report.errorCount, 'error')} and ${plural(report.warningCount, 'warning')}` +
        (report.errorCount > 0
          ? ': fix the marked cells in your sheet and choose the files again.'
          : '.'),
    ),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Kind', 'File', 'Row', 'Column', 'Problem'].map((h) => el('th', { scope: 'col' }, h)),
      ),
    ),
    el(
      'tbody',
      {},
      ...report.errors.map((i) => issueRow(i, 'Error')),
      ...report.warnings.map((i) => issueRow(i, 'Warning')),
    ),
  );
  section.append(
    el(
      'div',
      {
        class: 'import-issues-scroll',
        tabindex: '0',
        role: 'region',
        'aria-label': 'Problems found',
      },
      table,
    ),
  );
  return section;
}

export function mountImportPanel(container: HTMLElement, ctx: ImportPanelContext): void {
  let files: File[] = [];
  let checked: ImportReport | null = null;

  const input = el('input', {
    id: 'import-files',
    type: 'file',
    multiple: '',
    accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const dayFirst = el('input', { id: 'import-day-first', type: 'checkbox' });
  const checkButton = el('button', { type: 'button', class: 'import-check' }, 'Check files');
  const importButton = el(
    'button',
    { type: 'button', class: 'import-run', disabled: '' },
    'Import',
  );
  const progress = el('progress', {
    max: '1',
    value: '0',
    'aria-label': 'Upload progress',
    hidden: '',
  });
  const status = el('p', { class: 'import-status', role: 'status', 'aria-live': 'polite' });
  const chosen = el('ul', { class: 'import-chosen', 'aria-label': 'Chosen files' });
  const reportArea = el('div', { class: 'import-report-area' });
  const drop = el(
    'div',
    { class: 'import-drop' },
    el('p', {}, 'Drop CSV files or one XLSX workbook here, or'),
    el('label', { for: 'import-files', class: 'import-pick' }, 'Choose files'),
    input,
  );
  const templates = el(
    'p',
    { class: 'import-templates' },
    'Templates: ',
    ...SHEET_NAMES.flatMap((sheet, i) => {
      const link = el(
        'a',
        { href: `/api/v1/import/templates/${sheet}.csv`, download: `${sheet}.csv` },
        `${sheet}.csv`,
      );
      link.addEventListener('click', (event) => {
        event.preventDefault();
        void saveTemplate(sheet);
      });
      return i === 0 ? [link] : [', ', link];
    }),
  );

  container.classList.add('import-panel');
  container.replaceChildren(
    el('h2', {}, 'Import sheets'),
    el(
      'p',
      {},
      'Each sheet is named by its file name (ties.csv) or workbook tab, and has the columns of its template below; common headers such as Date, When, Person or Name are recognised. Dates are YYYY-MM-DD, read in the project’s time zone, or DD/MM/YYYY with “Dates are day-first” ticked.',
    ),
    templates,
    drop,
    chosen,
    el(
      'p',
      {},
      el(
        'label',
        { for: 'import-day-first' },
        dayFirst,
        ' Dates are day-first (DD/MM/YYYY, UK sheets)',
      ),
    ),
    el('p', { class: 'import-actions' }, checkButton, ' ', importButton),
    progress,
    status,
    reportArea,
  );

  async function saveTemplate(sheet: string): Promise<void> {
    try {
      const link = el('a', {
        href: URL.createObjectURL(await ctx.api.importTemplate(sheet)),
        download: `${sheet}.csv`,
      });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      status.textContent = describeFailure(error);
    }
  }

  function choose(list: FileList | File[]): void {
    files = [...list];
    checked = null;
    importButton.disabled = true;
    chosen.replaceChildren(
      ...files.map((f) => el('li', {}, `${f.name} (${Math.ceil(f.size / 1024)} KB)`)),
    );
    if (files.length > 0) void send(true);
  }

  async function send(dryRun: boolean): Promise<void> {
    if (files.length === 0) {
      status.textContent = 'Choose one or more files first.';
      return;
    }
    checkButton.disabled = importButton.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = dryRun ? 'Checking the files…' : 'Importing…';
    try {
      const { status: code, report } = await ctx.api.importFiles(
        ctx.projectId,
        files,
        { dryRun, dayFirst: dayFirst.checked },
        (fraction) => {
          progress.value = fraction;
          if (fraction >= 1)
            status.textContent = dryRun ? 'Uploaded; checking…' : 'Uploaded; writing…';
        },
      );
      reportArea.replaceChildren(renderReport(report));
      checked = report.errorCount === 0 && dryRun ? report : null;
      status.textContent =
        code === 201
          ? 'Imported. Nothing more to do; importing the same files again would change nothing.'
          : report.errorCount > 0
            ? `${plural(report.errorCount, 'error')} found; nothing was written. Fix the marked cells and choose the files again.`
            : 'No errors. Choose "Import" to write these records.';
      if (code === 201) {
        files = [];
        ctx.imported();
      }
    } catch (error) {
      status.textContent = describeFailure(error);
    } finally {
      progress.hidden = true;
      checkButton.disabled = false;
      importButton.disabled = checked === null;
    }
  }

  input.addEventListener('change', () => input.files && choose(input.files));
  dayFirst.addEventListener('change', () => files.length > 0 && void send(true));
  checkButton.addEventListener('click', () => void send(true));
  importButton.addEventListener('click', () => void send(false));
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragging');
    if (event.dataTransfer?.files.length) choose(event.dataTransfer.files);
  });
}
