// The legend: what each node colour means in the current mode, and how ties are drawn.
import { FRESH_TIE, type Colouring } from '../graph/colouring.ts';
import { escapeHtml } from '../common/html.ts';

export function renderLegend(
  container: HTMLElement,
  colouring: Colouring,
  sizeLabel: string,
  freshDays: number,
): void {
  const used = colouring.entries.filter((_, i) => colouring.category.includes(i));
  const list = (used.length > 0 ? used : colouring.entries)
    .map(
      (entry) =>
        `<li><span class="swatch" style="background:${entry.color}"></span>${escapeHtml(entry.label)}</li>`,
    )
    .join('');
  const fresh =
    freshDays >= 1
      ? `${Math.round(freshDays)} days`
      : `${Math.max(1, Math.round(freshDays * 24))} hours`;
  container.innerHTML =
    `<h3>${escapeHtml(colouring.title)}</h3><ul>${list}` +
    `<li><span class="swatch tie" style="background:${FRESH_TIE}"></span>tie formed in the last ${fresh}</li>` +
    `<li><span class="swatch tie" style="background:#999"></span>tie</li></ul>` +
    `<p>Size: ${escapeHtml(sizeLabel)}</p>`;
}
