/**
 * elk in the page: started in a Web Worker (so routing never blocks the page) from a script the
 * extension serves, fetched and started from a blob URL, which the CSP allows (`worker-src blob:`).
 * Its input is bounded by the core (elkBound); a run past the deadline stops the worker.
 */
import ElkApi from 'elkjs/lib/elk-api.js';
import { routeWithElk, type ElkLike, type Layout } from '../src/core/diagram';

/** elk gets this long to route a map: its input is bounded, so only a pathological map comes near it. */
const ELK_DEADLINE_MS = 10_000;

export class ElkRouting {
  private elk: Promise<ElkLike | undefined> | undefined;

  constructor(private readonly workerUri: () => string | undefined) {}

  get available(): boolean {
    return !!this.workerUri();
  }

  /** The layout with elk's routes, the same layout when elk changed nothing, undefined when it failed or ran out of time. */
  async route(layout: Layout): Promise<Layout | undefined> {
    const elk = await this.load();
    if (!elk) return undefined;
    const routed = await withDeadline(routeWithElk(layout, elk), ELK_DEADLINE_MS);
    if (routed === undefined) {
      // Past the deadline the worker is stopped (it cannot be interrupted otherwise) and the grid routes stand.
      (elk as unknown as { terminateWorker?(): void }).terminateWorker?.();
      this.elk = undefined;
    }
    return routed;
  }

  private load(): Promise<ElkLike | undefined> {
    const uri = this.workerUri();
    if (!uri) return Promise.resolve(undefined);
    this.elk ??= (async () => {
      try {
        const response = await fetch(uri);
        if (!response.ok) return undefined;
        const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
        return new ElkApi({ workerUrl: url, workerFactory: (u?: string) => new Worker(u ?? url) }) as unknown as ElkLike;
      } catch {
        return undefined;
      }
    })();
    return this.elk;
  }
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    work.then((value) => { clearTimeout(timer); resolve(value); }, () => { clearTimeout(timer); resolve(undefined); });
  });
}

/** Same cards in the same places and the same edges: the previous elk routes still fit. */
export function sameGeometry(a: Layout, b: Layout): boolean {
  if (a.cards.length !== b.cards.length || a.flows.length !== b.flows.length) return false;
  for (let i = 0; i < a.cards.length; i++) {
    const x = a.cards[i], y = b.cards[i];
    if (x.key !== y.key || x.x !== y.x || x.y !== y.y || x.width !== y.width || x.height !== y.height) return false;
  }
  for (let i = 0; i < a.flows.length; i++) if (a.flows[i].key !== b.flows[i].key) return false;
  return true;
}
