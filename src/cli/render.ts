// Placeholder until the renderer lands (owned by the preview work): fails loudly, never silently.
export async function runRender(_argv: string[]): Promise<number> {
  process.stderr.write('journeymap: render is not implemented yet.\n');
  return 2;
}
