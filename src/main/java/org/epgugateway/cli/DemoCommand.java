package org.epgugateway.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.epgugateway.demo.DemoRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code demo}: the whole road on this machine, with a throwaway test PKI and the bundled emulator.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Send the sample drops through the gateway to the bundled emulator and show where each landed.")
final class DemoCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Option(names = "--folder", paramLabel = "DIR", defaultValue = "demo",
            description = "The demo's folder: test keys are kept there, run files are made anew (default: "
                    + "${DEFAULT-VALUE}).")
    private Path folder;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "50",
            description = "How long to wait for the samples to land (default: ${DEFAULT-VALUE}).")
    private long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        ConfigOption.Loaded loaded = config.load();
        List<DemoRun.Landing> landings = new DemoRun(folder, loaded.home(), loaded.settings())
                .run(Duration.ofSeconds(timeoutSeconds));
        System.out.println();
        System.out.println("Demo results (" + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s):");
        for (DemoRun.Landing landing : landings) {
            System.out.printf("  %-24s %-9s (expected %-8s) %s%n", landing.drop(),
                    landing.state() == null ? "NOT LANDED" : landing.state(), landing.expected(),
                    landing.where().toAbsolutePath());
        }
        boolean allLanded = landings.stream().allMatch(DemoRun.Landing::landedAsExpected);
        System.out.println(allLanded ? "All samples landed." : "Some samples did not land as expected.");
        return allLanded ? 0 : 1;
    }
}
