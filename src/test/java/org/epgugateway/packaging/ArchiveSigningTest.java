package org.epgugateway.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.epgugateway.archive.ArchiveEntry;
import org.epgugateway.archive.FlatZipWriter;
import org.epgugateway.config.ArchiveSigningRules;
import org.epgugateway.config.ArchiveSigningRules.ElementName;
import org.epgugateway.config.ArchiveSigningRules.SignatureFile;
import org.epgugateway.config.ArchiveSigningRules.SignedDocument;
import org.epgugateway.config.ArchiveSigningRules.SignedElement;
import org.epgugateway.config.ServiceProfile;
import org.epgugateway.config.ServiceProfiles;
import org.epgugateway.demo.DemoAuthority;
import org.epgugateway.demo.DemoOrganisation;
import org.epgugateway.packaging.ArchiveSigning.ArchiveDocument;
import org.epgugateway.signing.CmsSigner;
import org.epgugateway.signing.CmsVerifier;
import org.epgugateway.signing.SigningKey;
import org.epgugateway.signing.xml.GostXmlSigner;
import org.epgugateway.signing.xml.VerifiedXmlSignature;
import org.epgugateway.signing.xml.XmlSignatureOptions;
import org.epgugateway.signing.xml.XmlSignatureVerifier;
import org.epgugateway.validation.InvalidDropException;
import org.epgugateway.validation.SafeXml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The archive's layout and signatures for each signing mode of a service profile. */
class ArchiveSigningTest {

    private static final String REQUEST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <req:Request xmlns:req="urn://example/request/1.0">
              <req:Data Id="DATA"><req:Name>ООО «Ромашка»</req:Name></req:Data>
              <req:Signatures/>
            </req:Request>
            """;
    private static final byte[] BUSINESS = "<app:Application xmlns:app=\"urn://example/app\">ok</app:Application>"
            .getBytes(StandardCharsets.UTF_8);

    private static SigningKey key;
    private static ArchiveSigning signing;

    @BeforeAll
    static void issue_key() {
        key = DemoAuthority.create().issue(DemoOrganisation.romashka());
        CmsSigner cms = new CmsSigner(key);
        signing = new ArchiveSigning(cms::signDetached, options -> new GostXmlSigner(key, options));
    }

    @Test
    void service_60010153_archive_holds_exactly_its_two_documents_unchanged() throws Exception {
        ServiceProfile profile = ServiceProfiles.load(Path.of("config/services"), Path.of(""))
                .byServiceCode("60010153").orElseThrow();

        Map<String, byte[]> archive = packed(signing.entries(profile.signing(), documents()));

        assertThat(archive.keySet()).containsExactly("req.xml", "piev_epgu.xml");
        assertThat(archive.get("req.xml")).isEqualTo(REQUEST.getBytes(StandardCharsets.UTF_8));
        assertThat(archive.get("piev_epgu.xml")).isEqualTo(BUSINESS);
    }

    @Test
    void cades_detached_mode_follows_each_file_with_its_signature_that_verifies_over_it() throws Exception {
        Map<String, byte[]> archive = packed(signing.entries(new ArchiveSigningRules.CadesDetached(), documents()));

        assertThat(archive.keySet()).containsExactly("req.xml", "req.xml.sig", "piev_epgu.xml", "piev_epgu.xml.sig");
        assertThat(new CmsVerifier().verifyDetached(archive.get("req.xml.sig"), archive.get("req.xml")))
                .isEqualTo(key.certificate());
        assertThat(new CmsVerifier().verifyDetached(archive.get("piev_epgu.xml.sig"), archive.get("piev_epgu.xml")))
                .isEqualTo(key.certificate());
    }

    @Test
    void xmldsig_mode_signs_the_named_elements_of_the_named_document_and_leaves_the_others_alone() throws Exception {
        ArchiveSigningRules rules = new ArchiveSigningRules.XmlDsig("req.xml", List.of(
                new SignedElement(ElementName.parse("Data"), Optional.of(ElementName.parse("Signatures"))),
                new SignedElement(ElementName.parse("{urn://example/request/1.0}Request"), Optional.empty())),
                XmlSignatureOptions.smev());

        Map<String, byte[]> archive = packed(signing.entries(rules, documents()));

        assertThat(archive.keySet()).containsExactly("req.xml", "piev_epgu.xml");
        assertThat(archive.get("piev_epgu.xml")).isEqualTo(BUSINESS);
        Document request = SafeXml.parse(archive.get("req.xml"));
        List<VerifiedXmlSignature> verified = new XmlSignatureVerifier().verifyAll(request);
        assertThat(verified).extracting(VerifiedXmlSignature::references)
                .containsExactly(List.of("#DATA"), List.of(""));
        assertThat(verified).extracting(VerifiedXmlSignature::signer).containsOnly(key.certificate());
        Element detached = (Element) request.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#",
                "Signature").item(0);
        assertThat(((Element) detached.getParentNode()).getLocalName()).isEqualTo("Signatures");
    }

    @Test
    void xmldsig_mode_refuses_a_document_without_the_element_to_sign_as_a_final_failure() {
        ArchiveSigningRules rules = new ArchiveSigningRules.XmlDsig("req.xml",
                List.of(new SignedElement(ElementName.parse("Missing"), Optional.empty())), XmlSignatureOptions.smev());

        assertThatThrownBy(() -> signing.entries(rules, documents()))
                .isInstanceOf(InvalidDropException.class)
                .hasMessage("req.xml has no element Missing to sign");
    }

    @Test
    void xmldsig_mode_refuses_an_inner_element_without_id() {
        ArchiveSigningRules rules = new ArchiveSigningRules.XmlDsig("req.xml",
                List.of(new SignedElement(ElementName.parse("Name"), Optional.empty())), XmlSignatureOptions.smev());

        assertThatThrownBy(() -> signing.entries(rules, documents()))
                .isInstanceOf(InvalidDropException.class)
                .hasMessageContaining("req.xml: <req:Name> has no Id attribute");
    }

    @Test
    void sign_config_mode_adds_listed_signatures_and_a_sign_config_naming_them() throws Exception {
        ArchiveSigningRules rules = new ArchiveSigningRules.SignConfig(List.of(new SignedDocument("piev_epgu.xml",
                Optional.of("Заявление"), List.of(new SignatureFile("piev_epgu.xml.sig",
                        Optional.of("Подпись организации"))))));

        Map<String, byte[]> archive = packed(signing.entries(rules, documents()));

        assertThat(archive.keySet()).containsExactly("req.xml", "piev_epgu.xml", "piev_epgu.xml.sig",
                "sign_config.xml");
        assertThat(new CmsVerifier().verifyDetached(archive.get("piev_epgu.xml.sig"), BUSINESS))
                .isEqualTo(key.certificate());
        assertThat(new String(archive.get("sign_config.xml"), StandardCharsets.UTF_8)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<signedAttachments><signedDocument><documentFileName>piev_epgu.xml</documentFileName>"
                        + "<documentDescription>Заявление</documentDescription><signData>"
                        + "<signFileName>piev_epgu.xml.sig</signFileName>"
                        + "<signFileDescription>Подпись организации</signFileDescription></signData>"
                        + "</signedDocument></signedAttachments>");
    }

    @Test
    void sign_config_listing_a_document_the_archive_lacks_is_refused() {
        ArchiveSigningRules rules = new ArchiveSigningRules.SignConfig(List.of(new SignedDocument("authority.xml",
                Optional.empty(), List.of(new SignatureFile("authority.xml.sig", Optional.empty())))));

        assertThatThrownBy(() -> signing.entries(rules, documents()))
                .isInstanceOf(InvalidDropException.class)
                .hasMessageContaining("the signing rules name authority.xml, which is not among the archive's "
                        + "documents [req.xml, piev_epgu.xml]");
    }

    private static List<ArchiveDocument> documents() {
        return List.of(new ArchiveDocument("req.xml", REQUEST.getBytes(StandardCharsets.UTF_8)),
                new ArchiveDocument("piev_epgu.xml", BUSINESS));
    }

    private static Map<String, byte[]> packed(List<ArchiveEntry> entries) throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        new FlatZipWriter(LocalDateTime.of(2026, 12, 4, 12, 0)).write(entries, zip);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.toByteArray()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }
}
