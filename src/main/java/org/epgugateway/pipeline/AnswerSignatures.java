package org.epgugateway.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.epgugateway.signing.OrganisationCertificate;
import org.epgugateway.signing.SignatureVerificationException;
import org.epgugateway.signing.SignatureVerifier;
import org.epgugateway.signing.VerifiedSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the detached signatures an answer carries: every file {@code X.sig} beside a file {@code X} must verify
 * over {@code X} (with the configured trust roots and revocation sources). An answer without signature files is
 * accepted as it is: service 60010153 signs none.
 */
public final class AnswerSignatures {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerSignatures.class);
    private static final String SUFFIX = ".sig";

    private final SignatureVerifier verifier;

    public AnswerSignatures(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    /**
     * Verifies each signed file of an unpacked answer.
     *
     * @param folder where the answer was unpacked
     * @param files the unpacked file names
     * @return the verified signatures, one per signed file; empty when the answer carries none
     * @throws SignatureVerificationException for the first signature that does not verify, naming its file
     */
    public List<VerifiedSignature> verify(Path folder, List<String> files) throws IOException {
        Set<String> present = Set.copyOf(files);
        List<VerifiedSignature> verified = new ArrayList<>();
        for (String name : files) {
            if (!name.endsWith(SUFFIX) || !present.contains(name.substring(0, name.length() - SUFFIX.length()))) {
                continue;
            }
            String signed = name.substring(0, name.length() - SUFFIX.length());
            byte[] signature = Files.readAllBytes(folder.resolve(name));
            try (InputStream content = Files.newInputStream(folder.resolve(signed))) {
                VerifiedSignature result = verifier.verify(signature, content);
                LOG.info("The answer's {} is signed by {}", signed, OrganisationCertificate.describe(result.signer()));
                verified.add(result);
            } catch (SignatureVerificationException e) {
                throw new SignatureVerificationException(e.reason(), "The answer's signature " + name + " over "
                        + signed + " does not verify: " + e.getMessage(), e);
            }
        }
        return verified;
    }
}
