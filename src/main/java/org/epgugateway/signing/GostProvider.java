package org.epgugateway.signing;

import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Registers the BouncyCastle provider that supplies the GOST R 34.10/34.11-2012 algorithms.
 */
public final class GostProvider {

    /** The provider name to pass to every JCA lookup that needs GOST. */
    public static final String NAME = BouncyCastleProvider.PROVIDER_NAME;

    private GostProvider() {
    }

    /**
     * Registers BouncyCastle once; further calls do nothing.
     *
     * <p>The provider is appended, not inserted first, so that the JDK's own providers keep serving TLS and
     * everything else that does not ask for {@link #NAME} explicitly.
     */
    public static synchronized void install() {
        if (Security.getProvider(NAME) != null) {
            return; // installed by an earlier call or by the hosting application
        }
        Security.addProvider(new BouncyCastleProvider());
    }
}
