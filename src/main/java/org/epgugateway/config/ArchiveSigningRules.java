package org.epgugateway.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.epgugateway.signing.xml.XmlSignatureOptions;
import org.w3c.dom.Element;

/**
 * What a service signs inside its upload archive, as its profile's {@code signing} setting says.
 */
public sealed interface ArchiveSigningRules {

    /** The name of the file that lists documents and their signature files in {@link SignConfig} mode. */
    String SIGN_CONFIG_FILE = "sign_config.xml";

    /** The modes as written in profiles. */
    List<String> MODES = List.of("none", "cades-detached", "xmldsig", "sign-config");

    /** Nothing is signed: the archive holds the documents alone. */
    record None() implements ArchiveSigningRules {
    }

    /** Every file {@code X} of the archive gets a detached CAdES-BES signature {@code X.sig}. */
    record CadesDetached() implements ArchiveSigningRules {
    }

    /**
     * Named elements of one XML document get GOST XML signatures; the archive's other files stay as they are.
     *
     * @param document the archive file name of the document to sign
     * @param elements the elements to sign, in signing order; each match in the document is signed
     * @param options the URI family and whether the SMEV transform is used
     */
    record XmlDsig(String document, List<SignedElement> elements, XmlSignatureOptions options)
            implements ArchiveSigningRules {

        public XmlDsig {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(options, "options");
            elements = List.copyOf(elements);
            if (elements.isEmpty()) {
                throw new IllegalArgumentException("xmldsig signing names no element to sign");
            }
        }
    }

    /**
     * Listed documents get detached CAdES-BES signatures, and {@value #SIGN_CONFIG_FILE} says which signature file
     * belongs to which document.
     *
     * @param documents the documents to sign, in the order {@value #SIGN_CONFIG_FILE} lists them
     */
    record SignConfig(List<SignedDocument> documents) implements ArchiveSigningRules {

        public SignConfig {
            documents = List.copyOf(documents);
            if (documents.isEmpty()) {
                throw new IllegalArgumentException("sign-config signing lists no document");
            }
        }
    }

    /**
     * An element to sign in {@link XmlDsig} mode.
     *
     * @param name which elements
     * @param signatureIn where a detached signature goes; empty for a signature enveloped in the element itself
     */
    record SignedElement(ElementName name, Optional<ElementName> signatureIn) {

        public SignedElement {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(signatureIn, "signatureIn");
        }
    }

    /**
     * An element name as profiles write it: {@code LocalName} for any namespace, or {@code {namespace}LocalName}.
     *
     * @param namespace the namespace URI; empty when any namespace matches
     * @param localName the local name
     */
    record ElementName(Optional<String> namespace, String localName) {

        /**
         * Reads {@code LocalName} or {@code {namespace}LocalName}.
         *
         * @throws IllegalArgumentException when the text is neither
         */
        public static ElementName parse(String text) {
            String name = text == null ? "" : text.strip();
            if (name.startsWith("{")) {
                int close = name.indexOf('}');
                if (close < 0 || close == name.length() - 1) {
                    throw new IllegalArgumentException("'" + text + "' is not {namespace}LocalName");
                }
                return new ElementName(Optional.of(name.substring(1, close)), localPart(name.substring(close + 1)));
            }
            return new ElementName(Optional.empty(), localPart(name));
        }

        private static String localPart(String name) {
            if (name.isEmpty() || name.contains(":") || name.contains("{") || name.contains("}")
                    || name.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("'" + name + "' is not an element's local name");
            }
            return name;
        }

        /** Whether the element has this name. */
        public boolean matches(Element element) {
            String elementNamespace = element.getNamespaceURI() == null ? "" : element.getNamespaceURI();
            return localName.equals(element.getLocalName())
                    && namespace.map(elementNamespace::equals).orElse(true);
        }

        @Override
        public String toString() {
            return namespace.map(n -> "{" + n + "}").orElse("") + localName;
        }
    }

    /**
     * A document listed in {@value #SIGN_CONFIG_FILE}.
     *
     * @param fileName the document's archive file name
     * @param description the optional {@code documentDescription}
     * @param signatures its signature files, at least one
     */
    record SignedDocument(String fileName, Optional<String> description, List<SignatureFile> signatures) {

        public SignedDocument {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(description, "description");
            signatures = List.copyOf(signatures);
            if (signatures.isEmpty()) {
                throw new IllegalArgumentException(fileName + " has no signature file");
            }
        }
    }

    /**
     * One signature file of a document in {@value #SIGN_CONFIG_FILE}.
     *
     * @param fileName the {@code signFileName}
     * @param description the optional {@code signFileDescription}
     */
    record SignatureFile(String fileName, Optional<String> description) {

        public SignatureFile {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(description, "description");
        }
    }
}
