// The Map tab's controls, wired once for whichever project is open: colour, size, speed, the
// slider, Play and Follow live, the Table view, large text, PNG export, the resident search (an
// ARIA combobox), and the keys (arrows and Home/End move the slider, Space plays, Escape clears)
// except while typing.
import type { ColourMode } from '../graph/colouring.ts';
import type { SizeMode } from '../graph/map-view.ts';
import { ResidentPicker } from '../common/combobox.ts';
import type { PageElements, ProjectView } from './project-view.ts';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

export class MapControls {
  private readonly search: ResidentPicker;
  private readonly colour = $<HTMLSelectElement>('colour-mode');
  private readonly size = $<HTMLSelectElement>('size-mode');
  private readonly speed = $<HTMLSelectElement>('speed');

  constructor(
    private readonly page: PageElements,
    /** The project view open now, if any. */
    private readonly current: () => ProjectView | null,
    /** Whether the Map tab is the one shown (its keys are ignored otherwise). */
    private readonly shown: () => boolean,
  ) {
    const view = current;
    this.search = new ResidentPicker(
      $('search'),
      () => view()?.timeline.residents ?? [],
      (person) => view()?.select(person.id),
    );
    this.colour.addEventListener('change', () =>
      view()?.setColourMode(this.colour.value as ColourMode),
    );
    this.size.addEventListener('change', () => view()?.setSizeMode(this.size.value as SizeMode));
    this.speed.addEventListener('change', () => {
      const open = view();
      if (open) open.clock.speed = Number(this.speed.value);
    });
    page.slider.addEventListener('input', () =>
      view()?.setSliderPosition(Number(page.slider.value)),
    );
    page.play.addEventListener('click', () => view()?.clock.toggle());
    page.follow.addEventListener('click', () => {
      const clock = view()?.clock;
      clock?.setFollowing(!clock.following);
    });
    $('large-text').addEventListener('click', (event) => {
      const large = document.body.classList.toggle('large-text');
      (event.currentTarget as HTMLElement).setAttribute('aria-pressed', String(large));
      view()?.setLargeText(large);
    });
    $('table-view').addEventListener('click', (event) => {
      const shown = (event.currentTarget as HTMLElement).getAttribute('aria-pressed') !== 'true';
      (event.currentTarget as HTMLElement).setAttribute('aria-pressed', String(shown));
      view()?.setTableView(shown);
    });
    $('export').addEventListener('click', () => void view()?.downloadPng());
    document.addEventListener('keydown', (event) => this.onKey(event));
  }

  /** A newly opened project view takes the controls' current settings. */
  apply(view: ProjectView): void {
    view.setColourMode(this.colour.value as ColourMode);
    view.setSizeMode(this.size.value as SizeMode);
    view.setLargeText(document.body.classList.contains('large-text'));
    view.clock.speed = Number(this.speed.value);
    view.setTableView($('table-view').getAttribute('aria-pressed') === 'true');
  }

  private onKey(event: KeyboardEvent): void {
    const view = this.current();
    if (!view || !this.shown()) return;
    const target = event.target as HTMLElement;
    const typing = target instanceof HTMLInputElement && target.type !== 'range';
    if (event.key === 'Escape') {
      this.search.set(null);
      view.select(null);
      return;
    }
    if (typing || target instanceof HTMLSelectElement) return;
    const slider = this.page.slider;
    if (event.key === ' ' && !(target instanceof HTMLButtonElement)) {
      event.preventDefault();
      view.clock.toggle();
    } else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && target !== slider) {
      event.preventDefault();
      view.step((event.key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? 10 : 1));
    } else if ((event.key === 'Home' || event.key === 'End') && target !== slider) {
      event.preventDefault();
      view.setTime(event.key === 'Home' ? view.timeline.from : view.timeline.to);
    }
  }
}
