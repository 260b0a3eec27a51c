package org.epgugateway.demo;

import java.nio.file.Path;

import org.epgugateway.signing.KeySource;
import org.epgugateway.signing.Pkcs12KeySource;

/**
 * The files of the demo's throwaway PKI, as {@link DemoAuthority#ensure} leaves them.
 *
 * @param keystore the PKCS#12 file with the organisation's key, certificate and the CA certificate
 * @param password the password of {@code keystore}; never logged
 * @param alias the key entry in {@code keystore}
 * @param caCertificate the PEM file of the CA certificate, the trust anchor of the demo
 * @param organisationCertificate the PEM file of the organisation's certificate
 */
public record DemoKeys(Path keystore, String password, String alias, Path caCertificate,
        Path organisationCertificate) {

    /** The signing key source for the keystore. */
    public KeySource keySource() {
        return new Pkcs12KeySource(keystore, password.toCharArray(), alias);
    }

    /** Leaves the password out, so the record may be logged. */
    @Override
    public String toString() {
        return "DemoKeys[keystore=" + keystore + ", alias=" + alias + ", caCertificate=" + caCertificate
                + ", organisationCertificate=" + organisationCertificate + "]";
    }
}
