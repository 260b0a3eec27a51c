package org.epgugateway.signing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.epgugateway.signing.SignatureVerificationException.Reason;

/**
 * Gets RFC 3161 timestamps from a time-stamping authority over HTTP, with a GOST R 34.11-2012 (256 bit) imprint.
 *
 * <p>Every request carries a random nonce and asks for the TSA's certificate. The answer must be granted, match the
 * request (imprint, nonce, policy when one was asked for) and be signed by a certificate carried in the token whose
 * critical extended key usage is timeStamping; whether that certificate is trusted is for the verifier to decide.
 * Instances are thread-safe.
 */
public final class TimestampClient {

    private static final String QUERY = "application/timestamp-query";
    private static final String REPLY = "application/timestamp-reply";
    private static final int MAX_REPLY_BYTES = 1024 * 1024;
    private static final AlgorithmIdentifier IMPRINT_DIGEST =
            new AlgorithmIdentifier(RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256);

    private final URI url;
    private final Duration timeout;
    private final ASN1ObjectIdentifier policy;
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http;

    /**
     * @param url the TSA's address
     * @param timeout how long one request may take
     * @param policy the TSA policy to ask for, or null to take the TSA's default
     */
    public TimestampClient(URI url, Duration timeout, ASN1ObjectIdentifier policy) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.policy = policy;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        GostProvider.install();
    }

    /** The TSA's address, for messages. */
    public URI url() {
        return url;
    }

    /**
     * Timestamps the data: its GOST R 34.11-2012 (256 bit) digest is sent, never the data.
     *
     * @param data the bytes to timestamp; for CAdES-T, the signature value
     * @return the validated token; never null
     * @throws SigningException when the TSA cannot be reached or its answer does not hold
     */
    public TimeStampToken timestamp(byte[] data) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        if (policy != null) {
            generator.setReqPolicy(policy);
        }
        byte[] imprint = CmsVerifier.hash(data, IMPRINT_DIGEST);
        TimeStampRequest request = generator.generate(IMPRINT_DIGEST.getAlgorithm(), imprint,
                new BigInteger(64, random));
        try {
            TimeStampResponse response = new TimeStampResponse(post(request.getEncoded()));
            if (response.getTimeStampToken() == null) {
                throw new SigningException("The time-stamping authority " + url + " refused the request: status "
                        + response.getStatus() + (response.getStatusString() == null
                        ? "" : " (" + response.getStatusString() + ")"));
            }
            // checks status, imprint, nonce, policy and that the token is a timestamp at all
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            validateToken(token);
            return token;
        } catch (TSPException | IOException e) {
            throw new SigningException("The time-stamping authority " + url + " gave no usable timestamp: "
                    + e.getMessage(), e);
        } catch (SignatureVerificationException e) {
            throw new SigningException("The timestamp from " + url + " does not verify: " + e.getMessage(), e);
        }
    }

    /**
     * Checks a token's signature with the TSA certificate it carries, including signingCertificate(V2) and the
     * critical timeStamping key usage.
     *
     * @return the TSA's certificate; never null
     * @throws SignatureVerificationException of reason TIMESTAMP_INVALID when the token does not verify
     */
    public static X509Certificate validateToken(TimeStampToken token) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        if (matches.isEmpty()) {
            // Limitation: a token without its TSA certificate cannot be checked; requests always ask for it
            throw new SignatureVerificationException(Reason.TIMESTAMP_INVALID, "The timestamp does not carry the "
                    + "certificate of the time-stamping authority");
        }
        X509CertificateHolder authority = matches.iterator().next();
        try {
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(GostProvider.NAME).build(authority));
        } catch (TSPException | OperatorCreationException | CertificateException e) {
            throw new SignatureVerificationException(Reason.TIMESTAMP_INVALID, "The timestamp by "
                    + authority.getSubject() + " does not verify: " + e.getMessage(), e);
        }
        return CmsVerifier.toX509(authority);
    }

    private byte[] post(byte[] request) throws IOException {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url)
                            .timeout(timeout)
                            .header("Content-Type", QUERY)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith(REPLY)) {
                throw new IOException("the answer is of type '" + type + "', not " + REPLY);
            }
            if (response.body().length > MAX_REPLY_BYTES) {
                throw new IOException("the answer is larger than " + MAX_REPLY_BYTES + " bytes");
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
