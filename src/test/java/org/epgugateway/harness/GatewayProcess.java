package org.epgugateway.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One gateway as an operating-system process running the packaged jar, so it can be killed with SIGKILL and started
 * again on the same folders and store.
 */
final class GatewayProcess {

    private static final Path JAR = Path.of("target", "epgu-gateway.jar");

    private final String instanceId;
    private final Map<String, String> settings;
    private final Path logFolder;
    private Process process;
    private int starts;

    GatewayProcess(String instanceId, Map<String, String> settings, Path logFolder) {
        this.instanceId = instanceId;
        this.settings = settings;
        this.logFolder = logFolder;
    }

    String instanceId() {
        return instanceId;
    }

    void start() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dgateway.instance-id=" + instanceId);
        command.add("-Dcamel.management.port=" + freePort());
        command.addAll(List.of("-jar", JAR.toString()));
        starts++;
        Path log = logFolder.resolve(instanceId + "-" + starts + ".log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start gateway " + instanceId, e);
        }
    }

    /** Kills the process the hard way (SIGKILL on Linux): no shutdown hook, no graceful stop. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Asks the process to stop as an operator would (SIGTERM) and waits for it. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
