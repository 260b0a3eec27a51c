package org.epgugateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.epgugateway.config.ArchiveSigningRules.ElementName;
import org.epgugateway.config.ArchiveSigningRules.SignatureFile;
import org.epgugateway.config.ArchiveSigningRules.SignedDocument;
import org.epgugateway.config.ArchiveSigningRules.SignedElement;
import org.epgugateway.signing.xml.UriFamily;
import org.epgugateway.signing.xml.XmlSignatureOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code signing} setting of service profiles: the four modes, and clear errors for what is not one. */
class ServiceProfilesSigningTest {

    private static final Path SHIPPED = Path.of("config/services");
    private static final Path PROJECT = Path.of("");

    @TempDir
    Path folder;

    @Test
    void service_60010153_signs_nothing() {
        ServiceProfiles profiles = ServiceProfiles.load(SHIPPED, PROJECT);

        ServiceProfile profile = profiles.byServiceCode("60010153").orElseThrow();

        assertThat(profile.signing()).isEqualTo(new ArchiveSigningRules.None());
    }

    @Test
    void cades_detached_mode_is_read_from_a_plain_value_and_from_a_mapping() throws Exception {
        ArchiveSigningRules plain = load("signing: cades-detached");
        ArchiveSigningRules mapping = load("signing:\n  mode: cades-detached");

        assertThat(plain).isEqualTo(new ArchiveSigningRules.CadesDetached());
        assertThat(mapping).isEqualTo(new ArchiveSigningRules.CadesDetached());
    }

    @Test
    void xmldsig_mode_reads_the_document_the_elements_the_uri_family_and_the_smev_transform() throws Exception {
        ArchiveSigningRules rules = load("""
                signing:
                  mode: xmldsig
                  xmldsig:
                    document: req.xml
                    uris: xmldsig-more
                    smev-transform: true
                    elements:
                      - "{urn://x-artifacts-fssp-ru/mvv/smev3/epgu/1.0.1}Request"
                      - element: Data
                        signature-in: Signatures
                """);

        assertThat(rules).isEqualTo(new ArchiveSigningRules.XmlDsig("req.xml", List.of(
                new SignedElement(new ElementName(Optional.of("urn://x-artifacts-fssp-ru/mvv/smev3/epgu/1.0.1"),
                        "Request"), Optional.empty()),
                new SignedElement(ElementName.parse("Data"), Optional.of(ElementName.parse("Signatures")))),
                new XmlSignatureOptions(UriFamily.XMLDSIG_MORE, true)));
    }

    @Test
    void xmldsig_mode_defaults_to_urn_uris_without_the_smev_transform() throws Exception {
        ArchiveSigningRules rules = load("""
                signing:
                  mode: xmldsig
                  xmldsig:
                    document: piev_epgu.xml
                    elements: [IRequest]
                """);

        assertThat(((ArchiveSigningRules.XmlDsig) rules).options()).isEqualTo(XmlSignatureOptions.defaults());
    }

    @Test
    void sign_config_mode_reads_documents_descriptions_and_signature_files_with_x_sig_by_default() throws Exception {
        ArchiveSigningRules rules = load("""
                signing:
                  mode: sign-config
                  sign-config:
                    - document: req.xml
                      description: Запрос
                      signatures:
                        - file: req.xml.sig
                          description: Подпись организации
                    - document: piev_epgu.xml
                """);

        assertThat(rules).isEqualTo(new ArchiveSigningRules.SignConfig(List.of(
                new SignedDocument("req.xml", Optional.of("Запрос"),
                        List.of(new SignatureFile("req.xml.sig", Optional.of("Подпись организации")))),
                new SignedDocument("piev_epgu.xml", Optional.empty(),
                        List.of(new SignatureFile("piev_epgu.xml.sig", Optional.empty()))))));
    }

    @Test
    void unknown_mode_is_refused_listing_the_known_ones() {
        assertThatThrownBy(() -> load("signing: qualified"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("signing mode 'qualified' is unknown; use one of "
                        + "[none, cades-detached, xmldsig, sign-config]");
    }

    @Test
    void missing_signing_setting_is_refused() {
        assertThatThrownBy(() -> load(""))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("'signing' is missing");
    }

    @Test
    void xmldsig_as_a_plain_value_is_refused_because_it_needs_settings() {
        assertThatThrownBy(() -> load("signing: xmldsig"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("signing mode 'xmldsig' needs its settings");
    }

    @Test
    void xmldsig_of_a_document_the_service_does_not_build_is_refused() {
        assertThatThrownBy(() -> load("signing: {mode: xmldsig, xmldsig: {document: other.xml, elements: [A]}}"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("signing.xmldsig.document names other.xml, which is not a document of this "
                        + "service; its documents: [req.xml, piev_epgu.xml]");
    }

    @Test
    void unknown_uri_family_is_refused() {
        assertThatThrownBy(() -> load("signing: {mode: xmldsig, xmldsig: {document: req.xml, uris: gost, "
                + "elements: [A]}}"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("Unknown algorithm URI family 'gost'; use 'urn' or 'xmldsig-more'");
    }

    @Test
    void element_name_that_is_a_prefixed_name_is_refused() {
        assertThatThrownBy(() -> load("signing: {mode: xmldsig, xmldsig: {document: req.xml, elements: [ns:A]}}"))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("'ns:A' is not an element's local name");
    }

    @Test
    void sign_config_with_a_signature_file_named_like_a_document_is_refused() {
        assertThatThrownBy(() -> load("""
                signing:
                  mode: sign-config
                  sign-config:
                    - document: req.xml
                      signatures:
                        - file: piev_epgu.xml
                """))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("the file name piev_epgu.xml is used twice in the archive");
    }

    private ArchiveSigningRules load(String signing) throws Exception {
        String shipped = Files.readString(SHIPPED.resolve("60010153.yaml"));
        Files.writeString(folder.resolve("60010153.yaml"), shipped.replace("signing: none", signing));
        return ServiceProfiles.load(folder, PROJECT).byServiceCode("60010153").orElseThrow().signing();
    }
}
