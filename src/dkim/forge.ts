import type Forge from "node-forge";
import forgeCore from "node-forge/lib/forge.js";
// Registers ASN.1, DER, jsbn and the RSA key structures on the shared forge object.
import "node-forge/lib/rsa.js";

/**
 * The parts of node-forge byodkim uses (ASN.1 and DER for RSA key structures), not the whole
 * library with TLS, X.509 and PKCS#12: a third of its size, and of its time to load.
 */
export const forge = forgeCore as typeof Forge;
