package org.epgugateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;
import org.junit.jupiter.api.Test;

/**
 * The start-up check of the settings without which nothing can be sent.
 */
class RequiredSettingsTest {

    private static GatewaySettings complete(String esiaUrl, String epguUrl) {
        Properties file = new Properties();
        file.setProperty("esia.url", esiaUrl);
        file.setProperty("epgu.url", epguUrl);
        file.setProperty("esia.api-key", "0f8fad5b-d9cb-469f-a165-70867728950e");
        file.setProperty("signing.keystore", "organisation.p12");
        file.setProperty("signing.keystore-password", "secret");
        return GatewaySettings.of(file, Map.of(), new Properties());
    }

    @Test
    void base_urls_with_http_or_https_and_a_host_pass() {
        RequiredSettings.check(complete("https://esia-portal1.test.gosuslugi.ru", "http://127.0.0.1:8081"),
                Path.of(""));
        RequiredSettings.check(complete("HTTPS://esia.example/base/", "http://[::1]:8081/api-proxy"), Path.of(""));
    }

    @Test
    void a_url_without_scheme_or_host_is_refused_naming_the_setting_its_variable_and_the_value() {
        assertThatThrownBy(() -> RequiredSettings.check(complete("htp:/oops", "127.0.0.1:8780"), Path.of("")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("esia.url (ESIA_URL) is 'htp:/oops'")
                .hasMessageContaining("epgu.url (EPGU_URL) is '127.0.0.1:8780'")
                .hasMessageContaining("http:// or https://");
    }

    @Test
    void only_http_urls_with_a_host_count_as_base_urls() {
        assertThat(RequiredSettings.isHttpUrlWithHost("https://svcdev-beta.test.gosuslugi.ru")).isTrue();
        assertThat(RequiredSettings.isHttpUrlWithHost("http://localhost:8780/")).isTrue();
        assertThat(RequiredSettings.isHttpUrlWithHost("http:/oops")).as("no host").isFalse();
        assertThat(RequiredSettings.isHttpUrlWithHost("ftp://host/")).as("not http").isFalse();
        assertThat(RequiredSettings.isHttpUrlWithHost("localhost:8780")).as("host taken for a scheme").isFalse();
        assertThat(RequiredSettings.isHttpUrlWithHost("http://")).isFalse();
        assertThat(RequiredSettings.isHttpUrlWithHost("http://exa mple.org")).isFalse();
        assertThat(RequiredSettings.isHttpUrlWithHost("/api/gusmev")).isFalse();
    }

    @Test
    void a_password_written_into_a_url_is_not_repeated_in_the_message() {
        assertThatThrownBy(() -> RequiredSettings.check(complete("https://esia.example", "ftp://user:pa55@proxy/"),
                Path.of("")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("epgu.url (EPGU_URL)")
                .hasMessageNotContaining("pa55");
    }
}
