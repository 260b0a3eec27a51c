package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNumericString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoOrganisation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrganisationCertificateTest {

    private static DemoAuthority authority;

    @BeforeAll
    static void create_authority() {
        authority = DemoAuthority.create();
    }

    @Test
    void reads_ogrn_inn_and_name_of_the_organisation() {
        X509Certificate certificate = authority.issue(DemoOrganisation.romashka()).certificate();

        assertThat(OrganisationCertificate.ogrn(certificate)).contains("1027700123450");
        assertThat(OrganisationCertificate.innLe(certificate)).contains("7700123459");
        assertThat(OrganisationCertificate.organisationName(certificate)).contains("ООО \"Ромашка\"");
    }

    @Test
    void a_certificate_without_ogrn_has_none() {
        X509Certificate certificate = authority.issue(DemoOrganisation.romashka().withoutOgrn()).certificate();

        assertThat(OrganisationCertificate.ogrn(certificate)).isEmpty();
        assertThat(OrganisationCertificate.innLe(certificate)).contains("7700123459");
    }

    @Test
    void a_ca_certificate_has_no_organisation_numbers() {
        X509Certificate ca = authority.caCertificate();

        assertThat(OrganisationCertificate.ogrn(ca)).isEmpty();
        assertThat(OrganisationCertificate.innLe(ca)).isEmpty();
        assertThat(OrganisationCertificate.organisationName(ca)).contains("epgu-gateway demo, not for production");
    }

    @Test
    void names_registration_numbers_as_text_where_rfc_2253_shows_dotted_numbers_and_hex() throws Exception {
        X500Principal person = new X500Principal(new X500Name(new RDN[] {
            new RDN(BCStyle.CN, new DERUTF8String("Иванов Иван")),
            new RDN(new ASN1ObjectIdentifier("1.2.643.3.131.1.1"), new DERNumericString("770012345678")),
            new RDN(new ASN1ObjectIdentifier("1.2.643.100.3"), new DERNumericString("11223344595")),
            new RDN(OrganisationCertificate.OGRN, new DERNumericString("1027700123450"))}).getEncoded());

        assertThat(person.getName()).contains("1.2.643.100.1=#");
        assertThat(OrganisationCertificate.readableName(person))
                .isEqualTo("CN=Иванов Иван,INN=770012345678,SNILS=11223344595,OGRN=1027700123450");
    }
}
