package org.epgugateway.runtime;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.epgugateway.config.SettingsException;

/**
 * Builds the TLS trust for ESIA and EPGU from a configured trust store; without one the JVM's default trust applies.
 * Certificates are always verified.
 */
final class TrustStores {

    private TrustStores() {
    }

    /**
     * @return the SSL context, or null when no trust store is configured
     */
    static SSLContext fromFile(String path, String password) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Path file = Path.of(path);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new SettingsException("Cannot load the trust store " + file + " (epgu.truststore): "
                    + e.getMessage(), e);
        }
    }
}
