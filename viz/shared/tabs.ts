// The app's views as ARIA tabs: one tab per view, Left/Right/Home/End move between tabs (and show
// the view, automatic activation), Tab moves into the shown panel.

export type ViewName = 'map' | 'capture' | 'report' | 'help';
export const VIEWS: ViewName[] = ['map', 'capture', 'report', 'help'];

export const isView = (value: string | null): value is ViewName =>
  VIEWS.includes(value as ViewName);

export class ViewTabs {
  private current: ViewName = 'map';

  constructor(
    private readonly tablist: HTMLElement,
    private readonly onShow: (view: ViewName) => void,
  ) {
    tablist.addEventListener('click', (event) => {
      const tab = (event.target as HTMLElement).closest<HTMLElement>('[role="tab"]');
      if (tab) this.show(tab.dataset.view as ViewName);
    });
    tablist.addEventListener('keydown', (event) => {
      const index = VIEWS.indexOf(this.current);
      const next =
        event.key === 'ArrowRight'
          ? (index + 1) % VIEWS.length
          : event.key === 'ArrowLeft'
            ? (index + VIEWS.length - 1) % VIEWS.length
            : event.key === 'Home'
              ? 0
              : event.key === 'End'
                ? VIEWS.length - 1
                : -1;
      if (next === -1) return;
      event.preventDefault();
      this.show(VIEWS[next]);
      this.tab(VIEWS[next]).focus();
    });
  }

  get view(): ViewName {
    return this.current;
  }

  show(view: ViewName): void {
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
