package org.epgugateway.signing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key held in memory with its certificate and the certificate chain, leaf first.
 *
 * @param privateKey the signing key; never logged or printed
 * @param certificate the certificate of {@code privateKey}
 * @param chain the chain starting with {@code certificate}; an empty list stands for the certificate alone
 */
public record SigningKey(PrivateKey privateKey, X509Certificate certificate, List<X509Certificate> chain)
        implements KeyHandle {

    public SigningKey {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        chain = chain == null || chain.isEmpty() ? List.of(certificate) : List.copyOf(chain);
        if (!chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("the chain must start with the signing certificate "
                    + OrganisationCertificate.describe(certificate));
        }
    }

    @Override
    public byte[] sign(byte[] data) {
        GostProvider.install();
        try {
            Signature signature = Signature.getInstance(scheme().signatureName(), GostProvider.NAME);
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("Signing with the key of " + OrganisationCertificate.describe(certificate)
                    + " failed: " + e.getMessage(), e);
        }
    }

    /** Names the certificate only: the private key must never reach a log. */
    @Override
    public String toString() {
        return "SigningKey[" + OrganisationCertificate.describe(certificate) + ", chain of " + chain.size() + "]";
    }
}
