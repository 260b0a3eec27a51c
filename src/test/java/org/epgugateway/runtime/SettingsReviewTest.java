package org.epgugateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.config.SettingsException;
import org.epgugateway.testsupport.LogCapture;
import org.junit.jupiter.api.Test;

/** The look at the whole configuration before the gateway is built. */
class SettingsReviewTest {

    @Test
    void each_unknown_key_of_the_gateways_namespaces_gets_one_warning_and_the_start_goes_on() {
        Properties file = properties("gateway.inboxx", "data/in", "epgu.circuit.failure", "3",
                "acme.my-route.folder", "x", "camel.main.name", "gw");
        Properties system = properties("gateway.resume-intervall", "5s");
        GatewaySettings settings = GatewaySettings.of(file, Map.of(), system);

        List<String> warnings;
        try (LogCapture logs = LogCapture.start()) {
            assertThatCode(() -> SettingsReview.check(settings)).doesNotThrowAnyException();
            warnings = logs.lines().stream().filter(line -> line.startsWith("WARN")).toList();
        }

        assertThat(warnings).hasSize(3);
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("Setting gateway.inboxx (the configuration "
                + "file) is not one the gateway reads and is ignored; did you mean gateway.inbox?"));
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("epgu.circuit.failure")
                .contains("did you mean epgu.circuit.failures?"));
        assertThat(warnings).anySatisfy(line -> assertThat(line).contains("(-Dgateway.resume-intervall)")
                .contains("did you mean gateway.resume-interval?"));
    }

    @Test
    void a_number_that_is_not_one_stops_the_start_naming_the_setting() {
        GatewaySettings settings = GatewaySettings.of(new Properties(), Map.of("GATEWAY_WORKERS", "four"),
                new Properties());

        assertThatThrownBy(() -> SettingsReview.check(settings)).isInstanceOf(SettingsException.class)
                .hasMessage("Invalid configuration: gateway.workers (GATEWAY_WORKERS) must be a whole number, "
                        + "not 'four'");
    }

    @Test
    void the_runtime_checks_numbers_before_it_builds_anything() {
        GatewaySettings settings = GatewaySettings.of(new Properties(), Map.of("GATEWAY_WORKERS", "four"),
                new Properties());

        assertThatThrownBy(() -> GatewayRuntime.create(Path.of(""), settings)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("gateway.workers (GATEWAY_WORKERS)");
    }

    @Test
    void a_store_that_is_neither_h2_nor_postgresql_is_refused_without_showing_its_url() {
        GatewaySettings settings = GatewaySettings.of(properties("store.url",
                "jdbc:mysql://db.example:3306/gateway?user=gw&password=hunter22"), Map.of(), new Properties());

        assertThatThrownBy(() -> SettingsReview.check(settings)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("store.url (STORE_URL) names jdbc:mysql")
                .hasMessageContaining("only H2 (jdbc:h2:...) and PostgreSQL (jdbc:postgresql://")
                .hasMessageNotContaining("hunter22");
    }

    @Test
    void h2_and_postgresql_stores_pass() {
        for (String url : List.of("jdbc:h2:file:/var/lib/gw/store", "jdbc:postgresql://db:5432/gw")) {
            GatewaySettings settings = GatewaySettings.of(properties("store.url", url), Map.of(), new Properties());

            assertThatCode(() -> SettingsReview.check(settings)).as(url).doesNotThrowAnyException();
        }
    }

    private static Properties properties(String... pairs) {
        Properties properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }
}
