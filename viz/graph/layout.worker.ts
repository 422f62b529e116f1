// Runs the layout off the main thread so the page stays responsive on a first visit.
import { computeLayout, type LayoutInput } from './layout-compute.ts';

self.onmessage = (event: MessageEvent<LayoutInput>) => {
  const positions = computeLayout(event.data);
  (self as unknown as Worker).postMessage(positions, [positions.buffer]);
};
