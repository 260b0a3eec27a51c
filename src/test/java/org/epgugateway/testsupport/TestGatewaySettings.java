package org.epgugateway.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.epgugateway.demo.DemoKeys;
import org.epgugateway.emulator.EmulatorServer;

/**
 * Gateway settings for tests: folders under a test root, the emulator as ESIA and EPGU, the demo keys, and timers
 * short enough for tests.
 */
public final class TestGatewaySettings {

    private TestGatewaySettings() {
    }

    public static Map<String, String> forEmulator(Path root, EmulatorServer emulator, DemoKeys keys, UUID apiKey) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gateway.inbox", root.resolve("inbox").toString());
        settings.put("gateway.outbox", root.resolve("outbox").toString());
        settings.put("gateway.dead-letter", root.resolve("dead-letter").toString());
        settings.put("gateway.work", root.resolve("work").toString());
        settings.put("gateway.inbox.poll-delay", "200");
        settings.put("gateway.inbox.stable-time", "200");
        settings.put("gateway.resume-interval", "500");
        settings.put("esia.url", emulator.baseUrl().toString());
        settings.put("epgu.url", emulator.baseUrl().toString());
        settings.put("esia.api-key", apiKey.toString());
        settings.put("signing.keystore", keys.keystore().toAbsolutePath().toString());
        settings.put("signing.keystore-password", keys.password());
        settings.put("poll.cron", "0/1 * * * * ?");
        settings.put("retry.initial-delay", "200ms");
        settings.put("retry.max-delay", "2s");
        return settings;
    }
}
