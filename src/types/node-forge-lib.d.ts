// node-forge's own modules, which @types/node-forge does not describe; src/dkim/forge.ts types them.
declare module "node-forge/lib/forge.js" {
  const forge: unknown;
  export default forge;
}
declare module "node-forge/lib/rsa.js";
