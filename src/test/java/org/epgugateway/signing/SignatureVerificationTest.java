package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.util.Arrays;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.emulator.TimestampAuthority;
import org.epgugateway.signing.SignatureVerificationException.Reason;
import org.epgugateway.testsupport.TestOcspResponder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Verification with trust roots, CRLs and OCSP: every way a signature can be bad fails with its own reason and a
 * message that says what is wrong.
 */
class SignatureVerificationTest {

    private static final byte[] CONTENT = "order 2540203555 archive".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path folder;

    private static DemoAuthority authority;
    private static SigningKey romashka;
    private static SigningKey lutik;
    private static TimestampAuthority tsa;
    private static TestOcspResponder ocsp;

    @BeforeAll
    static void pki() throws Exception {
        authority = DemoAuthority.create();
        romashka = issue(Duration.ofDays(30));
        lutik = authority.issue(new DemoOrganisation("OOO Lutik", "1037700000006", "7701000009"));
        tsa = TimestampAuthority.start(authority.issueTimestampAuthority());
        ocsp = TestOcspResponder.start(authority.issueOcspResponder());
    }

    @AfterAll
    static void stop() {
        tsa.close();
        ocsp.close();
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void a_signature_by_a_trusted_unrevoked_certificate_verifies(KeySize size) throws Exception {
        Instant now = Instant.now();
        SigningKey key = authority.issue(DemoOrganisation.romashka(), size, now.minusSeconds(60),
                now.plus(Duration.ofDays(30)));
        byte[] signature = new CmsSigner(key).signDetached(CONTENT);

        VerifiedSignature verified = withCrl(crl(Map.of())).verify(signature, CONTENT);

        assertThat(verified.signer()).isEqualTo(key.certificate());
        assertThat(verified.trustChecked()).isTrue();
    }

    @Test
    void tampered_content_fails_as_a_content_mismatch() {
        byte[] signature = new CmsSigner(romashka).signDetached(CONTENT);
        byte[] tampered = CONTENT.clone();
        tampered[0] ^= 1;

        SignatureVerificationException failure = failure(trusting(), signature, tampered);

        assertThat(failure.reason()).isEqualTo(Reason.CONTENT_MISMATCH);
        assertThat(failure).hasMessageContaining("The content does not match the signature");
    }

    @Test
    void swapped_signature_halves_fail_as_an_invalid_signature_value() throws Exception {
        byte[] signature = withSignatureValue(new CmsSigner(romashka).signDetached(CONTENT),
                value -> Arrays.concatenate(Arrays.copyOfRange(value, 32, 64), Arrays.copyOfRange(value, 0, 32)));

        SignatureVerificationException failure = failure(trusting(), signature, CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.SIGNATURE_INVALID);
        assertThat(failure).hasMessageContaining("The signature value does not verify with the key of");
    }

    @Test
    void a_reversed_signature_value_fails_as_an_invalid_signature_value() throws Exception {
        byte[] signature = withSignatureValue(new CmsSigner(romashka).signDetached(CONTENT), Arrays::reverse);

        SignatureVerificationException failure = failure(trusting(), signature, CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.SIGNATURE_INVALID);
    }

    @Test
    void a_signature_carrying_another_certificate_fails_as_the_wrong_certificate() throws Exception {
        byte[] signature = withCarriedCertificate(new CmsSigner(romashka).signDetached(CONTENT), lutik.certificate());

        SignatureVerificationException failure = failure(trusting(), signature, CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.WRONG_CERTIFICATE);
        assertThat(failure).hasMessageContaining("signingCertificateV2 attribute names another certificate")
                .hasMessageContaining("OOO Lutik");
    }

    @Test
    void a_signature_by_another_signer_than_the_expected_one_fails_as_the_wrong_certificate() {
        byte[] signature = new CmsSigner(lutik).signDetached(CONTENT);

        SignatureVerificationException failure = failure(trusting().expectingSigner(romashka.certificate()),
                signature, CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.WRONG_CERTIFICATE);
        assertThat(failure).hasMessageContaining("not by the expected");
    }

    @Test
    void a_certificate_revoked_in_the_crl_fails_as_revoked_with_date_and_reason() {
        Instant revokedAt = Instant.now().minusSeconds(30);
        byte[] signature = new CmsSigner(romashka).signDetached(CONTENT);

        SignatureVerificationException failure = failure(
                withCrl(crl(Map.of(romashka.certificate().getSerialNumber().toString(), revokedAt))), signature,
                CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.CERTIFICATE_REVOKED);
        assertThat(failure).hasMessageContaining("was revoked on " + revokedAt.truncatedTo(ChronoUnit.SECONDS))
                .hasMessageContaining("keyCompromise");
    }

    @Test
    void a_crl_downloaded_over_http_reports_a_revoked_certificate() throws Exception {
        SigningKey key = issue(Duration.ofDays(30));
        byte[] crl = crl(Map.of(key.certificate().getSerialNumber().toString(), Instant.now().minusSeconds(30)))
                .getEncoded();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/ca.crl", exchange -> {
            exchange.sendResponseHeaders(200, crl.length);
            exchange.getResponseBody().write(crl);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ca.crl";
            CmsVerifier verifier = new CmsVerifier(validator(new CrlStore(List.of(url), Duration.ofHours(1), TIMEOUT,
                    Clock.systemUTC()), null));

            SignatureVerificationException failure = failure(verifier, new CmsSigner(key).signDetached(CONTENT),
                    CONTENT);

            assertThat(failure.reason()).isEqualTo(Reason.CERTIFICATE_REVOKED);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_cades_t_signature_timestamped_before_the_revocation_stays_valid() throws Exception {
        byte[] signature = cadesT(romashka).signDetached(CONTENT);
        Thread.sleep(1100); // CRL times have whole seconds: the revocation must come after the timestamp

        VerifiedSignature verified = withCrl(crl(Map.of(romashka.certificate().getSerialNumber().toString(),
                Instant.now()))).verify(signature, CONTENT);

        assertThat(verified.timestamp()).isPresent();
    }

    @Test
    void a_crl_past_its_next_update_leaves_the_revocation_status_unknown() {
        Instant now = Instant.now();
        X509CRL stale = authority.crl(Map.of(), now.minus(Duration.ofDays(8)), now.minus(Duration.ofDays(1)));
        byte[] signature = new CmsSigner(romashka).signDetached(CONTENT);

        SignatureVerificationException failure = failure(withCrl(stale), signature, CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
        assertThat(failure).hasMessageContaining("was due for an update");
    }

    @Test
    void a_missing_crl_of_the_issuer_leaves_the_revocation_status_unknown() throws Exception {
        X509CRL foreign = DemoAuthority.create().crl(Map.of(), Instant.now(), Instant.now().plus(Duration.ofDays(1)));
        byte[] signature = new CmsSigner(romashka).signDetached(CONTENT);

        SignatureVerificationException failure = failure(withCrl(foreign), signature, CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
        assertThat(failure).hasMessageContaining("No CRL of");
    }

    @Test
    void a_certificate_the_ocsp_responder_reports_revoked_fails_as_revoked() {
        SigningKey key = issue(Duration.ofDays(30));
        ocsp.revoke(key.certificate().getSerialNumber(), Instant.now().minusSeconds(60));
        byte[] signature = new CmsSigner(key).signDetached(CONTENT);

        SignatureVerificationException failure = failure(withOcsp(ocsp.url().toString()), signature, CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.CERTIFICATE_REVOKED);
        assertThat(failure).hasMessageContaining("according to the OCSP responder " + ocsp.url());
    }

    @Test
    void a_certificate_the_ocsp_responder_reports_good_verifies() {
        SigningKey key = issue(Duration.ofDays(30));
        ocsp.good(key.certificate().getSerialNumber());

        VerifiedSignature verified = withOcsp(ocsp.url().toString())
                .verify(new CmsSigner(key).signDetached(CONTENT), CONTENT);

        assertThat(verified.trustChecked()).isTrue();
    }

    @Test
    void a_certificate_unknown_to_the_ocsp_responder_leaves_the_revocation_status_unknown() {
        SigningKey key = issue(Duration.ofDays(30));

        SignatureVerificationException failure = failure(withOcsp(ocsp.url().toString()),
                new CmsSigner(key).signDetached(CONTENT), CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
        assertThat(failure).hasMessageContaining("does not know the certificate");
    }

    @Test
    void an_unreachable_ocsp_responder_leaves_the_revocation_status_unknown() {
        SignatureVerificationException failure = failure(withOcsp("http://127.0.0.1:9/ocsp"),
                new CmsSigner(romashka).signDetached(CONTENT), CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.REVOCATION_UNKNOWN);
        assertThat(failure).hasMessageContaining("http://127.0.0.1:9/ocsp");
    }

    @Test
    void a_certificate_expired_at_signing_time_fails_as_expired() {
        Instant now = Instant.now();
        SigningKey expired = authority.issue(DemoOrganisation.romashka(), KeySize.GOST_2012_256,
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)));

        SignatureVerificationException failure = failure(trusting(), new CmsSigner(expired).signDetached(CONTENT),
                CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.CERTIFICATE_EXPIRED);
        assertThat(failure).hasMessageContaining("was not valid at the signing time");
    }

    @Test
    void a_cades_bes_signature_checked_after_the_certificate_expired_fails_as_expired() {
        byte[] signature = new CmsSigner(romashka).signDetached(CONTENT);
        CmsVerifier later = new CmsVerifier(validator(null, null), Clock.fixed(Instant.now().plus(Duration.ofDays(60)),
                ZoneOffset.UTC));

        SignatureVerificationException failure = failure(later, signature, CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.CERTIFICATE_EXPIRED);
        assertThat(failure).hasMessageContaining("expired on");
    }

    @Test
    void a_cades_t_signature_checked_after_the_certificate_expired_still_verifies_at_its_timestamp() {
        byte[] signature = cadesT(romashka).signDetached(CONTENT);
        CmsVerifier later = new CmsVerifier(validator(null, null), Clock.fixed(Instant.now().plus(Duration.ofDays(60)),
                ZoneOffset.UTC));

        VerifiedSignature verified = later.verify(signature, CONTENT);

        assertThat(verified.timestamp()).isPresent();
    }

    @Test
    void a_certificate_of_another_ca_fails_as_untrusted() {
        SigningKey stranger = DemoAuthority.create().issue(DemoOrganisation.romashka());

        SignatureVerificationException failure = failure(trusting(), new CmsSigner(stranger).signDetached(CONTENT),
                CONTENT);

        assertThat(failure.reason()).isEqualTo(Reason.UNTRUSTED);
        assertThat(failure).hasMessageContaining("does not chain to a configured trust root");
    }

    private static SigningKey issue(Duration validity) {
        Instant now = Instant.now();
        return authority.issue(DemoOrganisation.romashka(), KeySize.GOST_2012_256, now.minusSeconds(60),
                now.plus(validity));
    }

    private static Signer cadesT(SigningKey key) {
        return new TimestampingSigner(new CmsSigner(key), new TimestampClient(tsa.url(), TIMEOUT, null));
    }

    private static CmsVerifier trusting() {
        return new CmsVerifier(validator(null, null));
    }

    private static CmsVerifier withCrl(X509CRL crl) {
        try {
            Path file = Files.createTempFile(folder, "ca", ".crl");
            Files.write(file, crl.getEncoded());
            return new CmsVerifier(validator(new CrlStore(List.of(file.toString()), Duration.ofHours(1), TIMEOUT,
                    Clock.systemUTC()), null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CmsVerifier withOcsp(String url) {
        return new CmsVerifier(validator(null, new OcspClient(URI.create(url), Duration.ofSeconds(3),
                RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256, Clock.systemUTC())));
    }

    private static CertificateValidator validator(CrlStore crls, OcspClient ocspClient) {
        return new CertificateValidator(List.of(authority.caCertificate()), crls, ocspClient, Clock.systemUTC());
    }

    private static X509CRL crl(Map<String, Instant> revoked) {
        Instant now = Instant.now();
        Map<BigInteger, Instant> serials = new HashMap<>();
        revoked.forEach((serial, when) -> serials.put(new BigInteger(serial), when));
        return authority.crl(serials, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
    }

    private static SignatureVerificationException failure(CmsVerifier verifier, byte[] signature, byte[] content) {
        SignatureVerificationException failure = catchThrowableOfType(SignatureVerificationException.class,
                () -> verifier.verify(signature, content));
        assertThat(failure).as("the signature must not verify").isNotNull();
        return failure;
    }

    private static byte[] withSignatureValue(byte[] signature, UnaryOperator<byte[]> change)
            throws Exception {
        SignedData signed = SignedData.getInstance(ContentInfo.getInstance(signature).getContent());
        SignerInfo info = SignerInfo.getInstance(signed.getSignerInfos().getObjectAt(0));
        SignerInfo changed = new SignerInfo(info.getSID(), info.getDigestAlgorithm(), info.getAuthenticatedAttributes(),
                info.getDigestEncryptionAlgorithm(), new DEROctetString(change.apply(info.getEncryptedDigest()
                .getOctets())), info.getUnauthenticatedAttributes());
        return encode(new SignedData(signed.getDigestAlgorithms(), signed.getEncapContentInfo(),
                signed.getCertificates(), signed.getCRLs(), new DERSet(changed)));
    }

    private static byte[] withCarriedCertificate(byte[] signature, X509Certificate other) throws Exception {
        SignedData signed = SignedData.getInstance(ContentInfo.getInstance(signature).getContent());
        SignerInfo info = SignerInfo.getInstance(signed.getSignerInfos().getObjectAt(0));
        SignerIdentifier sid = new SignerIdentifier(new IssuerAndSerialNumber(
                X500Name.getInstance(other.getIssuerX500Principal().getEncoded()), other.getSerialNumber()));
        SignerInfo changed = new SignerInfo(sid, info.getDigestAlgorithm(), info.getAuthenticatedAttributes(),
                info.getDigestEncryptionAlgorithm(), info.getEncryptedDigest(), info.getUnauthenticatedAttributes());
        ASN1Set certificates = new DERSet(Certificate.getInstance(other.getEncoded()));
        return encode(new SignedData(signed.getDigestAlgorithms(), signed.getEncapContentInfo(), certificates,
                signed.getCRLs(), new DERSet(changed)));
    }

    private static byte[] encode(SignedData signed) throws Exception {
        return new ContentInfo(CMSObjectIdentifiers.signedData, signed)
                .getEncoded(ASN1Encoding.DER);
    }
}
