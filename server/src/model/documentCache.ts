/**
 * Parse once per (uri, version): every feature asks here for the model of an open document. A new version
 * re-parses only the documents its edits touched (incrementalParse.ts); the cache owns the models it hands
 * out, so a replaced model must not be used for offsets any more. Files over an analysis limit are not parsed
 * (analysisLimit.ts).
 */
import { updateManifest } from './incrementalParse';
import { analysisLimit } from './analysisLimit';
import { limitedModel, ManifestModel, parseManifest } from './manifestModel';

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

export class DocumentModelCache {
  private readonly models = new Map<string, ManifestModel>();

  get(doc: VersionedText): ManifestModel {
    const cached = this.models.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
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

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
