package org.epgugateway.signing.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.xml.security.algorithms.JCEMapper;
import org.apache.xml.security.algorithms.SignatureAlgorithm;
import org.apache.xml.security.transforms.Transform;
import org.apache.xml.security.utils.XMLUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

class GostXmlDsigTest {

    @Test
    void registration_from_many_threads_at_once_succeeds_and_later_calls_change_nothing() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Callable<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> {
                GostXmlDsig.register();
                return null;
            });
        }

        try {
            for (Future<Void> call : threads.invokeAll(calls)) {
                call.get();
            }
        } finally {
            threads.shutdownNow();
        }
        GostXmlDsig.register();

        assertThat(JCEMapper.translateURItoJCEID(GostXmlAlgorithm.GOST_2012_256.signatureUri(UriFamily.CPXMLSEC_URN)))
                .isEqualTo("GOST3411-2012-256WITHECGOST3410-2012-256");
    }

    @ParameterizedTest
    @EnumSource(UriFamily.class)
    void every_gost_signature_and_digest_uri_of_both_families_is_known_to_santuario(UriFamily family)
            throws Exception {
        GostXmlDsig.register();
        Document document = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder().newDocument();

        for (GostXmlAlgorithm algorithm : GostXmlAlgorithm.values()) {
            SignatureAlgorithm signature = new SignatureAlgorithm(document, algorithm.signatureUri(family));
            assertThat(signature.getJCEAlgorithmString()).isEqualTo(algorithm.signatureName());
            assertThat(signature.getJCEProviderName()).isEqualTo("BC");
            assertThat(JCEMapper.translateURItoJCEID(algorithm.digestUri(family))).isEqualTo(algorithm.digestName());
        }
    }

    @Test
    void smev_transform_is_registered_under_its_uri() throws Exception {
        GostXmlDsig.register();

        assertThatThrownBy(() -> Transform.register(SmevTransform.URI, SmevTransformSpi.class))
                .hasMessageContaining(SmevTransform.URI);
    }

    @Test
    void base64_line_breaks_are_switched_off_as_the_launcher_and_the_build_set_it() {
        GostXmlDsig.register();

        assertThat(XMLUtils.isIgnoreLineBreaks()).isTrue();
    }

    @Test
    void jsr_105_refuses_gost_which_is_why_santuario_is_used_directly() {
        XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");

        assertThatThrownBy(() -> factory.newSignatureMethod(
                GostXmlAlgorithm.GOST_2012_256.signatureUri(UriFamily.CPXMLSEC_URN), null))
                .isInstanceOf(NoSuchAlgorithmException.class);
    }
}
