package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.rosstandart.RosstandartObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.tsp.TimeStampToken;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.emulator.TimestampAuthority;
import org.epgugateway.signing.SignatureVerificationException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CAdES-T: CAdES-BES plus an RFC 3161 timestamp over the signature value, from the test GOST TSA. */
class CadesTimestampTest {

    private static final byte[] CONTENT = "archive bytes of order 2540203555".getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static DemoAuthority authority;
    private static TimestampAuthority tsa;

    @BeforeAll
    static void start_tsa() {
        authority = DemoAuthority.create();
        tsa = TimestampAuthority.start(authority.issueTimestampAuthority());
    }

    @AfterAll
    static void stop_tsa() {
        tsa.close();
    }

    @AfterEach
    void tsa_behaves_again() {
        tsa.fault(TimestampAuthority.Fault.NONE);
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void cades_t_signature_verifies_with_a_timestamp_after_the_signing_time(KeySize size) {
        SigningKey key = issue(size);
        Instant before = Instant.now().minusSeconds(1);

        byte[] signature = cadesT(key).signDetached(CONTENT);

        VerifiedSignature verified = trustingVerifier().verify(signature, CONTENT);
        assertThat(verified.signer()).isEqualTo(key.certificate());
        assertThat(verified.trustChecked()).isTrue();
        assertThat(verified.timestamp()).hasValueSatisfying(time -> assertThat(time)
                .isBetween(before, Instant.now().plusSeconds(1))
                .isAfterOrEqualTo(verified.signingTime().orElseThrow().minusSeconds(1)));
    }

    @Test
    void the_timestamp_imprint_is_the_streebog_hash_of_the_signature_value() throws Exception {
        byte[] signature = cadesT(issue(KeySize.GOST_2012_256)).signDetached(new ByteArrayInputStream(CONTENT));

        SignerInformation signer = new CMSSignedData(signature).getSignerInfos().getSigners().iterator().next();
        TimeStampToken token = tokenOf(signer);

        assertThat(token.getTimeStampInfo().getMessageImprintAlgOID())
                .isEqualTo(RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(CmsVerifier.hash(
                signer.getSignature(), new AlgorithmIdentifier(RosstandartObjectIdentifiers.id_tc26_gost_3411_12_256)));
        assertThat(token.getTimeStampInfo().getPolicy()).isEqualTo(TimestampAuthority.POLICY);
        assertThat(token.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
    }

    @Test
    void a_timestamp_taken_from_another_signature_is_rejected() throws Exception {
        SigningKey key = issue(KeySize.GOST_2012_256);
        byte[] first = cadesT(key).signDetached(CONTENT);
        byte[] second = cadesT(key).signDetached(CONTENT);

        byte[] mixed = withTimestampOf(second, tokenOf(onlySigner(first)));

        assertThatThrownBy(() -> trustingVerifier().verify(mixed, CONTENT))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("covers another signature value")
                .extracting(e -> ((SignatureVerificationException) e).reason())
                .isEqualTo(Reason.TIMESTAMP_INVALID);
    }

    @Test
    void a_timestamp_by_an_authority_outside_the_trust_roots_is_rejected() {
        DemoAuthority stranger = DemoAuthority.create();
        byte[] signature;
        try (TimestampAuthority strangeTsa = TimestampAuthority.start(stranger.issueTimestampAuthority())) {
            signature = new TimestampingSigner(new CmsSigner(issue(KeySize.GOST_2012_256)),
                    new TimestampClient(strangeTsa.url(), TIMEOUT, null)).signDetached(CONTENT);
        }

        assertThatThrownBy(() -> trustingVerifier().verify(signature, CONTENT))
                .isInstanceOf(SignatureVerificationException.class)
                .hasMessageContaining("time-stamping authority is not trusted")
                .extracting(e -> ((SignatureVerificationException) e).reason())
                .isEqualTo(Reason.TIMESTAMP_INVALID);
    }

    @Test
    void a_refusing_tsa_fails_signing_with_its_status() {
        tsa.fault(TimestampAuthority.Fault.REJECT);

        assertThatThrownBy(() -> cadesT(issue(KeySize.GOST_2012_256)).signDetached(CONTENT))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining(tsa.url().toString())
                .hasMessageContaining("refused the request");
    }

    @Test
    void a_tsa_answer_for_another_imprint_fails_signing() {
        tsa.fault(TimestampAuthority.Fault.WRONG_IMPRINT);

        assertThatThrownBy(() -> cadesT(issue(KeySize.GOST_2012_256)).signDetached(CONTENT))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("gave no usable timestamp");
    }

    @Test
    void an_unreachable_tsa_fails_signing_with_its_address() {
        URI nowhere = URI.create("http://127.0.0.1:9/tsp");
        Signer signer = new TimestampingSigner(new CmsSigner(issue(KeySize.GOST_2012_256)),
                new TimestampClient(nowhere, Duration.ofSeconds(2), null));

        assertThatThrownBy(() -> signer.signDetached(CONTENT))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("http://127.0.0.1:9/tsp");
    }

    private static SigningKey issue(KeySize size) {
        Instant now = Instant.now();
        return authority.issue(DemoOrganisation.romashka(), size, now.minusSeconds(60), now.plus(Duration.ofDays(30)));
    }

    private static Signer cadesT(SigningKey key) {
        return new TimestampingSigner(new CmsSigner(key), new TimestampClient(tsa.url(), TIMEOUT, null));
    }

    private static CmsVerifier trustingVerifier() {
        return new CmsVerifier(new CertificateValidator(List.of(authority.caCertificate()), null, null,
                Clock.systemUTC()));
    }

    private static SignerInformation onlySigner(byte[] signature) throws Exception {
        return new CMSSignedData(signature).getSignerInfos().getSigners().iterator().next();
    }

    private static TimeStampToken tokenOf(SignerInformation signer) throws Exception {
        Attribute attribute = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        return new TimeStampToken(ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
    }

    private static byte[] withTimestampOf(byte[] signature, TimeStampToken token) throws Exception {
        CMSSignedData signed = new CMSSignedData(signature);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        ASN1ObjectIdentifier type = PKCSObjectIdentifiers.id_aa_signatureTimeStampToken;
        SignerInformation replaced = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(
                new Attribute(type, new DERSet(token.toCMSSignedData().toASN1Structure()))));
        return CMSSignedData.replaceSigners(signed, new SignerInformationStore(replaced)).getEncoded("DER");
    }
}
