package org.epgugateway.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading {@code emulator.faults.*}: every key, the scenario file, the shipped soak scenario, and clear errors.
 */
class FaultSettingsTest {

    @TempDir
    Path folder;

    @Test
    void without_fault_keys_the_plan_injects_nothing() {
        EmulatorSettings settings = EmulatorSettings.fromProperties(new Properties());

        assertThat(settings.faults().isEmpty()).isTrue();
        assertThat(EmulatorSettings.defaults().faults()).isSameAs(FaultPlan.none());
    }

    @Test
    void reads_every_fault_key() {
        Properties properties = new Properties();
        properties.setProperty("emulator.faults.seed", "42");
        properties.setProperty("emulator.faults.epgu.error-rate", "0.2");
        properties.setProperty("emulator.faults.epgu.error-mix", "503:3, 429, order_access:2");
        properties.setProperty("emulator.faults.epgu.retry-after", "PT5S");
        properties.setProperty("emulator.faults.epgu.latency", "PT0.1S..PT0.3S");
        properties.setProperty("emulator.faults.epgu.timeout-rate", "0.05");
        properties.setProperty("emulator.faults.epgu.timeout-at", "7, 9");
        properties.setProperty("emulator.faults.epgu.timeout-hold", "never");
        properties.setProperty("emulator.faults.epgu.timeout-lost", "answer");
        properties.setProperty("emulator.faults.push-chunked.reset-rate", "0.01");
        properties.setProperty("emulator.faults.push-chunked.reset-at", "40, 160");
        properties.setProperty("emulator.faults.push-chunked.reset-after-bytes", "1024");
        properties.setProperty("emulator.faults.order-create.burst-count", "20");
        properties.setProperty("emulator.faults.order-create.burst-after", "100");
        properties.setProperty("emulator.faults.order-create.burst-answer", "limitation_exception");
        properties.setProperty("emulator.faults.esia-outage.windows", "PT1M/PT60S, PT10M/PT5S");
        properties.setProperty("emulator.faults.esia-outage.answer", "reset");
        properties.setProperty("emulator.faults.token.lifetime", "PT90S");
        properties.setProperty("emulator.faults.token.max-uses", "100");
        properties.setProperty("emulator.faults.results.withheld-rate", "0.1");
        properties.setProperty("emulator.faults.answers.hostile", "zip-bomb, symlink");
        properties.setProperty("emulator.faults.answers.hostile-rate", "0.5");

        FaultPlan plan = EmulatorSettings.fromProperties(properties).faults();

        TargetRules epgu = plan.rules(FaultTarget.EPGU);
        TargetRules upload = plan.rules(FaultTarget.of(Endpoint.PUSH_CHUNKED));
        TargetRules create = plan.rules(FaultTarget.of(Endpoint.ORDER_CREATE));
        assertThat(plan.seed()).isEqualTo(42);
        assertThat(epgu.errorRate()).isEqualTo(0.2);
        assertThat(epgu.errorMix()).containsExactly(Map.entry(FaultAnswer.SERVICE_UNAVAILABLE, 3),
                Map.entry(FaultAnswer.TOO_MANY_REQUESTS, 1), Map.entry(FaultAnswer.ORDER_ACCESS, 2));
        assertThat(epgu.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(epgu.latencyMin()).isEqualTo(Duration.ofMillis(100));
        assertThat(epgu.latencyMax()).isEqualTo(Duration.ofMillis(300));
        assertThat(epgu.timeoutRate()).isEqualTo(0.05);
        assertThat(epgu.timeoutAt()).containsExactly(7L, 9L);
        assertThat(epgu.timeoutHold()).isEqualTo(FaultPlan.HOLD_FOREVER);
        assertThat(epgu.timeoutMode()).isEqualTo(TimeoutMode.ANSWER_LOST);
        assertThat(upload.resetRate()).isEqualTo(0.01);
        assertThat(upload.resetAt()).containsExactly(40L, 160L);
        assertThat(upload.resetAfterBytes()).isEqualTo(1024);
        assertThat(create.burst()).isEqualTo(new TargetRules.Burst(FaultAnswer.LIMITATION_EXCEPTION, 20, 100));
        assertThat(plan.esiaOutages()).containsExactly(
                new FaultPlan.OutageWindow(Duration.ofMinutes(1), Duration.ofSeconds(60)),
                new FaultPlan.OutageWindow(Duration.ofMinutes(10), Duration.ofSeconds(5)));
        assertThat(plan.esiaOutageMode()).isEqualTo(OutageMode.RESET);
        assertThat(plan.tokenLifetime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(plan.tokenMaxUses()).isEqualTo(100);
        assertThat(plan.withheldResultRate()).isEqualTo(0.1);
        assertThat(plan.hostileArchives()).containsExactly(HostileArchive.ZIP_BOMB, HostileArchive.SYMLINK);
        assertThat(plan.hostileRate()).isEqualTo(0.5);
    }

    @Test
    void a_scenario_file_is_read_and_direct_keys_lay_over_it() throws Exception {
        Path scenario = folder.resolve("scenario.properties");
        Files.writeString(scenario, "emulator.faults.seed = 7\n"
                + "emulator.faults.epgu.error-rate = 0.3\n"
                + "emulator.faults.answers.hostile = not-a-zip\n", StandardCharsets.UTF_8);
        Properties properties = new Properties();
        properties.setProperty("emulator.faults.scenario", scenario.toString());
        properties.setProperty("emulator.faults.epgu.error-rate", "0.1");

        FaultPlan plan = EmulatorSettings.fromProperties(properties).faults();

        assertThat(plan.seed()).isEqualTo(7);
        assertThat(plan.rules(FaultTarget.EPGU).errorRate()).isEqualTo(0.1);
        assertThat(plan.hostileArchives()).containsExactly(HostileArchive.NOT_A_ZIP);
        assertThat(plan.hostileRate()).isEqualTo(1.0);
    }

    @Test
    void the_shipped_soak_scenario_configures_the_whole_soak() {
        FaultPlan plan = FaultPlan.fromScenario(Path.of("config/faults/soak.properties"));

        TargetRules epgu = plan.rules(FaultTarget.EPGU);
        assertThat(epgu.errorRate()).isEqualTo(0.2);
        assertThat(epgu.errorMix()).containsOnlyKeys(FaultAnswer.INTERNAL_ERROR, FaultAnswer.BAD_GATEWAY,
                FaultAnswer.SERVICE_UNAVAILABLE, FaultAnswer.GATEWAY_TIMEOUT);
        assertThat(epgu.timeoutRate()).isEqualTo(0.05);
        assertThat(epgu.burst().answer()).isEqualTo(FaultAnswer.TOO_MANY_REQUESTS);
        assertThat(epgu.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.rules(FaultTarget.of(Endpoint.PUSH_CHUNKED)).resetAt()).hasSize(2);
        assertThat(plan.esiaOutages()).singleElement()
                .extracting(FaultPlan.OutageWindow::length).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void the_documented_properties_file_leaves_every_fault_off() throws Exception {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(Path.of("config/emulator.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }

        assertThat(EmulatorSettings.fromProperties(properties).faults().isEmpty()).isTrue();
    }

    @Test
    void a_bad_fault_key_or_value_is_an_error_naming_the_key() {
        for (Map.Entry<String, String> bad : List.of(
                Map.entry("emulator.faults.epgu.error-rates", "0.2"),
                Map.entry("emulator.faults.journal.error-rate", "0.2"),
                Map.entry("emulator.faults.orders.error-rate", "0.2"),
                Map.entry("emulator.faults.epgu.error-rate", "1.5"),
                Map.entry("emulator.faults.epgu.error-mix", "418"),
                Map.entry("emulator.faults.epgu.latency", "PT2S..PT1S"),
                Map.entry("emulator.faults.epgu.timeout-at", "0"),
                Map.entry("emulator.faults.epgu.timeout-lost", "both"),
                Map.entry("emulator.faults.esia-outage.windows", "PT1M"),
                Map.entry("emulator.faults.token.max-uses", "0"),
                Map.entry("emulator.faults.answers.hostile", "tarpit"))) {
            Properties properties = new Properties();
            properties.setProperty(bad.getKey(), bad.getValue());

            assertThatThrownBy(() -> EmulatorSettings.fromProperties(properties))
                    .as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.getKey());
        }
    }

    @Test
    void rates_of_one_target_that_add_up_to_more_than_1_are_refused() {
        Properties properties = new Properties();
        properties.setProperty("emulator.faults.epgu.error-rate", "0.7");
        properties.setProperty("emulator.faults.epgu.timeout-rate", "0.4");

        assertThatThrownBy(() -> EmulatorSettings.fromProperties(properties))
                .hasMessageContaining("emulator.faults.epgu")
                .hasMessageContaining("more than 1");
    }

    @Test
    void a_scenario_with_a_key_that_is_no_fault_key_is_refused_naming_file_and_key() throws Exception {
        Path scenario = folder.resolve("wrong.properties");
        Files.writeString(scenario, "emulator.port = 9000\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FaultPlan.fromScenario(scenario))
                .hasMessageContaining("wrong.properties")
                .hasMessageContaining("emulator.port");
    }

    @Test
    void a_missing_scenario_file_is_an_error_naming_it() {
        Properties properties = new Properties();
        properties.setProperty("emulator.faults.scenario", folder.resolve("missing.properties").toString());

        assertThatThrownBy(() -> EmulatorSettings.fromProperties(properties))
                .hasMessageContaining("emulator.faults.scenario")
                .hasMessageContaining("missing.properties");
    }

    @Test
    void withers_leave_the_original_plan_unchanged() {
        FaultPlan original = FaultPlan.none();

        FaultPlan changed = original.withErrors(FaultTarget.EPGU, 0.2).withSeed(3);

        assertThat(original.isEmpty()).isTrue();
        assertThat(changed.rules(FaultTarget.EPGU).errorMix()).hasSize(4);
        assertThat(changed.seed()).isEqualTo(3);
        assertThat(EmulatorSettings.defaults().withFaults(changed).faults()).isSameAs(changed);
    }
}
