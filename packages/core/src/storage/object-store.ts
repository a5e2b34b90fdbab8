/** An object and its content type, as read back from a store. */
export interface StoredObject {
  body: Uint8Array;
  contentType: string;
}

/** Where image bytes live: S3 (or an S3 emulator) when deployed, a folder for local runs. */
export interface ObjectStore {
  /** Writes (or overwrites) `key`; `url` is what goes into `images.s3_url`. */
  put(key: string, body: Uint8Array, contentType: string): Promise<{ url: string }>;
  /** The object, or null when there is no such key. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** A URL that fetches the object without credentials for `expiresInSec` seconds. */
  presign(key: string, expiresInSec: number): Promise<string>;
  /** Creates the bucket (or folder) when it does not exist yet. */
  ensureBucket(): Promise<void>;
  /** Resolves when the store is reachable; throws AppError UNAVAILABLE otherwise. */
  ping(): Promise<void>;
}
