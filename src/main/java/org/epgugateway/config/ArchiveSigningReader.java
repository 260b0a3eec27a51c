package org.epgugateway.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.epgugateway.config.ArchiveSigningRules.ElementName;
import org.epgugateway.config.ArchiveSigningRules.SignatureFile;
import org.epgugateway.config.ArchiveSigningRules.SignedDocument;
import org.epgugateway.config.ArchiveSigningRules.SignedElement;
import org.epgugateway.signing.xml.UriFamily;
import org.epgugateway.signing.xml.XmlSignatureOptions;

/**
 * Reads the {@code signing} setting of a service profile, with messages that name the file and the key.
 *
 * <pre>
 * signing: none                  # or: cades-detached
 *
 * signing:
 *   mode: xmldsig
 *   xmldsig:
 *     document: req.xml
 *     uris: urn                  # or xmldsig-more; urn when left out
 *     smev-transform: true       # false when left out
 *     elements:
 *       - "{urn:example}Request"           # enveloped signature inside each such element
 *       - element: Data                    # detached signature by Id ...
 *         signature-in: Signatures         # ... appended to this element
 *
 * signing:
 *   mode: sign-config
 *   sign-config:
 *     - document: req.xml
 *       description: Заявление           # optional
 *       signatures:                      # optional; one X.sig when left out
 *         - file: req.xml.sig
 *           description: Подпись организации
 * </pre>
 */
final class ArchiveSigningReader {

    private final Path file;
    private final Set<String> documents;

    /**
     * @param file the profile file, for messages
     * @param documents the archive file names the profile builds
     */
    ArchiveSigningReader(Path file, Set<String> documents) {
        this.file = file;
        this.documents = documents;
    }

    ArchiveSigningRules read(Object signing) {
        if (signing == null) {
            throw problem("'signing' is missing; use one of " + ArchiveSigningRules.MODES);
        }
        if (!(signing instanceof Map)) {
            return plainMode(signing.toString());
        }
        Map<String, Object> settings = ServiceProfiles.asMap(signing, file, "signing");
        String mode = text(settings, "mode", "signing");
        return switch (mode) {
            case "none", "cades-detached" -> plainMode(mode);
            case "xmldsig" -> xmlDsig(ServiceProfiles.asMap(settings.get("xmldsig"), file, "signing.xmldsig"));
            case "sign-config" -> signConfig(settings.get("sign-config"));
            default -> throw unknownMode(mode);
        };
    }

    private ArchiveSigningRules plainMode(String mode) {
        return switch (mode.strip().toLowerCase(Locale.ROOT)) {
            case "none" -> new ArchiveSigningRules.None();
            case "cades-detached" -> new ArchiveSigningRules.CadesDetached();
            case "xmldsig", "sign-config" -> throw problem("signing mode '" + mode.strip() + "' needs its settings: "
                    + "write 'signing: {mode: " + mode.strip() + ", " + mode.strip() + ": ...}'");
            default -> throw unknownMode(mode);
        };
    }

    private ArchiveSigningRules xmlDsig(Map<String, Object> settings) {
        String document = knownDocument(text(settings, "document", "signing.xmldsig"), "signing.xmldsig.document");
        UriFamily uris;
        try {
            uris = settings.get("uris") == null
                    ? UriFamily.CPXMLSEC_URN : UriFamily.fromConfigName(settings.get("uris").toString());
        } catch (IllegalArgumentException e) {
            throw problem("signing.xmldsig.uris: " + e.getMessage());
        }
        Object smev = settings.getOrDefault("smev-transform", Boolean.FALSE);
        if (!(smev instanceof Boolean)) {
            throw problem("signing.xmldsig.smev-transform must be true or false, not '" + smev + "'");
        }
        if (!(settings.get("elements") instanceof List<?> listed) || listed.isEmpty()) {
            throw problem("signing.xmldsig.elements must list the elements to sign");
        }
        List<SignedElement> elements = new ArrayList<>();
        for (Object entry : listed) {
            elements.add(signedElement(entry));
        }
        return new ArchiveSigningRules.XmlDsig(document, elements, new XmlSignatureOptions(uris, (Boolean) smev));
    }

    private SignedElement signedElement(Object entry) {
        if (entry instanceof Map) {
            Map<String, Object> settings = ServiceProfiles.asMap(entry, file, "signing.xmldsig.elements");
            Object container = settings.get("signature-in");
            return new SignedElement(elementName(text(settings, "element", "signing.xmldsig.elements")),
                    container == null ? Optional.empty() : Optional.of(elementName(container.toString())));
        }
        return new SignedElement(elementName(String.valueOf(entry)), Optional.empty());
    }

    private ElementName elementName(String text) {
        try {
            return ElementName.parse(text);
        } catch (IllegalArgumentException e) {
            throw problem("signing.xmldsig.elements: " + e.getMessage());
        }
    }

    private ArchiveSigningRules signConfig(Object listed) {
        if (!(listed instanceof List<?> entries) || entries.isEmpty()) {
            throw problem("signing.sign-config must list the documents to sign");
        }
        Set<String> names = new HashSet<>(documents);
        names.add(ArchiveSigningRules.SIGN_CONFIG_FILE);
        List<SignedDocument> signed = new ArrayList<>();
        for (Object entry : entries) {
            Map<String, Object> settings = ServiceProfiles.asMap(entry, file, "signing.sign-config");
            String document = knownDocument(text(settings, "document", "signing.sign-config"),
                    "signing.sign-config.document");
            List<SignatureFile> signatures = signatureFiles(document, settings.get("signatures"));
            for (SignatureFile signature : signatures) {
                if (!names.add(signature.fileName())) {
                    throw problem("signing.sign-config: the file name " + signature.fileName()
                            + " is used twice in the archive");
                }
            }
            signed.add(new SignedDocument(document, optionalText(settings, "description"), signatures));
        }
        return new ArchiveSigningRules.SignConfig(signed);
    }

    private List<SignatureFile> signatureFiles(String document, Object listed) {
        if (listed == null) {
            return List.of(new SignatureFile(document + ".sig", Optional.empty()));
        }
        if (!(listed instanceof List<?> entries) || entries.isEmpty()) {
            throw problem("signing.sign-config: 'signatures' of " + document + " must list at least one file");
        }
        List<SignatureFile> files = new ArrayList<>();
        for (Object entry : entries) {
            Map<String, Object> settings = ServiceProfiles.asMap(entry, file, "signing.sign-config.signatures");
            files.add(new SignatureFile(text(settings, "file", "signing.sign-config.signatures"),
                    optionalText(settings, "description")));
        }
        return files;
    }

    private String knownDocument(String name, String key) {
        if (!documents.contains(name)) {
            throw problem(key + " names " + name + ", which is not a document of this service; its documents: "
                    + documents);
        }
        return name;
    }

    private String text(Map<String, Object> parent, String key, String where) {
        Object value = parent.get(key);
        if (value == null || value.toString().isBlank()) {
            throw problem("'" + where + "." + key + "' is missing");
        }
        return value.toString().strip();
    }

    private static Optional<String> optionalText(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().strip());
    }

    private SettingsException unknownMode(String mode) {
        return problem("signing mode '" + mode.strip() + "' is unknown; use one of " + ArchiveSigningRules.MODES);
    }

    private SettingsException problem(String message) {
        return new SettingsException("Service profile " + file + ": " + message);
    }
}
