package org.epgugateway.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.concurrent.Callable;

import org.epgugateway.delivery.OutputPermissions;
import org.epgugateway.signing.OrganisationCertificate;
import org.epgugateway.signing.Signer;
import org.epgugateway.signing.SigningConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sign}: makes the detached signature {@code FILE.sig} of a file with the configured key, as the gateway
 * would; the file is streamed, so its size is not limited by memory.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign a file with the configured key: a detached CMS signature, CAdES-T when a TSA is "
                + "configured, CAdES-BES otherwise.")
final class SignCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SigningOptions options;

    @Parameters(paramLabel = "FILE", description = "The file to sign.")
    private Path file;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the signature (default: FILE.sig).")
    private Path out;

    @Option(names = "--no-timestamp", description = "Make CAdES-BES even when a TSA is configured.")
    private boolean noTimestamp;

    @Option(names = "--pem", description = "Write the signature as PEM (-----BEGIN CMS-----) instead of DER.")
    private boolean pem;

    @Override
    public Integer call() {
        return SigningCommands.run(spec, () -> sign(spec.commandLine().getOut()));
    }

    private int sign(PrintWriter console) throws Exception {
        Path target = out != null ? out : file.resolveSibling(file.getFileName() + ".sig");
        try (SigningConfiguration signing = SigningConfiguration.load(options.home(), options.settings())) {
            Signer signer = noTimestamp ? signing.signer() : signing.fileSigner();
            boolean timestamped = !noTimestamp && signing.timestampingSigner().isPresent();
            long started = System.nanoTime();
            byte[] signature;
            try (InputStream in = Files.newInputStream(file)) {
                signature = signer.signDetached(in);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            write(target, pem ? armour(signature) : signature, file);
            console.printf("Signed %s (%d bytes) as %s with %s in %d ms: %s%n", file, Files.size(file),
                    timestamped ? "CAdES-T" : "CAdES-BES", OrganisationCertificate.describe(signer.certificate()),
                    millis, target);
            return ExitCodes.OK;
        }
    }

    // written beside the target and moved, so that a reader never sees half a signature
    private static void write(Path target, byte[] bytes, Path signed) throws Exception {
        Path parent = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(parent, target.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, bytes);
            // a signature travels with the file it signs: as readable as that file, not owner-only as a temporary
            OutputPermissions.likeFile(signed).applyToFile(temporary);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] armour(byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return ("-----BEGIN CMS-----\n" + body + "\n-----END CMS-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
