package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.List;

import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoOrganisation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    private static DemoAuthority authority;
    private static SigningKey issued;

    @BeforeAll
    static void issue_key() {
        authority = DemoAuthority.create();
        issued = authority.issue(DemoOrganisation.romashka());
    }

    @Test
    void an_empty_chain_stands_for_the_certificate_alone() {
        SigningKey key = new SigningKey(issued.privateKey(), issued.certificate(), List.of());

        assertThat(key.chain()).containsExactly(issued.certificate());
    }

    @Test
    void a_chain_that_does_not_start_with_the_certificate_is_refused() {
        List<X509Certificate> rootFirst = List.of(authority.caCertificate(), issued.certificate());

        assertThatThrownBy(() -> new SigningKey(issued.privateKey(), issued.certificate(), rootFirst))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with the signing certificate");
    }

    @Test
    void text_form_names_the_certificate_and_never_the_private_key() {
        String text = issued.toString();

        assertThat(text).contains("1027700123450").contains(issued.certificate().getSerialNumber().toString(16));
        assertThat(text).doesNotContain(issued.privateKey().toString());
    }
}
