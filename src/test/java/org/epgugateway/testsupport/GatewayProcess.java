package org.epgugateway.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One gateway as an operating-system process running the packaged jar, so it can be killed with SIGKILL and started
 * again on the same folders and store.
 */
public final class GatewayProcess {

    private static final Path JAR = Path.of("target", "epgu-gateway.jar");

    private final String instanceId;
    private final Map<String, String> settings;
    private final Path logFolder;
    private final List<String> jvmOptions;
    private Process process;
    private int starts;
    private int managementPort;

    /**
     * @param settings gateway settings passed as {@code -Dkey=value}
     * @param logFolder where each run's console output goes ({@code <instance>-<run>.log})
     * @param jvmOptions further JVM options, e.g. another logging configuration
     */
    public GatewayProcess(String instanceId, Map<String, String> settings, Path logFolder, List<String> jvmOptions) {
        this.instanceId = instanceId;
        this.settings = settings;
        this.logFolder = logFolder;
        this.jvmOptions = jvmOptions;
    }

    public GatewayProcess(String instanceId, Map<String, String> settings, Path logFolder) {
        this(instanceId, settings, logFolder, List.of());
    }

    public String instanceId() {
        return instanceId;
    }

    public void start() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dgateway.instance-id=" + instanceId);
        managementPort = freePort();
        command.add("-Dcamel.management.port=" + managementPort);
        command.addAll(List.of("-jar", JAR.toString()));
        starts++;
        Path log = log();
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start gateway " + instanceId, e);
        }
    }

    /**
     * Waits until the gateway answers on its management port (its routes are started), or the time is up.
     *
     * @return whether it came up in time
     */
    public boolean awaitUp(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI live = URI.create("http://127.0.0.1:" + managementPort + "/observe/health/live");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && isAlive()) {
            try {
                if (http.send(HttpRequest.newBuilder(live).build(), BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** The console output of the current run. */
    public Path log() {
        return logFolder.resolve(instanceId + "-" + starts + ".log");
    }

    /** Kills the process the hard way (SIGKILL on Linux): no shutdown hook, no graceful stop. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Asks the process to stop as an operator would (SIGTERM) and waits for it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    public boolean isAlive() {
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
