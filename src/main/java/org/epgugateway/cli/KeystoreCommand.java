package org.epgugateway.cli;

import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.epgugateway.signing.OrganisationCertificate;
import org.epgugateway.signing.SignatureScheme;
import org.epgugateway.signing.SigningConfiguration;
import org.epgugateway.signing.SigningSelfCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code keystore}: looks at the configured signing key; {@code keystore info} prints it and runs the self-check.
 */
@Command(name = "keystore", mixinStandardHelpOptions = true, subcommands = KeystoreCommand.Info.class,
        description = "Inspect the configured signing key.")
final class KeystoreCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_CONFIGURATION;
    }

    /** {@code keystore info}: the key's certificate and chain, and whether it signs and verifies. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Show the configured key's certificate, chain and expiry, and sign and verify a probe "
                    + "with it. Exit code 0: the key works; 1: it cannot sign; 2: it cannot be loaded.")
    static final class Info implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Mixin
        private SigningOptions options;

        @Override
        public Integer call() {
            return SigningCommands.run(spec, () -> info(spec.commandLine().getOut()));
        }

        private int info(PrintWriter console) {
            try (SigningConfiguration signing = SigningConfiguration.load(options.home(), options.settings())) {
                X509Certificate certificate = signing.certificate();
                console.printf("Key source:    %s (%s)%n", signing.description(),
                        signing.kind().name().toLowerCase(Locale.ROOT));
                console.printf("Algorithm:     %s%n", SignatureScheme.of(certificate).description());
                console.printf("Certificate:   %s%n",
                        OrganisationCertificate.readableName(certificate.getSubjectX500Principal()));
                console.printf("OGRN:          %s%n", OrganisationCertificate.ogrn(certificate).orElse("none"));
                console.printf("INN (LE):      %s%n", OrganisationCertificate.innLe(certificate).orElse("none"));
                console.printf("Issuer:        %s%n",
                        OrganisationCertificate.readableName(certificate.getIssuerX500Principal()));
                console.printf("Serial:        %s%n", certificate.getSerialNumber().toString(16));
                console.printf("Valid:         %s to %s%n", certificate.getNotBefore().toInstant(),
                        certificate.getNotAfter().toInstant());
                for (X509Certificate link : signing.chain().subList(1, signing.chain().size())) {
                    console.printf("Chain:         %s%n",
                            OrganisationCertificate.readableName(link.getSubjectX500Principal()));
                }
                console.printf("Timestamps:    %s%n", signing.timestampingSigner().isPresent()
                        ? "CAdES-T from " + options.settings().get("signing.tsa.url", "") : "none (CAdES-BES)");
                SigningSelfCheck selfCheck = signing.selfCheck(Clock.systemUTC());
                SigningSelfCheck.Result result = selfCheck.run();
                console.printf("Days left:     %d%n", selfCheck.daysUntilExpiry());
                console.printf("Self-check:    %s: %s%n", result.passed() ? "PASSED" : "FAILED", result.message());
                return result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }
}
