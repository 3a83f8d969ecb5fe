import type { Attempt, Piece } from '../attempt';
import type { FileModel } from '../model';

/**
 * Walks whole-run writes in write order and fires the file moments of PATTERNS.md around them: `before write f`
 * before f's first written row, `after write f` after its last (for the input's last file, only where the lane
 * commits nothing at the end; transactional lanes fire it after their COMMIT). A file without rows gets its
 * moments where its rows would start.
 */
export class FileMoments {
  private readonly remaining = new Map<FileModel, number>();
  private readonly started = new Set<FileModel>();
  private readonly last: FileModel | undefined;

  constructor(
    private readonly a: Attempt,
    pieces: Piece[],
    private readonly lastAfterCommit: boolean,
    /** Lanes that delete nothing: `after delete f` is the same moment as `before write f`. */
    private readonly deletesNothing: boolean,
  ) {
    for (const p of pieces) this.remaining.set(p.file, (this.remaining.get(p.file) ?? 0) + 1);
    this.last = a.input[a.input.length - 1];
  }

  private async *emptyFilesBefore(file: FileModel | null) {
    for (const f of this.a.input) {
      if (f === file) return;
      if (!this.started.has(f) && !this.remaining.has(f)) yield* this.whole(f);
    }
  }

  private async *beforeWrite(f: FileModel) {
    if (this.deletesNothing) yield* this.a.at({ kind: 'after-delete', file: f });
    yield* this.a.at({ kind: 'before-write', file: f });
  }

  /** A file without rows: all its moments where its rows would start (it has no partition: `after delete` is `before write`). */
  private async *whole(f: FileModel) {
    this.started.add(f);
    if (!this.deletesNothing) yield* this.a.at({ kind: 'after-delete', file: f });
    yield* this.beforeWrite(f);
    if (!(this.lastAfterCommit && f === this.last)) yield* this.a.at({ kind: 'after-write', file: f });
  }

  /** Before writing a piece. */
  async *before(piece: Piece) {
    if (this.started.has(piece.file)) return;
    yield* this.emptyFilesBefore(piece.file);
    this.started.add(piece.file);
    yield* this.beforeWrite(piece.file);
  }

  /** After writing a piece. */
  async *after(piece: Piece) {
    const left = (this.remaining.get(piece.file) ?? 1) - 1;
    this.remaining.set(piece.file, left);
    if (left === 0 && !(this.lastAfterCommit && piece.file === this.last))
      yield* this.a.at({ kind: 'after-write', file: piece.file });
  }

  /** After all pieces: moments of files that had no rows. */
  async *finish() {
    yield* this.emptyFilesBefore(null);
  }

  /** After the batch COMMIT of a transactional lane. */
  async *afterCommit() {
    if (this.lastAfterCommit && this.last) yield* this.a.at({ kind: 'after-write', file: this.last });
  }
}

/** The input's rows, file by file, in batch order. */
export function batchPieces(input: FileModel[]): Piece[] {
  return input.flatMap((file, i) => (file.rows > 0 ? [{ file, pos: i + 1, seqFrom: 1, seqTo: file.rows }] : []));
}
