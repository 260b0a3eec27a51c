package org.epgugateway.signing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate revocation lists from files or HTTP addresses, read when first needed and read again when they are
 * due for an update.
 *
 * <p>A source that cannot be read keeps its last good copy and is logged once per attempt; a certificate whose
 * issuer has no CRL at all is reported by {@link CertificateValidator} as of unknown revocation status.
 */
public final class CrlStore {

    private static final Logger LOG = LoggerFactory.getLogger(CrlStore.class);
    private static final int MAX_CRL_BYTES = 50 * 1024 * 1024;

    private final List<String> sources;
    private final Duration refresh;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, List<X509CRL>> loaded = new LinkedHashMap<>();
    private final Map<String, String> failures = new LinkedHashMap<>();
    private Instant loadedAt;

    /**
     * @param sources file paths or {@code http://}/{@code https://} addresses, each holding DER or PEM CRLs
     * @param refresh how long a loaded CRL is used before it is read again, at most until its nextUpdate
     * @param timeout how long one HTTP download may take
     */
    public CrlStore(List<String> sources, Duration refresh, Duration timeout, Clock clock) {
        this.sources = List.copyOf(sources);
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.sources.isEmpty()) {
            throw new IllegalArgumentException("a CRL store needs at least one source");
        }
    }

    /**
     * The newest CRL issued by the certificate's issuer whose signature verifies with the issuer's key.
     *
     * @param issuer the issuer's certificate, whose key must have signed the CRL
     * @return the CRL, or empty when no source has one of that issuer
     */
    public synchronized Optional<X509CRL> crlOf(X509Certificate issuer) {
        reloadIfDue();
        X509CRL newest = null;
        for (List<X509CRL> crls : loaded.values()) {
            for (X509CRL crl : crls) {
                if (crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) && signedBy(crl, issuer)
                        && (newest == null || crl.getThisUpdate().after(newest.getThisUpdate()))) {
                    newest = crl;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /** What went wrong with the sources at the last reading, for error messages; empty when all were read. */
    public synchronized String problems() {
        return failures.isEmpty() ? "" : failures.toString();
    }

    /** The configured sources, for logs. */
    public List<String> sources() {
        return sources;
    }

    private void reloadIfDue() {
        Instant now = clock.instant();
        if (loadedAt != null && now.isBefore(loadedAt.plus(refresh)) && !anyOverdue(now)) {
            return; // read recently and none is past its nextUpdate
        }
        loadedAt = now;
        failures.clear();
        for (String source : sources) {
            try {
                loaded.put(source, read(source));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                failures.put(source, e.getMessage());
                LOG.warn("Cannot read the CRL from {}: {}; {}", source, e.getMessage(),
                        loaded.containsKey(source) ? "keeping the copy read before" : "no copy to fall back on");
            }
        }
    }

    private boolean anyOverdue(Instant now) {
        for (List<X509CRL> crls : loaded.values()) {
            for (X509CRL crl : crls) {
                if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now)) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<X509CRL> read(String source) throws IOException, GeneralSecurityException {
        byte[] bytes = isHttp(source) ? download(URI.create(source)) : Files.readAllBytes(Path.of(source));
        GostProvider.install();
        List<X509CRL> crls = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            for (CRL crl : CertificateFactory.getInstance("X.509", GostProvider.NAME).generateCRLs(in)) {
                crls.add((X509CRL) crl);
            }
        }
        if (crls.isEmpty()) {
            throw new IOException("no CRL in " + source);
        }
        LOG.debug("Read {} CRL(s) from {}", crls.size(), source);
        return crls;
    }

    private byte[] download(URI uri) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri);
            }
            if (response.body().length > MAX_CRL_BYTES) {
                throw new IOException("the CRL at " + uri + " is larger than " + MAX_CRL_BYTES + " bytes");
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        }
    }

    private static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey(), GostProvider.NAME);
            return true;
        } catch (GeneralSecurityException e) {
            return false; // a CRL of a namesake issuer, or a damaged one: not evidence either way
        }
    }

    static boolean isHttp(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
