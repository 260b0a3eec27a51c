package org.epgugateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The one list of known keys, held against the README's configuration tables and the shipped properties file, and
 * what it says about unknown keys and malformed values.
 */
class KnownSettingsTest {

    private static final Path README = Path.of("README.md");
    private static final Path SHIPPED = Path.of("config/application.properties");
    private static final Pattern TABLE_KEY = Pattern.compile("(?m)^\\| `([a-z][a-z0-9.*-]*)` \\|");
    private static final Pattern PROPERTIES_KEY = Pattern.compile("(?m)^#? ?([a-z][a-z0-9.-]*) *=");

    @Test
    void every_known_key_is_documented_in_the_readme_configuration_tables() throws IOException {
        Set<String> documented = readmeKeys();

        assertThat(KnownSettings.all()).extracting(KnownSettings.Setting::key)
                .allSatisfy(key -> assertThat(documented).as("README configuration tables").contains(key));
    }

    @Test
    void every_key_the_readme_documents_in_the_gateways_namespaces_is_known() throws IOException {
        List<String> ours = readmeKeys().stream().filter(KnownSettings::isOwnNamespace).toList();

        assertThat(ours).isNotEmpty().allSatisfy(key -> assertThat(KnownSettings.isKnown(key)).as(key).isTrue());
    }

    @Test
    void the_shipped_properties_file_lists_every_known_key_and_every_documented_key() throws IOException {
        Set<String> listed = new TreeSet<>();
        Matcher matcher = PROPERTIES_KEY.matcher(Files.readString(SHIPPED, StandardCharsets.UTF_8));
        while (matcher.find()) {
            listed.add(matcher.group(1));
        }

        assertThat(listed).contains("gateway.keep-sent-archives");
        assertThat(KnownSettings.all()).extracting(KnownSettings.Setting::key)
                .allSatisfy(key -> assertThat(listed).as("config/application.properties").contains(key));
        assertThat(readmeKeys()).filteredOn(key -> !key.contains("*"))
                .allSatisfy(key -> assertThat(listed).as("config/application.properties").contains(key));
    }

    @Test
    void the_shipped_configuration_passes_the_start_up_checks_and_has_no_unknown_key() throws IOException {
        Properties shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(SHIPPED, StandardCharsets.UTF_8)) {
            shipped.load(reader);
        }
        GatewaySettings settings = GatewaySettings.of(shipped, Map.of(), new Properties());

        assertThat(KnownSettings.problems(settings)).isEmpty();
        assertThat(shipped.stringPropertyNames()).allSatisfy(key ->
                assertThat(KnownSettings.unknownKeyWarning(key, "shipped")).as(key).isEmpty());
    }

    @Test
    void a_misspelled_key_is_reported_with_the_key_it_probably_meant() {
        assertThat(KnownSettings.unknownKeyWarning("gateway.inboxx", "config/application.properties"))
                .contains("Setting gateway.inboxx (config/application.properties) is not one the gateway reads and "
                        + "is ignored; did you mean gateway.inbox?");
        assertThat(KnownSettings.unknownKeyWarning("signing.keystore-pasword", "-D"))
                .hasValueSatisfying(text -> assertThat(text).endsWith("did you mean signing.keystore-password?"));
    }

    @Test
    void a_key_far_from_every_known_key_is_reported_without_a_guess() {
        assertThat(KnownSettings.unknownKeyWarning("gateway.frobnicate-everything", "the file"))
                .hasValueSatisfying(text -> assertThat(text).endsWith("is ignored").doesNotContain("did you mean"));
    }

    @Test
    void keys_outside_the_gateways_namespaces_and_secret_file_keys_are_not_reported() {
        assertThat(KnownSettings.unknownKeyWarning("camel.main.name", "the file")).isEmpty();
        assertThat(KnownSettings.unknownKeyWarning("acme.route.folder", "the file")).isEmpty();
        assertThat(KnownSettings.unknownKeyWarning("signing.keystore-password-file", "the file")).isEmpty();
        assertThat(KnownSettings.unknownKeyWarning("sftp.private-key-file", "the file")).isEmpty();
    }

    @Test
    void a_file_key_of_a_setting_that_is_not_a_secret_is_reported_as_such() {
        assertThat(KnownSettings.unknownKeyWarning("gateway.inbox-file", "the file"))
                .hasValueSatisfying(text -> assertThat(text).contains("only secrets")
                        .contains("set gateway.inbox itself"));
    }

    @Test
    void malformed_values_are_named_with_their_environment_variables() {
        GatewaySettings settings = GatewaySettings.of(new Properties(), Map.of("GATEWAY_WORKERS", "four",
                "GATEWAY_QUEUE_SIZE", "0", "RETRY_MAX_DELAY", "10", "GATEWAY_RESUME_INTERVAL", "soon",
                "GATEWAY_TIME_ZONE", "Moscow", "EPGU_SEND_META", "yes", "GATEWAY_INBOX_POLL_DELAY", "2500"),
                new Properties());

        List<String> problems = KnownSettings.problems(settings);

        assertThat(problems).containsExactlyInAnyOrder(
                "gateway.workers (GATEWAY_WORKERS) must be a whole number, not 'four'",
                "gateway.queue-size (GATEWAY_QUEUE_SIZE) must be at least 1, not 0",
                "retry.max-delay (RETRY_MAX_DELAY) must be a duration such as 30s, 5m, 2h or PT30S, not '10'",
                "gateway.resume-interval (GATEWAY_RESUME_INTERVAL) must be a duration such as 30s, 5m, 2h or PT30S, "
                        + "not 'soon'",
                "gateway.time-zone (GATEWAY_TIME_ZONE) must be a time-zone id such as Europe/Moscow, not 'Moscow'",
                "epgu.send-meta (EPGU_SEND_META) must be true or false, not 'yes'");
    }

    @Test
    void intervals_and_timeouts_must_be_longer_than_zero_where_zero_would_stall_or_spin() {
        GatewaySettings settings = GatewaySettings.of(new Properties(), Map.of("GATEWAY_RESUME_INTERVAL", "0",
                "GATEWAY_CLAIM_LEASE", "0s", "EPGU_READ_TIMEOUT", "PT-5S", "GATEWAY_INBOX_STABLE_TIME", "0",
                "GATEWAY_DUPLICATE_WINDOW", "0s", "SIGNING_EXPIRY_WARNING", "PT-1S"), new Properties());

        List<String> problems = KnownSettings.problems(settings);

        assertThat(problems).containsExactlyInAnyOrder(
                "gateway.resume-interval (GATEWAY_RESUME_INTERVAL) must be longer than 0, not '0'",
                "gateway.claim-lease (GATEWAY_CLAIM_LEASE) must be longer than 0, not '0s'",
                "epgu.read-timeout (EPGU_READ_TIMEOUT) must be longer than 0, not 'PT-5S'",
                "signing.expiry-warning (SIGNING_EXPIRY_WARNING) must not be negative, not 'PT-1S'");
    }

    @Test
    void secrets_are_listed_for_masking() {
        assertThat(KnownSettings.secretKeys()).contains("esia.api-key", "signing.keystore-password",
                "signing.key-password", "signing.pkcs11.pin", "store.password", "epgu.truststore-password",
                "sftp.password", "sftp.private-key-passphrase");
    }

    /** The keys in the first column of the tables in the README's "Configuration" section. */
    private static Set<String> readmeKeys() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf("\n## Configuration\n");
        int end = readme.indexOf("\n## ", start + 1);
        assertThat(start).as("README has a Configuration section").isPositive();
        Matcher matcher = TABLE_KEY.matcher(readme.substring(start, end));
        Set<String> keys = new TreeSet<>();
        while (matcher.find()) {
            keys.add(matcher.group(1));
        }
        return keys;
    }
}
