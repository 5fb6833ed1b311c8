/**
 * Parse once per (uri, version): every feature asks here for the model of an open document. A new version
 * re-parses only the documents its edits touched (incrementalParse.ts); the cache owns the models it hands
 * out, so a replaced model must not be used for offsets any more. Files over an analysis limit are not parsed
 * (analysisLimit.ts).
 *
 * The first parse of a large file runs in slices (slicedParse.ts) when it is asked for asynchronously
 * (`whenParsed`, `at`): requests are answered between the slices, from the documents parsed so far when the
 * parse has passed their offset. A synchronous `get` finishes a running parse at once (same result).
 */
import { updateManifest } from './incrementalParse';
import { analysisLimit } from './analysisLimit';
import { limitedModel, ManifestModel, parseManifest } from './manifestModel';
import { SlicedParse } from './slicedParse';
import { ClientActivity } from '../clientActivity';
import { TimeSlicer } from './timeSlices';

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

/** A first parse of a file at least this long runs in slices (smaller files parse within a few milliseconds). */
export const SLICED_PARSE_MIN_CHARS = 64 * 1024;

/** Time slice of a sliced parse (ms). */
const SLICE_MS = 8;

interface Waiter {
  offset: number | undefined;
  resolve: (model: ManifestModel | undefined) => void;
}

interface Running {
  parse: SlicedParse;
  waiters: Waiter[];
  cancelled: boolean;
}

export class DocumentModelCache {
  private readonly models = new Map<string, ManifestModel>();
  private readonly running = new Map<string, Running>();

  /** Messages from the client (the server's, or one of its own): sliced work yields longer while they come. */
  constructor(readonly activity = new ClientActivity()) {}

  get(doc: VersionedText): ManifestModel {
    const cached = this.models.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    const run = this.running.get(doc.uri);
    if (run) {
      this.stop(doc.uri, run);
      if (run.parse.version === doc.version) {
        const model = run.parse.finish();
        this.models.set(doc.uri, model);
        settle(run, model);
        return model;
      }
      settle(run, undefined);
    }
    const text = doc.getText();
    const limited = analysisLimit(text);
    const model = limited
      ? limitedModel(doc.uri, doc.version, text, limited)
      : cached && !cached.limited
        ? updateManifest(cached, doc.version, text)
        : parseManifest(doc.uri, doc.version, text);
    this.models.set(doc.uri, model);
    return model;
  }

  /**
   * The model of `doc` when it costs no sliced parse (cached, an edit of a parsed file, a small file), else
   * undefined: then `complete` parses it in slices (a large file's first parse) without holding requests up.
   */
  cheap(doc: VersionedText): ManifestModel | undefined {
    const cached = this.models.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    if (this.running.has(doc.uri)) return undefined;
    return this.slices(doc, cached) ? undefined : this.get(doc);
  }

  /**
   * The model of `doc` at its current version, parsed in slices when it is a large file's first parse. With an
   * `offset`, it may be a partial model that answers exactly there (hover, lesson links; see slicedParse.ts).
   * Resolves undefined when a newer version or a close replaced the parse meanwhile.
   */
  whenParsed(doc: VersionedText, offset?: number): Promise<ManifestModel | undefined> {
    this.activity.mark();
    const cached = this.models.get(doc.uri);
    if (cached && cached.version === doc.version) return Promise.resolve(cached);
    let run = this.running.get(doc.uri);
    if (run && run.parse.version !== doc.version) {
      this.stop(doc.uri, run);
      settle(run, undefined);
      run = undefined;
    }
    if (!run) {
      if (!this.slices(doc, cached)) return Promise.resolve(this.get(doc));
      run = { parse: new SlicedParse(doc.uri, doc.version, doc.getText()), waiters: [], cancelled: false };
      this.running.set(doc.uri, run);
      void this.drive(doc.uri, run);
    }
    const ready = offset === undefined ? (run.parse.done ? run.parse.finish() : undefined) : (run.parse.partialAt(offset) ?? run.parse.spanAt(offset));
    if (ready) return Promise.resolve(ready);
    const waiting = run;
    return new Promise((resolve) => waiting.waiters.push({ offset, resolve }));
  }

  /**
   * The model and offset for a request at `position` of `doc` (a partial model while a first parse runs). Always
   * of the version `doc` has when it resolves: a version that changed meanwhile is asked for again.
   */
  async at<P>(doc: VersionedText & { offsetAt(position: P): number }, position: P): Promise<{ model: ManifestModel; offset: number }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const offset = doc.offsetAt(position);
      const version = doc.version;
      const model = await this.whenParsed(doc, offset);
      if (model && model.version === doc.version && version === doc.version) return { model, offset };
    }
    return { model: this.get(doc), offset: doc.offsetAt(position) };
  }

  /** The whole model of `doc` at its current version (a first parse of a large file in slices). */
  async complete(doc: VersionedText): Promise<ManifestModel> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const version = doc.version;
      const model = await this.whenParsed(doc);
      if (model && model.version === doc.version && version === doc.version) return model;
    }
    return this.get(doc);
  }

  delete(uri: string): void {
    this.models.delete(uri);
    const run = this.running.get(uri);
    if (run) {
      this.stop(uri, run);
      settle(run, undefined);
    }
  }

  /** Whether a sliced parse of `uri` is running (tests). */
  parsing(uri: string): boolean {
    return this.running.has(uri);
  }

  /** Whether the model of `doc` needs a first parse of a large file (parsed in slices when asked asynchronously). */
  private slices(doc: VersionedText, cached: ManifestModel | undefined): boolean {
    if (cached && !cached.limited) return false;
    const text = doc.getText();
    return text.length >= SLICED_PARSE_MIN_CHARS && !analysisLimit(text);
  }

  private async drive(uri: string, run: Running): Promise<void> {
    const slicer = new TimeSlicer(SLICE_MS, this.activity);
    while (!run.cancelled) {
      // Requests past the parsed part: find document starts first (cheap) so they are answered from their span.
      const parse = run.parse;
      if (run.waiters.length && parse.spansPossible && !parse.scanDone) parse.scanStep(() => slicer.due());
      else parse.step(() => slicer.due());
      if (run.parse.done) {
        const model = run.parse.finish();
        this.running.delete(uri);
        this.models.set(uri, model);
        settle(run, model);
        return;
      }
      // Requests the parse has passed are answered now, from the documents parsed so far.
      run.waiters = run.waiters.filter((w) => {
        const partial = w.offset === undefined ? undefined : (run.parse.partialAt(w.offset) ?? run.parse.spanAt(w.offset));
        if (partial) w.resolve(partial);
        return !partial;
      });
      await slicer.pause();
    }
  }

  private stop(uri: string, run: Running): void {
    run.cancelled = true;
    if (this.running.get(uri) === run) this.running.delete(uri);
  }
}

function settle(run: Running, model: ManifestModel | undefined): void {
  const waiters = run.waiters;
  run.waiters = [];
  for (const w of waiters) w.resolve(model);
}
