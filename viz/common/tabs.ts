// The app's views as ARIA tabs: one tab per view the key may use, Left/Right/Home/End move between
// them (and show the view, automatic activation), Tab moves into the shown panel.

export type ViewName = 'map' | 'capture' | 'report' | 'releases' | 'help';
export const VIEWS: ViewName[] = ['map', 'capture', 'report', 'releases', 'help'];

export const isView = (value: string | null): value is ViewName =>
  VIEWS.includes(value as ViewName);

export class ViewTabs {
  private current: ViewName = 'map';
  private offered: ViewName[] = VIEWS;

  constructor(
    private readonly tablist: HTMLElement,
    private readonly onShow: (view: ViewName) => void,
  ) {
    tablist.addEventListener('click', (event) => {
      const tab = (event.target as HTMLElement).closest<HTMLElement>('[role="tab"]');
      if (tab) this.show(tab.dataset.view as ViewName);
    });
    tablist.addEventListener('keydown', (event) => {
      const views = this.offered;
      const index = views.indexOf(this.current);
      const next =
        event.key === 'ArrowRight'
          ? (index + 1) % views.length
          : event.key === 'ArrowLeft'
            ? (index + views.length - 1) % views.length
            : event.key === 'Home'
              ? 0
              : event.key === 'End'
                ? views.length - 1
                : -1;
      if (next === -1) return;
      event.preventDefault();
      this.show(views[next]);
      this.tab(views[next]).focus();
    });
  }

  get view(): ViewName {
    return this.current;
  }

  /** Shows only the tabs of these views; the first of them when the shown one is not among them. */
  offer(views: ViewName[]): void {
    this.offered = views;
    for (const name of VIEWS) this.tab(name).hidden = !views.includes(name);
    this.show(views.includes(this.current) ? this.current : views[0]);
  }

  show(view: ViewName): void {
    if (!this.offered.includes(view)) view = this.offered[0];
    this.current = view;
    for (const name of VIEWS) {
      const selected = name === view;
      const tab = this.tab(name);
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      document.getElementById(tab.getAttribute('aria-controls')!)!.hidden = !selected;
    }
    document.body.dataset.view = view;
    this.onShow(view);
  }

  private tab(view: ViewName): HTMLElement {
    return this.tablist.querySelector<HTMLElement>(`[data-view="${view}"]`)!;
  }
}
