/**
 * Parse once per (uri, version): every feature asks here for the model of an open document. A new version
 * re-parses only the documents its edits touched (incrementalParse.ts); the cache owns the models it hands
 * out, so a replaced model must not be used for offsets any more.
 */
import { updateManifest } from './incrementalParse';
import { ManifestModel, parseManifest } from './manifestModel';

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
    const model = cached ? updateManifest(cached, doc.version, doc.getText()) : parseManifest(doc.uri, doc.version, doc.getText());
    this.models.set(doc.uri, model);
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
