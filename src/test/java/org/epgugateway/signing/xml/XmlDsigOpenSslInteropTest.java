package org.epgugateway.signing.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.epgugateway.signing.xml.TestXml.DS;
import static org.epgugateway.signing.xml.TestXml.REQUEST;
import static org.epgugateway.signing.xml.TestXml.REQUEST_NS;
import static org.epgugateway.signing.xml.TestXml.element;
import static org.epgugateway.signing.xml.TestXml.keys;
import static org.epgugateway.signing.xml.TestXml.parse;
import static org.epgugateway.signing.xml.TestXml.text;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

import org.epgugateway.demo.DemoAuthority.KeySize;
import org.epgugateway.signing.SigningKey;
import org.epgugateway.testsupport.OpenSslGost;
import org.epgugateway.testsupport.OpenSslGost.Result;
import org.epgugateway.testsupport.XmlLint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;

/**
 * The product's GOST XMLDSig against a verifier and a signer built from libxml2 and OpenSSL, which share no code with
 * Santuario or BouncyCastle: {@code xmllint --exc-c14n} canonicalises, the gost engine digests and signs.
 *
 * <p>Finding: OpenSSL's gost engine reads and writes the signature exactly as XMLDSig carries it (s||r, big-endian
 * halves, 64 or 128 bytes), so the decoded SignatureValue goes to {@code openssl dgst -verify} and OpenSSL's
 * {@code -sign} output goes into SignatureValue without any byte reordering, for 256- and 512-bit keys alike.
 * The parts of a signature are cut out of the serialised bytes as text, so no DOM code of the product is involved.
 * The product also verifies GOST R 34.10-2001 signatures made this way, which it accepts but never makes.
 */
// Limitation: the SMEV transform has no independent implementation on this machine, so these checks cover exclusive
// canonicalisation only; the SMEV transform is specified by SmevTransformTest alone
class XmlDsigOpenSslInteropTest {

    private static final String EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";

    @BeforeAll
    static void gost_engine_is_installed() {
        OpenSslGost.requireGostEngine();
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void enveloped_signature_of_the_product_verifies_with_xmllint_and_openssl(KeySize size, @TempDir Path folder)
            throws Exception {
        SigningKey key = keys().of(size);
        Document document = parse(REQUEST);
        new GostXmlSigner(key, XmlSignatureOptions.defaults()).signEnveloped(document.getDocumentElement());
        String signed = text(XmlBytes.of(document));

        // the enveloped-signature transform, done as text: the document without its ds:Signature element
        Files.writeString(folder.resolve("content.xml"), without(signed, "ds:Signature"));
        byte[] digest = openSslDigest(folder, size, XmlLint.exclusiveC14n(folder, "content.xml", "content.c14n"));
        Result signatureCheck = openSslVerifiesSignedInfo(folder, size, signed, key);

        assertThat(Base64.getEncoder().encodeToString(digest)).isEqualTo(between(signed, "ds:DigestValue"));
        assertThat(signatureCheck.stdout()).as(signatureCheck.stderr()).contains("Verified OK");
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void detached_signature_of_the_product_verifies_with_xmllint_and_openssl(KeySize size, @TempDir Path folder)
            throws Exception {
        SigningKey key = keys().of(size);
        Document document = parse(REQUEST);
        new GostXmlSigner(key, XmlSignatureOptions.defaults().withUris(UriFamily.XMLDSIG_MORE))
                .signDetached(element(document, "Data"), element(document, "Signatures"));
        String signed = text(XmlBytes.of(document));

        // the referenced element on its own, with the one namespace it uses: exclusive c14n keeps nothing else
        Files.writeString(folder.resolve("data.xml"), withNamespace(cut(signed, "req:Data"), "req", REQUEST_NS));
        byte[] digest = openSslDigest(folder, size, XmlLint.exclusiveC14n(folder, "data.xml", "data.c14n"));
        Result signatureCheck = openSslVerifiesSignedInfo(folder, size, signed, key);

        assertThat(Base64.getEncoder().encodeToString(digest)).isEqualTo(between(signed, "ds:DigestValue"));
        assertThat(signatureCheck.stdout()).as(signatureCheck.stderr()).contains("Verified OK");
    }

    @ParameterizedTest
    @EnumSource(KeySize.class)
    void openssl_rejects_the_product_signature_value_once_byte_reversed(KeySize size, @TempDir Path folder)
            throws Exception {
        SigningKey key = keys().of(size);
        Document document = parse(REQUEST);
        new GostXmlSigner(key, XmlSignatureOptions.defaults()).signEnveloped(document.getDocumentElement());
        String signed = text(XmlBytes.of(document));
        byte[] value = Base64.getDecoder().decode(between(signed, "ds:SignatureValue"));
        String reversed = signed.replace(between(signed, "ds:SignatureValue"),
                Base64.getEncoder().encodeToString(reverse(value)));

        Result signatureCheck = openSslVerifiesSignedInfo(folder, size, reversed, key);

        assertThat(signatureCheck.stdout()).contains("Verification failure");
    }

    @ParameterizedTest
    @CsvSource({
        "gost2012_256, md_gost12_256, urn:ietf:params:xml:ns:cpxmlsec:algorithms:, gostr34102012-gostr34112012-256, "
                + "gostr34112012-256",
        "gost2012_512, md_gost12_512, urn:ietf:params:xml:ns:cpxmlsec:algorithms:, gostr34102012-gostr34112012-512, "
                + "gostr34112012-512",
        "gost2012_256, md_gost12_256, http://www.w3.org/2001/04/xmldsig-more#, gostr34102012-gostr34112012-256, "
                + "gostr34112012-256",
        "gost2012_512, md_gost12_512, http://www.w3.org/2001/04/xmldsig-more#, gostr34102012-gostr34112012-512, "
                + "gostr34112012-512",
        "gost2001, md_gost94, urn:ietf:params:xml:ns:cpxmlsec:algorithms:, gostr34102001-gostr3411, gostr3411",
        "gost2001, md_gost94, http://www.w3.org/2001/04/xmldsig-more#, gostr34102001-gostr3411, gostr3411"})
    void product_verifies_a_signature_assembled_with_xmllint_and_openssl(String algorithm, String digestName,
            String family, String signatureMethod, String digestMethod, @TempDir Path folder) throws Exception {
        X509Certificate certificate = makeKeyAndCertificateWithOpenSsl(folder, algorithm, digestName);
        String data = "<req:Data Id=\"DATA\"><req:Name>ООО &quot;Интероп&quot; &amp; Co</req:Name><req:Empty/>"
                + "</req:Data>";
        Files.writeString(folder.resolve("data.xml"), withNamespace(data, "req", REQUEST_NS));
        XmlLint.exclusiveC14n(folder, "data.xml", "data.c14n");
        OpenSslGost.run(folder, "dgst", "-" + digestName, "-binary", "-out", "data.digest", "data.c14n")
                .requireSuccess();
        String signedInfo = "<ds:SignedInfo>"
                + "<ds:CanonicalizationMethod Algorithm=\"" + EXC_C14N + "\"/>"
                + "<ds:SignatureMethod Algorithm=\"" + family + signatureMethod + "\"/>"
                + "<ds:Reference URI=\"#DATA\"><ds:Transforms><ds:Transform Algorithm=\"" + EXC_C14N + "\"/>"
                + "</ds:Transforms><ds:DigestMethod Algorithm=\"" + family + digestMethod + "\"/>"
                + "<ds:DigestValue>" + base64(folder.resolve("data.digest")) + "</ds:DigestValue></ds:Reference>"
                + "</ds:SignedInfo>";
        Files.writeString(folder.resolve("signed-info.xml"), withNamespace(signedInfo, "ds", DS));
        XmlLint.exclusiveC14n(folder, "signed-info.xml", "signed-info.c14n");
        OpenSslGost.run(folder, "dgst", "-" + digestName, "-sign", "key.pem", "-out", "signature.bin",
                "signed-info.c14n").requireSuccess();
        String assembled = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<req:Request xmlns:req=\"" + REQUEST_NS + "\">" + data
                + "<ds:Signature xmlns:ds=\"" + DS + "\">" + signedInfo
                + "<ds:SignatureValue>" + base64(folder.resolve("signature.bin")) + "</ds:SignatureValue>"
                + "<ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
                + Base64.getEncoder().encodeToString(certificate.getEncoded())
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature></req:Request>";

        VerifiedXmlSignature verified = new XmlSignatureVerifier().verify(element(parse(assembled), "Signature"));

        assertThat(verified.signer()).isEqualTo(certificate);
        assertThat(verified.signatureMethod()).isEqualTo(family + signatureMethod);
        assertThat(verified.references()).containsExactly("#DATA");
    }

    private static Result openSslVerifiesSignedInfo(Path folder, KeySize size, String signed, SigningKey key)
            throws Exception {
        Files.writeString(folder.resolve("signed-info.xml"),
                withNamespace(cut(signed, "ds:SignedInfo"), "ds", DS));
        XmlLint.exclusiveC14n(folder, "signed-info.xml", "signed-info.c14n");
        Files.write(folder.resolve("signature.bin"), Base64.getDecoder().decode(between(signed, "ds:SignatureValue")));
        Files.writeString(folder.resolve("signer.pem"), pem(key.certificate()));
        OpenSslGost.run(folder, "x509", "-in", "signer.pem", "-pubkey", "-noout", "-out", "signer-key.pem")
                .requireSuccess();
        return OpenSslGost.run(folder, "dgst", "-" + digestName(size), "-verify", "signer-key.pem",
                "-signature", "signature.bin", "signed-info.c14n");
    }

    private static byte[] openSslDigest(Path folder, KeySize size, byte[] canonical) throws Exception {
        Files.write(folder.resolve("canonical.bin"), canonical);
        OpenSslGost.run(folder, "dgst", "-" + digestName(size), "-binary", "-out", "canonical.digest",
                "canonical.bin").requireSuccess();
        return Files.readAllBytes(folder.resolve("canonical.digest"));
    }

    private static X509Certificate makeKeyAndCertificateWithOpenSsl(Path folder, String algorithm, String digest)
            throws Exception {
        OpenSslGost.run(folder, "genpkey", "-algorithm", algorithm, "-pkeyopt", "paramset:A", "-out", "key.pem")
                .requireSuccess();
        OpenSslGost.run(folder, "req", "-new", "-x509", "-key", "key.pem", "-" + digest, "-days", "30",
                "-subj", "/CN=OOO Interop/O=OOO Interop/C=RU/OGRN=1027700123450", "-out", "cert.pem")
                .requireSuccess();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(folder.resolve("cert.pem"))));
    }

    private static String digestName(KeySize size) {
        return size == KeySize.GOST_2012_256 ? "md_gost12_256" : "md_gost12_512";
    }

    /** The element with this qualified name, start tag to end tag, as it stands in the text. */
    private static String cut(String xml, String qualifiedName) {
        int start = xml.indexOf("<" + qualifiedName);
        String end = "</" + qualifiedName + ">";
        return xml.substring(start, xml.indexOf(end, start) + end.length());
    }

    private static String without(String xml, String qualifiedName) {
        return xml.replace(cut(xml, qualifiedName), "");
    }

    private static String between(String xml, String qualifiedName) {
        String start = "<" + qualifiedName + ">";
        int from = xml.indexOf(start) + start.length();
        return xml.substring(from, xml.indexOf("</" + qualifiedName + ">", from));
    }

    /** Declares the namespace on the fragment's start tag, so that the fragment stands alone as a document. */
    private static String withNamespace(String fragment, String prefix, String namespace) {
        int nameEnd = fragment.indexOf(' ') > 0 && fragment.indexOf(' ') < fragment.indexOf('>')
                ? fragment.indexOf(' ') : fragment.indexOf('>');
        return fragment.substring(0, nameEnd) + " xmlns:" + prefix + "=\"" + namespace + "\""
                + fragment.substring(nameEnd);
    }

    private static String base64(Path file) throws Exception {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] reverse(byte[] value) {
        byte[] reversed = new byte[value.length];
        for (int i = 0; i < value.length; i++) {
            reversed[i] = value[value.length - 1 - i];
        }
        return reversed;
    }
}
