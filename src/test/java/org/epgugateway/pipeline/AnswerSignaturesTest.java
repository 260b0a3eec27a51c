package org.epgugateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.signing.CmsSigner;
import org.epgugateway.signing.CmsVerifier;
import org.epgugateway.signing.GostProvider;
import org.epgugateway.signing.SignatureVerificationException;
import org.epgugateway.signing.SigningKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures carried by an answer are checked before the answer reaches the outbox.
 */
class AnswerSignaturesTest {

    private static SigningKey agency;

    @TempDir
    Path answer;

    @BeforeAll
    static void keys() {
        GostProvider.install();
        agency = DemoAuthority.create().issue(new DemoOrganisation("ФССП России", "1047796859791", "7709576929"));
    }

    private void write(String name, byte[] content) throws Exception {
        Files.write(answer.resolve(name), content);
    }

    @Test
    void a_signed_answer_file_is_verified() throws Exception {
        byte[] content = "<answer/>".getBytes(StandardCharsets.UTF_8);
        write("answer.xml", content);
        write("answer.xml.sig", new CmsSigner(agency).signDetached(content));

        var verified = new AnswerSignatures(new CmsVerifier()).verify(answer, List.of("answer.xml", "answer.xml.sig"));

        assertThat(verified).singleElement().satisfies(v -> assertThat(v.signer()).isEqualTo(agency.certificate()));
    }

    @Test
    void a_changed_answer_file_is_refused_naming_it() throws Exception {
        write("answer.xml", "<answer>changed</answer>".getBytes(StandardCharsets.UTF_8));
        write("answer.xml.sig", new CmsSigner(agency).signDetached("<answer/>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> new AnswerSignatures(new CmsVerifier()).verify(answer,
                List.of("answer.xml", "answer.xml.sig")))
                .isInstanceOfSatisfying(SignatureVerificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SignatureVerificationException.Reason.CONTENT_MISMATCH);
                    assertThat(e.getMessage()).contains("answer.xml.sig");
                });
    }

    @Test
    void an_answer_without_signatures_passes_as_it_is() throws Exception {
        write("answer.xml", "<answer/>".getBytes(StandardCharsets.UTF_8));

        var verified = new AnswerSignatures(new CmsVerifier()).verify(answer, List.of("answer.xml"));

        assertThat(verified).isEmpty();
    }
}
