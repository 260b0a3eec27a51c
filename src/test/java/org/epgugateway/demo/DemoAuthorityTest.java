package org.epgugateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNumericString;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.signing.CmsSigner;
import org.epgugateway.signing.CmsVerifier;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.signing.OrganisationCertificate;
import org.epgugateway.signing.SigningKey;
import org.epgugateway.testsupport.OpenSslGost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoAuthorityTest {

    private static final String GOST_2012_256_SIGNATURE = "1.2.643.7.1.1.3.2";

    // one folder set up once for the tests that only read it; tests that change a folder get their own
    @TempDir
    static Path shared;

    private static DemoKeys romashka;

    @TempDir
    Path folder;

    @BeforeAll
    static void ensure_the_shared_folder() {
        romashka = DemoAuthority.ensure(shared, DemoOrganisation.romashka());
    }

    @Test
    void ensure_writes_the_ca_the_keystore_its_password_and_the_organisation_certificate() {
        assertThat(romashka.caCertificate()).isEqualTo(shared.resolve("ca.pem")).isRegularFile();
        assertThat(romashka.keystore()).isEqualTo(shared.resolve("organisation.p12")).isRegularFile();
        assertThat(romashka.organisationCertificate()).isEqualTo(shared.resolve("organisation.pem")).isRegularFile();
        assertThat(shared.resolve("organisation.p12.password")).hasContent(romashka.password());
        assertThat(romashka.password()).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z0-9_-]+");
        assertThat(romashka.alias()).isEqualTo("organisation");
        assertThat(shared).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void ensure_reuses_the_files_of_an_earlier_call() throws Exception {
        DemoKeys first = DemoAuthority.ensure(folder, DemoOrganisation.romashka());
        byte[] certificate = Files.readAllBytes(first.organisationCertificate());
        byte[] keystore = Files.readAllBytes(first.keystore());
        FileTime written = Files.getLastModifiedTime(first.keystore());

        DemoKeys second = DemoAuthority.ensure(folder, DemoOrganisation.romashka());

        assertThat(second).isEqualTo(first);
        assertThat(second.organisationCertificate()).hasBinaryContent(certificate);
        assertThat(second.keystore()).hasBinaryContent(keystore);
        assertThat(Files.getLastModifiedTime(second.keystore())).isEqualTo(written);
    }

    @Test
    void ensure_creates_new_keys_when_the_folder_holds_another_organisation() throws Exception {
        DemoAuthority.ensure(folder, new DemoOrganisation("OOO Vasilek", "1157746000005", "7701000017"));

        DemoKeys keys = DemoAuthority.ensure(folder, DemoOrganisation.romashka());

        assertThat(OrganisationCertificate.ogrn(read(keys.organisationCertificate()))).contains("1027700123450");
        assertThat(OrganisationCertificate.ogrn(keys.keySource().load().certificate())).contains("1027700123450");
    }

    @Test
    void ensure_creates_all_files_anew_when_one_is_missing() throws Exception {
        DemoKeys first = DemoAuthority.ensure(folder, DemoOrganisation.romashka());
        X509Certificate firstCertificate = read(first.organisationCertificate());
        Files.delete(first.caCertificate());

        DemoKeys second = DemoAuthority.ensure(folder, DemoOrganisation.romashka());

        X509Certificate secondCertificate = read(second.organisationCertificate());
        assertThat(secondCertificate).isNotEqualTo(firstCertificate);
        secondCertificate.verify(read(second.caCertificate()).getPublicKey(), GostProvider.NAME);
        assertThat(second.keySource().load().certificate()).isEqualTo(secondCertificate);
    }

    @Test
    void the_keystore_and_its_password_are_readable_by_the_owner_only() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve(
                DemoAuthority.PASSWORD_FILE)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(romashka.keystore())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(romashka.caCertificate())))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void the_ca_is_a_self_signed_gost_2012_256_certificate_authority() throws Exception {
        X509Certificate ca = read(romashka.caCertificate());

        ca.verify(ca.getPublicKey(), GostProvider.NAME);
        assertThat(ca.getSigAlgOID()).isEqualTo(GOST_2012_256_SIGNATURE);
        assertThat(ca.getBasicConstraints()).isNotNegative();
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        // keyUsage bits: 5 keyCertSign, 6 cRLSign
        assertThat(ca.getKeyUsage()).containsExactly(false, false, false, false, false, true, true, false, false);
    }

    @Test
    void the_organisation_certificate_is_issued_by_the_ca_for_signing_for_one_year() throws Exception {
        X509Certificate certificate = read(romashka.organisationCertificate());

        certificate.verify(read(romashka.caCertificate()).getPublicKey(), GostProvider.NAME);
        assertThat(certificate.getSigAlgOID()).isEqualTo(GOST_2012_256_SIGNATURE);
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        // keyUsage bits: 0 digitalSignature, 1 nonRepudiation
        assertThat(certificate.getKeyUsage()).containsExactly(true, true, false, false, false, false, false, false,
                false);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.4");
        assertThat(certificate.getNotAfter().toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofDays(365)), within(1, ChronoUnit.MINUTES));
        assertThat(certificate.getNotBefore().toInstant()).isBefore(Instant.now());
    }

    @Test
    void the_organisation_certificate_names_the_organisation_with_ogrn_and_inn_as_numeric_strings() throws Exception {
        X500Name subject = X500Name.getInstance(
                read(romashka.organisationCertificate()).getSubjectX500Principal().getEncoded());

        assertThat(subject.getRDNs()).extracting(rdn -> rdn.getFirst().getType().getId()).containsExactly(
                BCStyle.CN.getId(), BCStyle.O.getId(), BCStyle.C.getId(), "1.2.643.100.1", "1.2.643.100.4");
        assertThat(value(subject, BCStyle.CN)).isEqualTo("ООО \"Ромашка\"");
        assertThat(value(subject, BCStyle.O)).isEqualTo("ООО \"Ромашка\"");
        assertThat(value(subject, BCStyle.C)).isEqualTo("RU");
        assertThat(first(subject, OrganisationCertificate.OGRN).getFirst().getValue())
                .isEqualTo(new DERNumericString("1027700123450"));
        assertThat(first(subject, OrganisationCertificate.INN_LE).getFirst().getValue())
                .isEqualTo(new DERNumericString("7700123459"));
    }

    @Test
    void the_keystore_holds_the_organisation_key_with_the_ca_in_its_chain() throws Exception {
        byte[] apiKey = "0c5e7f2a-3b9d-4e1f-a6c8-7d2b1e0f9a43".getBytes(StandardCharsets.UTF_8);

        SigningKey key = romashka.keySource().load();

        assertThat(key.chain())
                .containsExactly(read(romashka.organisationCertificate()), read(romashka.caCertificate()));
        assertThat(new CmsVerifier().verifyDetached(new CmsSigner(key).signDetached(apiKey), apiKey))
                .isEqualTo(read(romashka.organisationCertificate()));
    }

    @Test
    void the_jdk_reads_the_keystore_with_its_own_pkcs12_implementation() throws Exception {
        GostProvider.install();

        KeyStore store = KeyStore.getInstance("PKCS12", "SUN");
        try (InputStream in = Files.newInputStream(romashka.keystore())) {
            store.load(in, romashka.password().toCharArray());
        }

        assertThat(store.getKey(romashka.alias(), romashka.password().toCharArray())).isNotNull();
        assertThat(store.getCertificateChain(romashka.alias())).hasSize(2);
    }

    @Test
    void openssl_reads_the_keystore_without_the_legacy_provider() {
        OpenSslGost.Result certificates = OpenSslGost.run(shared, "pkcs12", "-in", DemoAuthority.KEYSTORE_FILE,
                "-passin", "file:" + DemoAuthority.PASSWORD_FILE, "-nokeys").requireSuccess();
        OpenSslGost.Result key = OpenSslGost.run(shared, "pkcs12", "-in", DemoAuthority.KEYSTORE_FILE,
                "-passin", "file:" + DemoAuthority.PASSWORD_FILE, "-nocerts", "-nodes").requireSuccess();

        assertThat(certificates.stdout().split("-----BEGIN CERTIFICATE-----", -1)).hasSize(3);
        assertThat(certificates.stdout()).contains("OGRN = 1027700123450");
        assertThat(key.stdout()).contains("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void openssl_accepts_the_organisation_certificate_as_issued_by_the_ca() {
        OpenSslGost.Result verify = OpenSslGost.run(shared, "verify", "-CAfile", DemoAuthority.CA_FILE,
                DemoAuthority.CERTIFICATE_FILE);

        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stdout()).contains("organisation.pem: OK");
    }

    @Test
    void issue_makes_expired_and_ogrn_less_certificates_for_negative_tests() throws Exception {
        DemoAuthority authority = DemoAuthority.create();
        Instant now = Instant.now();

        SigningKey expired = authority.issue(DemoOrganisation.romashka(), KeySize.GOST_2012_512,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        SigningKey withoutOgrn = authority.issue(DemoOrganisation.romashka().withoutOgrn());

        assertThat(expired.certificate().getNotAfter().toInstant()).isBefore(now);
        assertThat(SubjectPublicKeyInfo.getInstance(expired.certificate().getPublicKey().getEncoded())
                .getAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.643.7.1.1.1.2");
        assertThat(OrganisationCertificate.ogrn(withoutOgrn.certificate())).isEmpty();
        withoutOgrn.certificate().verify(authority.caCertificate().getPublicKey(), GostProvider.NAME);
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static RDN first(X500Name name, ASN1ObjectIdentifier type) {
        List<RDN> rdns = List.of(name.getRDNs(type));
        assertThat(rdns).hasSize(1);
        return rdns.get(0);
    }

    private static String value(X500Name name, ASN1ObjectIdentifier type) {
        return first(name, type).getFirst().getValue().toString();
    }
}
