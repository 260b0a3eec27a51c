package org.epgugateway.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import org.epgugateway.config.GatewaySettings;
import org.epgugateway.signing.Certificates;
import org.epgugateway.signing.CmsVerifier;
import org.epgugateway.signing.OrganisationCertificate;
import org.epgugateway.signing.SigningConfiguration;
import org.epgugateway.signing.VerifiedSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: checks a detached CMS signature over a file, with the configured trust roots and revocation
 * sources, and tells who signed, when, and what was checked.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify a detached CMS signature (CAdES-BES or CAdES-T) over a file. Exit code 0: valid; "
                + "1: invalid, with the reason; 2: the configuration or a file cannot be used.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private SigningOptions options;

    @Parameters(paramLabel = "FILE", description = "The signed file.")
    private Path file;

    @Option(names = "--signature", paramLabel = "FILE", description = "The signature, DER or PEM (default: FILE.sig).")
    private Path signature;

    @Option(names = "--expect-certificate", paramLabel = "FILE",
            description = "Accept only signatures by the first certificate of this PEM file.")
    private Path expected;

    @Override
    public Integer call() {
        return SigningCommands.run(spec, () -> verify(spec.commandLine().getOut()));
    }

    private int verify(PrintWriter console) throws Exception {
        GatewaySettings settings = options.settings();
        CmsVerifier verifier = SigningConfiguration.loadVerifier(options.home(), settings);
        if (expected != null) {
            List<X509Certificate> certificates = Certificates.read(expected);
            verifier = verifier.expectingSigner(certificates.get(0));
        }
        Path signatureFile = signature != null ? signature : file.resolveSibling(file.getFileName() + ".sig");
        byte[] encoded = der(Files.readAllBytes(signatureFile));
        VerifiedSignature verified;
        try (InputStream in = Files.newInputStream(file)) {
            verified = verifier.verify(encoded, in);
        }
        console.printf("Signature valid: %s (signature %s)%n", file, signatureFile);
        console.printf("  signer:       %s%n", OrganisationCertificate.describe(verified.signer()));
        console.printf("  issuer:       %s%n",
                OrganisationCertificate.readableName(verified.signer().getIssuerX500Principal()));
        console.printf("  valid:        %s to %s%n", verified.signer().getNotBefore().toInstant(),
                verified.signer().getNotAfter().toInstant());
        console.printf("  signing time: %s%n", verified.signingTime().map(Object::toString).orElse("none"));
        console.printf("  timestamp:    %s%n", verified.timestamp().map(time -> time + " (CAdES-T)")
                .orElse(verified.certificateBound() ? "none (CAdES-BES)" : "none"));
        if (!verified.certificateBound()) {
            console.printf("  format:       plain CMS, not CAdES: no signingCertificateV2 binds the signer's "
                    + "certificate%n");
        }
        console.printf("  chain:        %s%n", verified.trustChecked()
                ? "trusted: chains to " + settings.get("signing.trust-roots", "") + revocation(settings)
                : "not checked: no trust roots configured (signing.trust-roots, --trust-roots)");
        return ExitCodes.OK;
    }

    private static String revocation(GatewaySettings settings) {
        String crls = settings.get("signing.crls", "");
        String ocsp = settings.get("signing.ocsp.url", "");
        if (crls.isEmpty() && ocsp.isEmpty()) {
            return "; revocation not checked (no CRLs or OCSP configured)";
        }
        return "; not revoked according to " + (crls.isEmpty() ? "" : "CRLs " + crls)
                + (crls.isEmpty() || ocsp.isEmpty() ? "" : " and ") + (ocsp.isEmpty() ? "" : "OCSP " + ocsp);
    }

    private static byte[] der(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.startsWith("-----BEGIN")) {
            return bytes;
        }
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z0-9 ]+-----", ""));
    }
}
