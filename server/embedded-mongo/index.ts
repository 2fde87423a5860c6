export { startEmbeddedMongo } from "./server";
export type { EmbeddedMongo, EmbeddedMongoOptions } from "./server";
export { DataDirectoryInUseError, liveDataDirOwner, type DataDirOwner } from "./data-dir-lock";
