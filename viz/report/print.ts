// The printed report: each A4 page's header (programme, baseline and follow-up) and footer (print
// date, page n of N) in CSS page-margin boxes, and every definition once at the end (printed
// instead of under each card and table).
import { DEFINITIONS, SHARED, definitionText, type Definition } from '../../server/report-words.ts';
import { escapeHtml } from '../common/html.ts';
import { definitionBody } from './sections.ts';
import { longDate, shortDate } from './format.ts';

export interface PrintedReport {
  programme: string;
  baseline: string;
  followup: string;
}

/** A CSS string literal (quotes, backslashes and line breaks escaped). */
const cssString = (text: string) =>
  `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ')}"`;

/** The `report` pages' margin boxes, dated `printedAt`. */
export function pageStyle(report: PrintedReport, printedAt: Date): string {
  const moments = `Baseline ${shortDate(report.baseline)} · Follow-up ${shortDate(report.followup)}`;
  const box = 'font: 8pt system-ui, sans-serif; color: #3d3d3a;';
  return `@page report {
  @top-left { content: ${cssString(report.programme)}; ${box} font-weight: 700; }
  @top-right { content: ${cssString(moments)}; ${box} }
  @bottom-left { content: ${cssString(`Printed ${longDate(printedAt.getTime())}`)}; ${box} }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} }
}`;
}

/** Keeps the page style of the report on screen, re-dated whenever it is printed. */
export function printedHeader(style: HTMLStyleElement, report: PrintedReport): void {
  const date = () => (style.textContent = pageStyle(report, new Date()));
  date();
  window.removeEventListener('beforeprint', current);
  current = date;
  window.addEventListener('beforeprint', current);
}
let current: () => void = () => undefined;

/** The definitions in the order the report shows their numbers (the permutation test after its first use). */
const APPENDIX: [string, Definition][] = [
  ['Connections built', DEFINITIONS.withinPerson],
  ['Involvement', DEFINITIONS.involvement],
  ['Wellbeing', DEFINITIONS.wellbeing],
  ['Butterfly effect', DEFINITIONS.butterflyEffect],
  ['Change in score by exposure', DEFINITIONS.butterfly],
  [SHARED.scores, DEFINITIONS.scores],
  [SHARED.adjusted, DEFINITIONS.adjusted],
  [SHARED.permutation, DEFINITIONS.permutation],
  ['Sustainability', DEFINITIONS.sustainability],
  ['Value for money', DEFINITIONS.valueForMoney],
  ['Mixing between communities', DEFINITIONS.mixing],
  ['The network at the baseline and the follow-up', DEFINITIONS.network],
];

/** Every definition once, at the end (printed instead of under every card and table). */
export function definitionsAppendix(withComparison = false): string {
  const comparison: [string, Definition][] = withComparison
    ? [['A comparison community', DEFINITIONS.comparison]]
    : [];
  return (
    `<section class="report-definitions" aria-labelledby="definitions-title">` +
    `<h3 id="definitions-title">How each number is computed</h3>` +
    [...APPENDIX, ...comparison]
      .map(
        ([title, definition]) =>
          `<article class="printed-definition"><h4>${escapeHtml(title)}</h4>${definitionBody(definitionText(definition))}</article>`,
      )
      .join('') +
    `</section>`
  );
}
