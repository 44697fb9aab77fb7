/**
 * File events for the language server, sent in batches a little after the last one. The client
 * library's own batching (vscode-languageclient 9) empties its list only after the send resolves,
 * dropping an event that arrived meanwhile (a map created just after another file event was never
 * checked; microsoft/vscode-languageserver-node#1503, fixed in version 10): here a batch is taken
 * before it is sent. No `vscode` import, so it is tested with plain mocha.
 */
import type { FileEvent } from 'vscode-languageclient';

export class FileEventBatch {
  private pending: FileEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (changes: FileEvent[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 250,
  ) {}

  /** Queues an event; the batch goes `delayMs` after the last event. */
  add(event: FileEvent): Promise<void> {
    this.pending.push(event);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const changes = this.pending;
      this.pending = [];
      this.send(changes).catch(this.onError);
    }, this.delayMs);
    return Promise.resolve();
  }
}
