/** Object storage: one interface, an S3 implementation and a local-folder one. */
export { createFolderStore, type FolderStoreConfig } from "./folder-store";
export type { ObjectStore, StoredObject } from "./object-store";
export { deleteBucket } from "./s3-bucket";
export { createS3Client, createS3Store, type S3StoreConfig } from "./s3-store";
export { createSigner, encodePath, type SigningKeys } from "./sigv4";
