/** A separate bundle (dist/webview/elk.js), loaded by the preview only when a map is routed with elk. */
import ELK from 'elkjs/lib/elk.bundled.js';

(globalThis as unknown as { JourneymapElk: typeof ELK }).JourneymapElk = ELK;
