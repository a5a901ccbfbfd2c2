// class-transformer ships the types of its metadata storage (types/storage.d.ts), not their path
// under cjs/, where class-validator-jsonschema needs the very instance the decorators wrote to.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
