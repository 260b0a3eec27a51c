package org.epgugateway.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The CA certificates that signatures of API keys must chain to, and the chain check itself (PKIX, BouncyCastle).
 */
final class TrustedCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedCertificates.class);

    private final Set<TrustAnchor> anchors;

    private TrustedCertificates(Set<TrustAnchor> anchors) {
        this.anchors = anchors;
    }

    /**
     * Loads every certificate of the given PEM (or DER) files.
     *
     * @throws IllegalArgumentException when a file cannot be read or holds no certificate, naming the file
     */
    static TrustedCertificates load(List<Path> files) {
        Set<TrustAnchor> anchors = new HashSet<>();
        for (Path file : files) {
            for (Certificate certificate : read(file)) {
                anchors.add(new TrustAnchor((X509Certificate) certificate, null));
            }
        }
        if (anchors.isEmpty()) {
            LOG.warn("No trusted CA configured ({}): every token request will be refused", EmulatorSettings.TRUSTED_CA);
        }
        return new TrustedCertificates(anchors);
    }

    private static Collection<? extends Certificate> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509", Gost.PROVIDER).generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no certificate in trusted CA file " + file);
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trusted CA file " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot parse trusted CA file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks that the signer certificate chains, through the given intermediates, to a trusted CA and that every
     * certificate of the chain is valid at the given moment.
     *
     * @return null when the chain holds, otherwise why it does not
     */
    String whyUntrusted(X509Certificate signer, Collection<X509Certificate> intermediates, Instant at) {
        if (anchors.isEmpty()) {
            return "no trusted CA is configured";
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signer);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, target);
            // Limitation: revocation (CRL, OCSP) is not checked; test CAs publish none
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            List<X509Certificate> store = new ArrayList<>(intermediates);
            store.add(signer);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store),
                    Gost.PROVIDER));
            CertPathBuilder.getInstance("PKIX", Gost.PROVIDER).build(parameters);
            return null;
        } catch (GeneralSecurityException e) {
            return "certificate does not chain to a trusted CA: " + e.getMessage();
        }
    }
}
