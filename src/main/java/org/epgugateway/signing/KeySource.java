package org.epgugateway.signing;

/**
 * Where the gateway's signing key comes from: a keystore file today, a token or a signing service later.
 */
public interface KeySource {

    /**
     * Loads the key with its certificate chain.
     *
     * @return the key; never null
     * @throws KeySourceException when the key cannot be loaded, with a message an operator can act on
     */
    SigningKey load();
}
