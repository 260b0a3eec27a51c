package org.epgugateway.signing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.epgugateway.signing.SignatureVerificationException.Reason;

/**
 * Asks an OCSP responder (RFC 6960) whether a certificate is revoked, and checks that the answer is genuine.
 *
 * <p>The answer must be signed by the certificate's issuer or by a responder certificate that the issuer signed for
 * OCSP signing; it must be for the certificate asked about, current, and carry the nonce sent when it carries one.
 */
public final class OcspClient {

    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    /** What the responder said about one certificate. */
    public enum Status { GOOD, REVOKED, UNKNOWN }

    /**
     * The verified answer.
     *
     * @param status the certificate's status
     * @param revokedAt when it was revoked; null unless {@code status} is REVOKED
     * @param reason the CRL reason code given with the revocation, or -1 when none was given
     */
    public record Answer(Status status, Instant revokedAt, int reason) {
    }

    private final URI responder;
    private final Duration timeout;
    private final ASN1ObjectIdentifier certIdDigest;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param responder the responder's address
     * @param timeout how long one request may take
     * @param certIdDigest the digest of the CertID hashes: GOST R 34.11-2012 or SHA-1, as the responder expects
     */
    public OcspClient(URI responder, Duration timeout, ASN1ObjectIdentifier certIdDigest, Clock clock) {
        this.responder = Objects.requireNonNull(responder, "responder");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.certIdDigest = Objects.requireNonNull(certIdDigest, "certIdDigest");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The responder's address, for messages. */
    public URI responder() {
        return responder;
    }

    /**
     * Asks about the certificate.
     *
     * @param certificate the certificate to ask about
     * @param issuer the certificate of its issuer
     * @return the verified answer; never null
     * @throws SignatureVerificationException of reason REVOCATION_UNKNOWN when no verified answer was to be had
     */
    public Answer check(X509Certificate certificate, X509Certificate issuer) {
        GostProvider.install();
        try {
            CertificateID id = new CertificateID(digestCalculator(), new JcaX509CertificateHolder(issuer),
                    certificate.getSerialNumber());
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            OCSPReq request = new OCSPReqBuilder()
                    .addRequest(id)
                    .setRequestExtensions(new Extensions(Extension.create(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                            false, new DEROctetString(nonce))))
                    .build();
            BasicOCSPResp response = verifiedResponse(post(request.getEncoded()), issuer, nonce);
            return answerFor(response, id, certificate);
        } catch (IOException | OCSPException | OperatorCreationException | CertificateEncodingException
                | RuntimeException e) {
            // BouncyCastle reports a malformed answer with unchecked exceptions too
            throw unknown("the OCSP responder " + responder + " gave no usable answer for "
                    + OrganisationCertificate.describe(certificate) + ": " + e.getMessage(), e);
        }
    }

    private DigestCalculator digestCalculator() throws OperatorCreationException {
        return new JcaDigestCalculatorProviderBuilder().setProvider(GostProvider.NAME).build()
                .get(new AlgorithmIdentifier(certIdDigest));
    }

    private byte[] post(byte[] request) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(responder)
                            .timeout(timeout)
                            .header("Content-Type", "application/ocsp-request")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            if (response.body().length > MAX_RESPONSE_BYTES) {
                throw new IOException("the answer is larger than " + MAX_RESPONSE_BYTES + " bytes");
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private BasicOCSPResp verifiedResponse(byte[] bytes, X509Certificate issuer, byte[] nonce)
            throws IOException, OCSPException, OperatorCreationException, CertificateEncodingException {
        OCSPResp envelope = new OCSPResp(bytes);
        if (envelope.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new OCSPException("response status " + envelope.getStatus());
        }
        BasicOCSPResp response = (BasicOCSPResp) envelope.getResponseObject();
        if (response == null) {
            throw new OCSPException("the response has no body");
        }
        if (!signedByIssuerOrItsResponder(response, new JcaX509CertificateHolder(issuer))) {
            throw new OCSPException("the answer is signed neither by the issuer nor by a responder it authorised");
        }
        Extension echoed = response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        // a responder that pre-produces answers sends none; one that sends a nonce must send ours
        if (echoed != null && !Arrays.equals(ASN1OctetString.getInstance(echoed.getParsedValue()).getOctets(),
                nonce)) {
            throw new OCSPException("the answer carries another nonce than the request");
        }
        return response;
    }

    private static boolean signedByIssuerOrItsResponder(BasicOCSPResp response, X509CertificateHolder issuer)
            throws OCSPException, OperatorCreationException {
        if (response.isSignatureValid(verifier(issuer))) {
            return true;
        }
        for (X509CertificateHolder candidate : response.getCerts()) {
            ExtendedKeyUsage usage = candidate.getExtensions() == null
                    ? null : ExtendedKeyUsage.fromExtensions(candidate.getExtensions());
            boolean authorised = usage != null && usage.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
            if (authorised && issuedBy(candidate, issuer) && candidate.isValidOn(new Date())
                    && response.isSignatureValid(verifier(candidate))) {
                return true;
            }
        }
        return false;
    }

    private static boolean issuedBy(X509CertificateHolder candidate, X509CertificateHolder issuer)
            throws OperatorCreationException {
        try {
            return candidate.getIssuer().equals(issuer.getSubject()) && candidate.isSignatureValid(verifier(issuer));
        } catch (CertException e) {
            return false;
        }
    }

    private static ContentVerifierProvider verifier(X509CertificateHolder certificate)
            throws OperatorCreationException {
        try {
            return new JcaContentVerifierProviderBuilder().setProvider(GostProvider.NAME).build(certificate);
        } catch (CertificateException e) {
            throw new OperatorCreationException("cannot read the key of " + certificate.getSubject(), e);
        }
    }

    private Answer answerFor(BasicOCSPResp response, CertificateID id, X509Certificate certificate)
            throws OCSPException {
        Instant now = clock.instant();
        for (SingleResp single : response.getResponses()) {
            if (!single.getCertID().equals(id)) {
                continue;
            }
            if (single.getThisUpdate().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
                throw new OCSPException("the answer is dated in the future (" + single.getThisUpdate().toInstant()
                        + ")");
            }
            if (single.getNextUpdate() != null && single.getNextUpdate().toInstant().isBefore(now.minus(CLOCK_SKEW))) {
                throw new OCSPException("the answer is stale: its nextUpdate " + single.getNextUpdate().toInstant()
                        + " has passed");
            }
            CertificateStatus status = single.getCertStatus();
            if (status == CertificateStatus.GOOD) {
                return new Answer(Status.GOOD, null, -1);
            }
            if (status instanceof RevokedStatus) {
                RevokedStatus revoked = (RevokedStatus) status;
                return new Answer(Status.REVOKED, revoked.getRevocationTime().toInstant(),
                        revoked.hasRevocationReason() ? revoked.getRevocationReason() : -1);
            }
            if (status instanceof UnknownStatus) {
                return new Answer(Status.UNKNOWN, null, -1);
            }
        }
        throw new OCSPException("the answer says nothing about serial " + certificate.getSerialNumber().toString(16));
    }

    private SignatureVerificationException unknown(String message, Exception cause) {
        return new SignatureVerificationException(Reason.REVOCATION_UNKNOWN, message, cause);
    }

    /** The name of a CRL reason code, such as {@code keyCompromise}, for messages. */
    static String reasonName(int code) {
        if (code < 0) {
            return "no reason given";
        }
        String text = CRLReason.lookup(code).toString();
        // BouncyCastle prints "CRLReason: keyCompromise"
        return text.substring(text.indexOf(':') + 1).strip();
    }
}
