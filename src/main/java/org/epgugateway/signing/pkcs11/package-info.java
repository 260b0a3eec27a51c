/**
 * Signing keys on PKCS#11 tokens, reached through a direct binding to the token's module.
 */
package org.epgugateway.signing.pkcs11;
