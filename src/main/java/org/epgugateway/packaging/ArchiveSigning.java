package org.epgugateway.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.epgugateway.archive.ArchiveEntry;
import org.epgugateway.config.ArchiveSigningRules;
import org.epgugateway.config.ArchiveSigningRules.ElementName;
import org.epgugateway.config.ArchiveSigningRules.SignatureFile;
import org.epgugateway.config.ArchiveSigningRules.SignedDocument;
import org.epgugateway.config.ArchiveSigningRules.SignedElement;
import org.epgugateway.signing.SigningConfiguration;
import org.epgugateway.signing.xml.GostXmlSigner;
import org.epgugateway.signing.xml.XmlBytes;
import org.epgugateway.signing.xml.XmlSignatureOptions;
import org.epgugateway.signing.xml.XmlSigner;
import org.epgugateway.validation.InvalidDropException;
import org.epgugateway.validation.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Turns the documents of an upload into the archive's entries, signed as the service profile's
 * {@link ArchiveSigningRules} say: unchanged, each with a detached {@code X.sig}, with XML signatures inside, or with
 * {@code sign_config.xml} listing documents and their signature files.
 *
 * <p>Instances are thread-safe.
 */
public final class ArchiveSigning {

    /** A document built for the upload: its archive file name and its bytes. */
    public record ArchiveDocument(String name, byte[] content) {

        public ArchiveDocument {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
        }
    }

    private final UnaryOperator<byte[]> detachedSigner;
    private final Function<XmlSignatureOptions, XmlSigner> xmlSigners;

    /**
     * @param detachedSigner makes a DER detached CAdES-BES signature of the given bytes
     * @param xmlSigners makes an XML signer for the given options
     */
    public ArchiveSigning(UnaryOperator<byte[]> detachedSigner, Function<XmlSignatureOptions, XmlSigner> xmlSigners) {
        this.detachedSigner = Objects.requireNonNull(detachedSigner, "detachedSigner");
        this.xmlSigners = Objects.requireNonNull(xmlSigners, "xmlSigners");
    }

    /**
     * Signs with the organisation's key as configured: CMS by the configuration's file signer (CAdES-T when a
     * time-stamping authority is set), XMLDSig by {@link GostXmlSigner} when the private key was loaded from a file.
     */
    public static ArchiveSigning of(SigningConfiguration signing) {
        return new ArchiveSigning(signing.fileSigner()::signDetached, options -> signing.fileKey()
                .map(key -> (XmlSigner) new GostXmlSigner(key, options))
                // Limitation: XMLDSig needs the private key in the process; token and command keys sign CMS only
                .orElseThrow(() -> new IllegalStateException("XML signatures need a key from a PKCS#12 or PEM file; "
                        + "the configured " + signing.description() + " makes CMS signatures only")));
    }

    /**
     * Builds the archive entries: the documents in their order, each followed by its signature files, and
     * {@code sign_config.xml} last when the rules call for it.
     *
     * @param rules what the service signs
     * @param documents the documents in archive order
     * @return the entries to pack; never null
     * @throws InvalidDropException when a document cannot be signed as the rules say, for example when it lacks an
     *         element to sign; another attempt would not change that
     */
    public List<ArchiveEntry> entries(ArchiveSigningRules rules, List<ArchiveDocument> documents) {
        Objects.requireNonNull(rules, "rules");
        if (rules instanceof ArchiveSigningRules.None) {
            return unsigned(documents);
        }
        if (rules instanceof ArchiveSigningRules.CadesDetached) {
            return eachWithSignature(documents);
        }
        if (rules instanceof ArchiveSigningRules.XmlDsig xml) {
            return withXmlSignatures(xml, documents);
        }
        return withSignConfig((ArchiveSigningRules.SignConfig) rules, documents);
    }

    private static List<ArchiveEntry> unsigned(List<ArchiveDocument> documents) {
        return documents.stream().map(d -> ArchiveEntry.of(d.name(), d.content())).collect(Collectors.toList());
    }

    private List<ArchiveEntry> eachWithSignature(List<ArchiveDocument> documents) {
        List<ArchiveEntry> entries = new ArrayList<>();
        for (ArchiveDocument document : documents) {
            entries.add(ArchiveEntry.of(document.name(), document.content()));
            entries.add(ArchiveEntry.of(document.name() + ".sig", detachedSigner.apply(document.content())));
        }
        return entries;
    }

    private List<ArchiveEntry> withXmlSignatures(ArchiveSigningRules.XmlDsig rules, List<ArchiveDocument> documents) {
        ArchiveDocument target = named(documents, rules.document());
        XmlSigner signer = xmlSigners.apply(rules.options());
        Document xml = SafeXml.parse(target.content());
        for (SignedElement signed : rules.elements()) {
            List<Element> matches = elements(xml, signed.name());
            if (matches.isEmpty()) {
                throw notSignable(target.name() + " has no element " + signed.name() + " to sign");
            }
            Element container = signed.signatureIn().map(name -> onlyElement(xml, name, target.name())).orElse(null);
            for (Element element : matches) {
                sign(signer, element, container, target.name());
            }
        }
        byte[] signedBytes = XmlBytes.of(xml);
        List<ArchiveEntry> entries = new ArrayList<>();
        for (ArchiveDocument document : documents) {
            entries.add(ArchiveEntry.of(document.name(), document == target ? signedBytes : document.content()));
        }
        return entries;
    }

    private static void sign(XmlSigner signer, Element element, Element container, String documentName) {
        try {
            if (container == null) {
                signer.signEnveloped(element);
            } else {
                signer.signDetached(element, container);
            }
        } catch (IllegalArgumentException e) {
            throw notSignable(documentName + ": " + e.getMessage());
        }
    }

    private List<ArchiveEntry> withSignConfig(ArchiveSigningRules.SignConfig rules, List<ArchiveDocument> documents) {
        Map<String, SignedDocument> listed = rules.documents().stream()
                .collect(Collectors.toMap(SignedDocument::fileName, d -> d));
        for (SignedDocument document : rules.documents()) {
            named(documents, document.fileName()); // every listed document must be in the archive
        }
        List<ArchiveEntry> entries = new ArrayList<>();
        for (ArchiveDocument document : documents) {
            entries.add(ArchiveEntry.of(document.name(), document.content()));
            SignedDocument signed = listed.get(document.name());
            if (signed == null) {
                continue; // not listed: sent without a signature
            }
            // Limitation: the gateway holds one key, so every signature file listed for a document is made with it
            for (SignatureFile signature : signed.signatures()) {
                entries.add(ArchiveEntry.of(signature.fileName(), detachedSigner.apply(document.content())));
            }
        }
        entries.add(ArchiveEntry.of(ArchiveSigningRules.SIGN_CONFIG_FILE, SignConfigDocument.of(rules.documents())));
        return entries;
    }

    private static ArchiveDocument named(List<ArchiveDocument> documents, String name) {
        return documents.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() -> notSignable(
                "the signing rules name " + name + ", which is not among the archive's documents "
                        + documents.stream().map(ArchiveDocument::name).collect(Collectors.toList())));
    }

    private static List<Element> elements(Document xml, ElementName name) {
        NodeList candidates = xml.getElementsByTagNameNS("*", name.localName());
        List<Element> matches = new ArrayList<>();
        for (int i = 0; i < candidates.getLength(); i++) {
            Element candidate = (Element) candidates.item(i);
            if (name.matches(candidate)) {
                matches.add(candidate);
            }
        }
        return matches;
    }

    private static Element onlyElement(Document xml, ElementName name, String documentName) {
        List<Element> matches = elements(xml, name);
        if (matches.size() != 1) {
            throw notSignable(documentName + " has " + matches.size() + " elements " + name
                    + " to hold a signature; exactly one is needed");
        }
        return matches.get(0);
    }

    private static InvalidDropException notSignable(String message) {
        return new InvalidDropException("NOT_SIGNABLE", message);
    }
}
