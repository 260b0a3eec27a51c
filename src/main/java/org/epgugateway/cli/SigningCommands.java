package org.epgugateway.cli;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;

import org.epgugateway.config.SettingsException;
import org.epgugateway.signing.KeySourceException;
import org.epgugateway.signing.SignatureVerificationException;
import org.epgugateway.signing.SigningException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Error reporting shared by {@code sign}, {@code verify} and {@code keystore info}.
 */
final class SigningCommands {

    private SigningCommands() {
    }

    /** Runs the body and turns the signing module's exceptions into a message on standard error and an exit code. */
    static int run(CommandSpec spec, Callable<Integer> body) {
        try {
            return body.call();
        } catch (SignatureVerificationException e) {
            spec.commandLine().getErr().println("Signature INVALID (" + e.reason() + "): " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (SigningException e) {
            spec.commandLine().getErr().println("Signing failed: " + e.getMessage());
            return ExitCodes.FAILED;
        } catch (SettingsException | KeySourceException e) {
            spec.commandLine().getErr().println("Cannot use the signing configuration: " + e.getMessage());
            return ExitCodes.BAD_CONFIGURATION;
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("No such file: " + e.getFile());
            return ExitCodes.BAD_CONFIGURATION;
        } catch (UncheckedIOException e) {
            spec.commandLine().getErr().println("Cannot read: " + e.getMessage());
            return ExitCodes.BAD_CONFIGURATION;
        } catch (Exception e) {
            spec.commandLine().getErr().println("Failed: " + e);
            return ExitCodes.FAILED;
        }
    }
}
