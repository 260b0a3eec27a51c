package org.epgugateway.signing.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.epgugateway.signing.xml.TestXml.REQUEST;
import static org.epgugateway.signing.xml.TestXml.element;
import static org.epgugateway.signing.xml.TestXml.keys;
import static org.epgugateway.signing.xml.TestXml.parse;
import static org.epgugateway.signing.xml.TestXml.text;

import java.util.Base64;

import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.signing.SigningKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class XmlSignatureVerifierTest {

    private final XmlSignatureVerifier verifier = new XmlSignatureVerifier();

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void changed_signed_text_fails_naming_the_reference_whose_digest_differs(KeySize size) {
        String signed = signedDetached(keys().of(size), XmlSignatureOptions.smev());
        Document tampered = parse(signed.replace("партнёры", "партнеры"));

        assertThatThrownBy(() -> verifier.verify(element(tampered, "Signature")))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessage("The digest of reference '#DATA' does not match: the signed content was changed after "
                        + "signing");
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void reversed_signature_value_fails_as_little_endian(KeySize size) {
        Document document = parse(signedDetached(keys().of(size), XmlSignatureOptions.defaults()));
        rewriteSignatureValue(document, XmlSignatureVerifierTest::reversed);

        assertThatThrownBy(() -> verifier.verify(element(document, "Signature")))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessageContaining("SignatureValue by")
                .hasMessageContaining("is byte-reversed (little-endian, as CryptoAPI returns it)");
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void swapped_signature_value_halves_fail_as_r_before_s(KeySize size) {
        Document document = parse(signedDetached(keys().of(size), XmlSignatureOptions.defaults()));
        rewriteSignatureValue(document, XmlSignatureVerifierTest::halvesSwapped);

        assertThatThrownBy(() -> verifier.verify(element(document, "Signature")))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessageContaining("has its halves swapped (r||s); XMLDSig needs s||r");
    }

    @Test
    void changed_signed_info_fails_on_the_signature_value() {
        String signed = signedDetached(keys().key256(), XmlSignatureOptions.defaults());
        Document document = parse(signed.replace("URI=\"#DATA\"", "URI=\"#OTHER\"")
                .replace("<req:Signatures>", "<req:Signatures Id=\"OTHER\">"));

        assertThatThrownBy(() -> verifier.verify(element(document, "Signature")))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessageStartingWith("The SignatureValue does not verify with the key of ООО \"Ромашка\"")
                .hasMessageContaining("ds:SignedInfo was changed after signing, or another key made the signature");
    }

    @Test
    void certificate_of_another_key_in_key_info_fails_on_the_signature_value() throws Exception {
        String signed = signedDetached(keys().key256(), XmlSignatureOptions.defaults());
        String genuine = Base64.getEncoder().encodeToString(keys().key256().certificate().getEncoded());
        String stranger = Base64.getEncoder().encodeToString(keys().stranger().certificate().getEncoded());
        Document document = parse(signed.replace(genuine, stranger));

        assertThatThrownBy(() -> verifier.verify(element(document, "Signature")))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessageStartingWith("The SignatureValue does not verify with the key of ООО Чужая");
    }

    @Test
    void signature_carrying_another_certificate_than_the_expected_one_fails_naming_both() {
        Document document = parse(signedDetached(keys().key256(), XmlSignatureOptions.defaults()));

        assertThatThrownBy(() -> verifier.verify(element(document, "Signature"), keys().stranger().certificate()))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessageStartingWith("The signature carries the certificate of ООО \"Ромашка\"")
                .hasMessageContaining("not the expected ООО Чужая");
    }

    @Test
    void signature_verifies_with_the_expected_certificate() {
        Document document = parse(signedDetached(keys().key512(), XmlSignatureOptions.defaults()));

        VerifiedXmlSignature verified = verifier.verify(element(document, "Signature"), keys().key512().certificate());

        assertThat(verified.signer()).isEqualTo(keys().key512().certificate());
    }

    @Test
    void reference_to_an_id_no_element_carries_fails_naming_the_id() {
        String signed = signedDetached(keys().key256(), XmlSignatureOptions.defaults());
        Document document = parse(signed.replace("Id=\"DATA\"", "Id=\"RENAMED\""));

        assertThatThrownBy(() -> verifier.verify(element(document, "Signature")))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessage("Reference '#DATA' points at no element: no element has Id=\"DATA\"");
    }

    @Test
    void second_element_with_the_signed_id_fails_as_ambiguous() {
        String signed = signedDetached(keys().key256(), XmlSignatureOptions.defaults());
        Document document = parse(signed.replace("<req:Signatures>", "<req:Signatures><req:Data Id=\"DATA\"/>"));

        assertThatThrownBy(() -> verifier.verify(element(document, "Signature")))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessageContaining("Id 'DATA' is carried by 2 elements")
                .hasMessageContaining("signature wrapping");
    }

    @Test
    void signature_method_that_is_not_gost_is_refused_before_any_cryptography() {
        String signed = signedDetached(keys().key256(), XmlSignatureOptions.defaults());
        Document document = parse(signed.replace(
                "urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256",
                "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"));

        assertThatThrownBy(() -> verifier.verify(element(document, "Signature")))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessage("SignatureMethod http://www.w3.org/2001/04/xmldsig-more#rsa-sha256 is not a GOST R 34.10 "
                        + "algorithm; only GOST signatures are accepted");
    }

    @Test
    void signature_method_of_another_key_size_fails_naming_both_sizes() {
        String signed = signedDetached(keys().key256(), XmlSignatureOptions.defaults());
        Document document = parse(signed.replace("gostr34102012-gostr34112012-256", "gostr34102012-gostr34112012-512"));

        assertThatThrownBy(() -> verifier.verify(element(document, "Signature")))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessageContaining("needs a GOST_2012_512 key")
                .hasMessageContaining("holds GOST_2012_256");
    }

    @Test
    void external_reference_is_refused_so_that_nothing_is_fetched() {
        String signed = signedDetached(keys().key256(), XmlSignatureOptions.defaults());
        Document document = parse(signed.replace("URI=\"#DATA\"", "URI=\"http://localhost/data.xml\""));

        assertThatThrownBy(() -> verifier.verify(element(document, "Signature")))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessageContaining("does not point into this document by Id");
    }

    @Test
    void document_without_signature_fails() {
        assertThatThrownBy(() -> verifier.verifyAll(parse(REQUEST)))
                .isInstanceOf(XmlSignatureException.class)
                .hasMessage("The document holds no ds:Signature element");
    }

    @Test
    void signature_written_with_the_xmldsig_more_family_verifies_like_the_urn_family() {
        Document more = parse(signedDetached(keys().key256(), XmlSignatureOptions.defaults()
                .withUris(UriFamily.XMLDSIG_MORE)));
        Document urn = parse(signedDetached(keys().key256(), XmlSignatureOptions.defaults()));

        assertThat(verifier.verify(element(more, "Signature")).signatureMethod())
                .isEqualTo("http://www.w3.org/2001/04/xmldsig-more#gostr34102012-gostr34112012-256");
        assertThat(verifier.verify(element(urn, "Signature")).signatureMethod())
                .isEqualTo("urn:ietf:params:xml:ns:cpxmlsec:algorithms:gostr34102012-gostr34112012-256");
    }

    @Test
    void whitespace_added_inside_the_signed_element_breaks_plain_canonicalisation_but_not_the_smev_transform() {
        String plain = signedDetached(keys().key256(), XmlSignatureOptions.defaults());
        String smev = signedDetached(keys().key256(), XmlSignatureOptions.smev());

        Document reindentedPlain = parse(plain.replace("<req:Empty/>", "<req:Empty>\n      </req:Empty>"));
        Document reindentedSmev = parse(smev.replace("<req:Empty/>", "<req:Empty>\n      </req:Empty>"));

        assertThatThrownBy(() -> verifier.verify(element(reindentedPlain, "Signature")))
                .hasMessageContaining("The digest of reference '#DATA' does not match");
        assertThat(verifier.verify(element(reindentedSmev, "Signature")).references()).containsExactly("#DATA");
    }

    private static String signedDetached(SigningKey key, XmlSignatureOptions options) {
        Document document = parse(REQUEST);
        new GostXmlSigner(key, options).signDetached(element(document, "Data"), element(document, "Signatures"));
        return text(XmlBytes.of(document));
    }

    private static void rewriteSignatureValue(Document document, java.util.function.UnaryOperator<byte[]> change) {
        Element value = element(document, "SignatureValue");
        byte[] bytes = Base64.getDecoder().decode(value.getTextContent());
        value.setTextContent(Base64.getEncoder().encodeToString(change.apply(bytes)));
    }

    private static byte[] reversed(byte[] value) {
        byte[] reversed = new byte[value.length];
        for (int i = 0; i < value.length; i++) {
            reversed[i] = value[value.length - 1 - i];
        }
        return reversed;
    }

    private static byte[] halvesSwapped(byte[] value) {
        int half = value.length / 2;
        byte[] swapped = new byte[value.length];
        System.arraycopy(value, half, swapped, 0, half);
        System.arraycopy(value, 0, swapped, half, half);
        return swapped;
    }
}
