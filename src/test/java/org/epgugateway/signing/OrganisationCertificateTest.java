package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;

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
}
