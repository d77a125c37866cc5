/**
 * A small progress bar on stderr: percentage, count, rate and time left. On a terminal it redraws
 * one line with \r; otherwise (CI, a log file) it writes a line every few seconds.
 */
export interface ProgressBarOptions {
  /** What the count counts, e.g. "nominals". */
  unit: string;
  /** A second figure to show after the count, with its own rate, e.g. events published. */
  extra?: () => { count: number; unit: string };
  stream?: NodeJS.WriteStream;
  /** How often a line is written when the stream is not a terminal. */
  lineIntervalMs?: number;
}

const redrawIntervalMs = 100;
const width = 24;

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-GB');
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '--:--';
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export class ProgressBar {
  private readonly startedAt = Date.now();
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly lineIntervalMs: number;
  private lastDrawAt = 0;
  private done = 0;
  private drawnDone = -1;
  private finished = false;

  constructor(
    private readonly label: string,
    private total: number,
    private readonly options: ProgressBarOptions,
  ) {
    this.stream = options.stream ?? process.stderr;
    this.tty = this.stream.isTTY === true;
    this.lineIntervalMs = options.lineIntervalMs ?? 5000;
    this.lastDrawAt = this.tty ? 0 : this.startedAt;
  }

  get elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  /** Sets how far it is; draws when it is time to. */
  update(done: number, total = this.total): void {
    this.done = done;
    this.total = total;
    const now = Date.now();
    if (now - this.lastDrawAt >= (this.tty ? redrawIntervalMs : this.lineIntervalMs)) {
      this.lastDrawAt = now;
      this.draw();
    }
  }

  /** Draws the last state and ends the line. */
  finish(note = ''): void {
    if (this.finished) return;
    this.finished = true;
    // A log already has the last state unless something changed since.
    if (this.tty || note || this.drawnDone !== this.done) this.draw(note);
    if (this.tty) this.stream.write('\n');
  }

  private draw(note = ''): void {
    this.drawnDone = this.done;
    const elapsed = Math.max(1, Date.now() - this.startedAt);
    const fraction = this.total > 0 ? Math.min(1, this.done / this.total) : 1;
    const filled = Math.round(fraction * width);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
    const rate = (this.done * 1000) / elapsed;
    const eta = rate > 0 ? ((this.total - this.done) / rate) * 1000 : Infinity;
    const extra = this.options.extra?.();
    const parts = [
      `${this.label} [${bar}] ${(fraction * 100).toFixed(1).padStart(5)}%`,
      `${formatCount(this.done)}/${formatCount(this.total)} ${this.options.unit}`,
      extra
        ? `${formatCount(extra.count)} ${extra.unit} (${formatCount((extra.count * 1000) / elapsed)} ${extra.unit}/s)`
        : `${formatCount(rate)} ${this.options.unit}/s`,
      `${formatDuration(elapsed)} elapsed`,
      this.done >= this.total ? 'done' : `ETA ${formatDuration(eta)}`,
    ];
    const line = parts.join(' · ') + (note ? ` · ${note}` : '');
    if (this.tty) this.stream.write(`\r${line}\x1b[K`);
    else this.stream.write(`${line}\n`);
  }
}
