/** Parse once per (uri, version): every feature asks here for the model of an open document. */
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
    const model = parseManifest(doc.uri, doc.version, doc.getText());
    this.models.set(doc.uri, model);
    return model;
  }

  delete(uri: string): void {
    this.models.delete(uri);
  }
}
