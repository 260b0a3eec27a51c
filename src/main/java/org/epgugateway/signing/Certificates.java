package org.epgugateway.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads X.509 certificates from PEM or DER files.
 */
public final class Certificates {

    private Certificates() {
    }

    /**
     * Reads every certificate of a file, in file order.
     *
     * @return the certificates; empty when the file holds none
     * @throws KeySourceException when the file cannot be read or holds something that is not a certificate
     */
    public static List<X509Certificate> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KeySourceException("Certificate file " + file + " does not exist or is not a file");
        }
        GostProvider.install();
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509", GostProvider.NAME)
                    .generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeySourceException("Cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the certificates of several files, in order.
     *
     * @throws KeySourceException when a file cannot be read or holds no certificate
     */
    public static List<X509Certificate> readAll(List<Path> files) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            List<X509Certificate> read = read(file);
            if (read.isEmpty()) {
                throw new KeySourceException("Certificate file " + file + " holds no certificate");
            }
            certificates.addAll(read);
        }
        return certificates;
    }
}
