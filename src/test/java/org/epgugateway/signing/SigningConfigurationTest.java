package org.epgugateway.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoKeys;
import org.epgugateway.demo.DemoOrganisation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code signing.*} settings: key source, secrets from the environment or files, verification. */
class SigningConfigurationTest {

    @TempDir
    static Path home;

    private static DemoKeys keys;

    @BeforeAll
    static void keys() {
        keys = DemoAuthority.ensure(home.resolve("keys"), DemoOrganisation.romashka());
    }

    @Test
    void the_keystore_password_comes_from_its_environment_variable() {
        GatewaySettings settings = settings(Map.of("signing.keystore", "keys/organisation.p12"),
                Map.of("SIGNING_KEYSTORE_PASSWORD", keys.password()));

        try (SigningConfiguration signing = SigningConfiguration.load(home, settings)) {
            assertThat(signing.kind()).isEqualTo(SigningConfiguration.KeySourceKind.PKCS12);
            assertThat(OrganisationCertificate.ogrn(signing.certificate())).contains("1027700123450");
            assertThat(signing.timestampingSigner()).isEmpty();
            assertThat(signing.verifier().checksTrust()).isFalse();
        }
    }

    @Test
    void the_keystore_password_comes_from_the_file_its_file_setting_names() {
        GatewaySettings settings = settings(Map.of("signing.keystore", "keys/organisation.p12",
                "signing.keystore-password-file", "keys/" + DemoAuthority.PASSWORD_FILE,
                "signing.trust-roots", "keys/" + DemoAuthority.CA_FILE), Map.of());

        try (SigningConfiguration signing = SigningConfiguration.load(home, settings)) {
            assertThat(signing.selfCheck(Clock.systemUTC()).run().passed()).isTrue();
            assertThat(signing.verifier().checksTrust()).isTrue();
        }
    }

    @Test
    void a_missing_password_names_both_settings_and_their_environment_variables() {
        GatewaySettings settings = settings(Map.of("signing.keystore", "keys/organisation.p12"), Map.of());

        assertThatThrownBy(() -> SigningConfiguration.load(home, settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("signing.keystore-password (SIGNING_KEYSTORE_PASSWORD)")
                .hasMessageContaining("signing.keystore-password-file (SIGNING_KEYSTORE_PASSWORD_FILE)");
    }

    @Test
    void an_unknown_key_source_lists_the_known_ones() {
        GatewaySettings settings = settings(Map.of("signing.key-source", "cryptopro"), Map.of());

        assertThatThrownBy(() -> SigningConfiguration.load(home, settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("must be pkcs12, pem, pkcs11 or command, not 'cryptopro'");
    }

    @Test
    void revocation_sources_without_trust_roots_are_refused() {
        GatewaySettings settings = settings(Map.of("signing.crls", "ca.crl"), Map.of());

        assertThatThrownBy(() -> SigningConfiguration.loadVerifier(home, settings))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("need signing.trust-roots");
    }

    @Test
    void the_pem_key_source_reads_the_key_and_the_certificate_file() throws Exception {
        GatewaySettings settings = settings(Map.of("signing.key-source", "pem",
                "signing.key-file", "key.pem", "signing.certificate-file", "keys/" + DemoAuthority.CERTIFICATE_FILE),
                Map.of());
        SigningKey key = keys.keySource().load();
        Files.writeString(home.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(key.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");

        try (SigningConfiguration signing = SigningConfiguration.load(home, settings)) {
            assertThat(signing.kind()).isEqualTo(SigningConfiguration.KeySourceKind.PEM);
            assertThat(signing.certificate()).isEqualTo(key.certificate());
        }
    }

    private static GatewaySettings settings(Map<String, String> file, Map<String, String> environment) {
        Properties properties = new Properties();
        properties.putAll(file);
        return GatewaySettings.of(properties, environment, new Properties());
    }
}
