package org.epgugateway.signing.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.epgugateway.signing.xml.TestXml.DS;
import static org.epgugateway.signing.xml.TestXml.REQUEST;
import static org.epgugateway.signing.xml.TestXml.element;
import static org.epgugateway.signing.xml.TestXml.keys;
import static org.epgugateway.signing.xml.TestXml.parse;
import static org.epgugateway.signing.xml.TestXml.text;

import java.util.List;

import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.signing.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class GostXmlSignerTest {

    static List<Arguments> everyKeySizeFamilyAndTransform() {
        return List.of(
                Arguments.of(KeySize.GOST_2012_256, UriFamily.CPXMLSEC_URN, false),
                Arguments.of(KeySize.GOST_2012_256, UriFamily.CPXMLSEC_URN, true),
                Arguments.of(KeySize.GOST_2012_256, UriFamily.XMLDSIG_MORE, false),
                Arguments.of(KeySize.GOST_2012_256, UriFamily.XMLDSIG_MORE, true),
                Arguments.of(KeySize.GOST_2012_512, UriFamily.CPXMLSEC_URN, false),
                Arguments.of(KeySize.GOST_2012_512, UriFamily.CPXMLSEC_URN, true),
                Arguments.of(KeySize.GOST_2012_512, UriFamily.XMLDSIG_MORE, false),
                Arguments.of(KeySize.GOST_2012_512, UriFamily.XMLDSIG_MORE, true));
    }

    @ParameterizedTest
    @MethodSource("everyKeySizeFamilyAndTransform")
    void enveloped_signature_of_the_whole_document_verifies_after_serialising_and_parsing_again(KeySize size,
            UriFamily family, boolean smev) {
        SigningKey key = keys().of(size);
        Document document = parse(REQUEST);

        new GostXmlSigner(key, new XmlSignatureOptions(family, smev)).signEnveloped(document.getDocumentElement());
        byte[] sent = XmlBytes.of(document);

        List<VerifiedXmlSignature> verified = new XmlSignatureVerifier().verifyAll(parse(sent));
        assertThat(verified).singleElement().satisfies(v -> {
            assertThat(v.signer()).isEqualTo(key.certificate());
            assertThat(v.references()).containsExactly("");
            assertThat(v.signatureMethod()).isEqualTo(GostXmlAlgorithm.forSigning(key.certificate())
                    .signatureUri(family));
        });
    }

    @ParameterizedTest
    @MethodSource("everyKeySizeFamilyAndTransform")
    void detached_signature_by_id_verifies_after_serialising_and_parsing_again(KeySize size, UriFamily family,
            boolean smev) {
        SigningKey key = keys().of(size);
        Document document = parse(REQUEST);

        new GostXmlSigner(key, new XmlSignatureOptions(family, smev))
                .signDetached(element(document, "Data"), element(document, "Signatures"));
        byte[] sent = XmlBytes.of(document);

        Document received = parse(sent);
        VerifiedXmlSignature verified = new XmlSignatureVerifier().verify(element(received, "Signature"));
        assertThat(verified.signer()).isEqualTo(key.certificate());
        assertThat(verified.references()).containsExactly("#DATA");
    }

    @Test
    void enveloped_signature_of_an_inner_element_refers_to_it_by_id_and_leaves_itself_out() {
        Document document = parse(REQUEST);
        Element data = element(document, "Data");

        Element signature = new GostXmlSigner(keys().key256(), XmlSignatureOptions.defaults()).signEnveloped(data);

        assertThat(signature.getParentNode()).isSameAs(data);
        assertThat(data.getLastChild()).isSameAs(signature);
        assertThat(new XmlSignatureVerifier().verify(element(parse(XmlBytes.of(document)), "Signature")).references())
                .containsExactly("#DATA");
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void signature_is_written_with_the_ds_prefix_and_no_carriage_return_entity(KeySize size) {
        Document document = parse(REQUEST);

        new GostXmlSigner(keys().of(size), XmlSignatureOptions.smev()).signEnveloped(document.getDocumentElement());
        String sent = text(XmlBytes.of(document));

        assertThat(sent).contains("<ds:Signature xmlns:ds=\"" + DS + "\">", "<ds:SignedInfo>", "<ds:SignatureValue>",
                "<ds:X509Certificate>");
        assertThat(sent).doesNotContain("&#13;", "&#xD;", "\r");
        String signatureValue = sent.substring(sent.indexOf("<ds:SignatureValue>") + "<ds:SignatureValue>".length(),
                sent.indexOf("</ds:SignatureValue>"));
        assertThat(signatureValue).doesNotContain("\n").matches("[A-Za-z0-9+/=]+");
    }

    @Test
    void references_use_exclusive_canonicalisation_then_the_smev_transform_when_configured() {
        Document document = parse(REQUEST);

        Element signature = new GostXmlSigner(keys().key256(), XmlSignatureOptions.smev())
                .signDetached(element(document, "Data"), element(document, "Signatures"));

        assertThat(algorithms(signature, "Transform")).containsExactly(
                "http://www.w3.org/2001/10/xml-exc-c14n#", SmevTransform.URI);
        assertThat(algorithms(signature, "CanonicalizationMethod"))
                .containsExactly("http://www.w3.org/2001/10/xml-exc-c14n#");
    }

    @Test
    void enveloped_reference_drops_the_signature_before_canonicalising_and_has_no_smev_transform_by_default() {
        Document document = parse(REQUEST);

        Element signature = new GostXmlSigner(keys().key256(), XmlSignatureOptions.defaults())
                .signEnveloped(document.getDocumentElement());

        assertThat(algorithms(signature, "Transform")).containsExactly(
                "http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#");
    }

    @ParameterizedTest
    @MethodSource("everyKeySizeFamilyAndTransform")
    void algorithm_uris_follow_the_key_size_and_the_configured_family(KeySize size, UriFamily family, boolean smev) {
        Document document = parse(REQUEST);
        String prefix = family == UriFamily.CPXMLSEC_URN
                ? "urn:ietf:params:xml:ns:cpxmlsec:algorithms:" : "http://www.w3.org/2001/04/xmldsig-more#";
        String bits = size == KeySize.GOST_2012_256 ? "256" : "512";

        Element signature = new GostXmlSigner(keys().of(size), new XmlSignatureOptions(family, smev))
                .signEnveloped(document.getDocumentElement());

        assertThat(algorithms(signature, "SignatureMethod"))
                .containsExactly(prefix + "gostr34102012-gostr34112012-" + bits);
        assertThat(algorithms(signature, "DigestMethod")).containsExactly(prefix + "gostr34112012-" + bits);
    }

    @Test
    void detached_signature_of_an_element_without_id_is_refused_and_leaves_the_document_unchanged() {
        Document document = parse(REQUEST);
        Element name = element(document, "Name");
        String before = text(XmlBytes.of(document));

        assertThatThrownBy(() -> new GostXmlSigner(keys().key256(), XmlSignatureOptions.defaults())
                .signDetached(name, element(document, "Signatures")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<req:Name> has no Id attribute");
        assertThat(text(XmlBytes.of(document))).isEqualTo(before);
    }

    @Test
    void detached_signature_cannot_go_inside_the_element_it_signs() {
        Document document = parse(REQUEST);

        assertThatThrownBy(() -> new GostXmlSigner(keys().key256(), XmlSignatureOptions.defaults())
                .signDetached(element(document, "Data"), element(document, "Empty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot go into <req:Empty>, which is inside it");
    }

    @Test
    void an_id_carried_twice_is_refused_as_ambiguous() {
        Document document = parse(REQUEST.replace("<req:Empty/>", "<req:Empty Id=\"DATA\"/>"));

        assertThatThrownBy(() -> new GostXmlSigner(keys().key256(), XmlSignatureOptions.defaults())
                .signDetached(element(document, "Data"), element(document, "Signatures")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Id 'DATA' is carried by 2 elements");
    }

    private static List<String> algorithms(Element signature, String localName) {
        List<String> found = new java.util.ArrayList<>();
        var nodes = signature.getElementsByTagNameNS(DS, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add(((Element) nodes.item(i)).getAttribute("Algorithm"));
        }
        return found;
    }
}
