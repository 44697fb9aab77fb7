import { parseIsoDate } from '../core';

/** A mistake in how the CLI was called: reported with exit code 2. */
export class UsageError extends Error {}

/** The CLI's clock: today's date in UTC (CI runners and logs speak UTC). */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/** `--today`: a real calendar date (2026-02-30 is a usage error, never a silent fall-back to the clock). */
export function todayOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || parseIsoDate(value) === undefined) {
    throw new UsageError(`--today must be a real date like 2026-09-30, not "${value}".`);
  }
  return value;
}

/** Where the CLI writes, injectable so tests run it in-process. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  color: boolean;
}

export const processIo: Io = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
};
