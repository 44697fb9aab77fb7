/** Running the CLI in process with its output captured, for the CLI tests. */
import { main } from '../../src/cli/main';
import { runRender } from '../../src/cli/render';
import type { Io } from '../../src/cli/usage';

export interface Run { code: number; stdout: string; stderr: string }

/** `journeymap ...argv` run from `cwd`, through the Io the CLI writes to. */
export async function runCli(argv: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, color: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** `journeymap render`, which writes to process.stdout and process.stderr. */
export async function captureRender(argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string) => { stdout += chunk; return true; }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => { stderr += chunk; return true; }) as typeof process.stderr.write;
  try {
    const code = await runRender(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
